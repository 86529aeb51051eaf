/**
 * Private name mangling (_Py_Mangle): inside a class body, and the functions and
 * comprehensions nested in it, an identifier `__spam` (at least two leading underscores, not
 * ending in two) stands for `_Class__spam`, with the class name's leading underscores
 * stripped. CPython applies it in the symbol table and compiler; heapscope rewrites the
 * AST once before both, so that every later stage sees the mangled names.
 *
 * Mangled: variable names, attribute names, parameter names, the names a def/class statement
 * binds, global/nonlocal declarations, import targets, match capture and class-pattern
 * attribute names. Not mangled: keyword argument names at a call, strings, dunder names.
 */
import type { Module, Stmt } from '../../python/ast.js';

export function manglePrivateNames(module: Module): Module {
  if (!containsClass(module.body)) return module;
  return { ...module, body: transform(module.body, null) as Stmt[] };
}

function mangle(name: string, privateName: string | null): string {
  if (privateName === null || !name.startsWith('__') || name.endsWith('__') || name.includes('.')) return name;
  return `_${privateName}${name}`;
}

/** The class name as used in mangled names (null when it is only underscores). */
function classPrivateName(name: string): string | null {
  const stripped = name.replace(/^_+/, '');
  return stripped === '' ? null : stripped;
}

type Any = Record<string, unknown>;

/** A copy of `node` with every identifier mangled for the class `priv` (null: outside classes). */
function transform(node: unknown, priv: string | null): unknown {
  if (Array.isArray(node)) return node.map((n) => transform(n, priv));
  // (typed arrays of bytes constants and other non-plain values are kept as they are)
  if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
  const n = node as Any;
  const out: Any = {};
  switch (n.kind) {
    case 'ClassDef': {
      const inner = classPrivateName(n.name as string);
      for (const [k, v] of Object.entries(n)) out[k] = k === 'body' ? transform(v, inner) : transform(v, priv);
      out.name = mangle(n.name as string, priv);
      return out;
    }
    case 'FunctionDef':
      for (const [k, v] of Object.entries(n)) out[k] = k === 'args' ? transformArguments(v as Any, priv) : transform(v, priv);
      out.name = mangle(n.name as string, priv);
      return out;
    case 'Lambda':
      for (const [k, v] of Object.entries(n)) out[k] = k === 'args' ? transformArguments(v as Any, priv) : transform(v, priv);
      return out;
    case 'Name':
      return { ...n, id: mangle(n.id as string, priv) };
    case 'Attribute':
      return { ...n, value: transform(n.value, priv), attr: mangle(n.attr as string, priv) };
    case 'Global':
    case 'Nonlocal':
      return { ...n, names: (n.names as string[]).map((x) => mangle(x, priv)) };
    case 'Import':
    case 'ImportFrom':
      // the bound name (asname, or the first component of a dotted import) is mangled
      return { ...n, names: (n.names as Any[]).map((a) => (a.asname ? { ...a, asname: mangle(a.asname as string, priv) } : { ...a, name: a.name === '*' ? a.name : mangle(a.name as string, priv) })) };
    case 'Call':
      return {
        ...n,
        func: transform(n.func, priv),
        args: transform(n.args, priv),
        keywords: (n.keywords as Any[]).map((k) => ({ ...k, value: transform(k.value, priv) })),
      };
    case 'MatchAs':
    case 'MatchStar':
      return { ...n, pattern: transform(n.pattern, priv), name: n.name === null ? null : mangle(n.name as string, priv) };
    case 'MatchMapping':
      return { ...n, keys: transform(n.keys, priv), patterns: transform(n.patterns, priv), rest: n.rest === null ? null : mangle(n.rest as string, priv) };
    case 'MatchClass':
      return { ...n, cls: transform(n.cls, priv), patterns: transform(n.patterns, priv), kwdAttrs: (n.kwdAttrs as string[]).map((x) => mangle(x, priv)), kwdPatterns: transform(n.kwdPatterns, priv) };
    default:
      break;
  }
  // an except handler's `as name`
  if ('type' in n && 'body' in n && 'name' in n && !('kind' in n)) {
    return { ...n, type: transform(n.type, priv), body: transform(n.body, priv), name: n.name === null ? null : mangle(n.name as string, priv) };
  }
  for (const [k, v] of Object.entries(n)) out[k] = transform(v, priv);
  return out;
}

function transformArguments(a: Any, priv: string | null): Any {
  const arg = (x: Any | null) => (x === null ? null : { ...x, arg: mangle(x.arg as string, priv), annotation: transform(x.annotation, priv) });
  return {
    ...a,
    posonlyargs: (a.posonlyargs as Any[]).map(arg),
    args: (a.args as Any[]).map(arg),
    vararg: arg(a.vararg as Any | null),
    kwonlyargs: (a.kwonlyargs as Any[]).map(arg),
    kwarg: arg(a.kwarg as Any | null),
    kwDefaults: transform(a.kwDefaults, priv),
    defaults: transform(a.defaults, priv),
  };
}

function containsClass(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsClass);
  if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return false;
  const n = node as Any;
  return n.kind === 'ClassDef' || Object.values(n).some(containsClass);
}
