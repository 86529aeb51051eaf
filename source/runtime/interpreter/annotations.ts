/**
 * PEP 563 (`from __future__ import annotations`): annotations are kept as the text the
 * compiler unparses from their AST (Python/ast_unparse.c), not evaluated. The common
 * annotation shapes are unparsed as CPython does (`Dict[str, int]`, `int | None`,
 * `'Node'`); anything rarer falls back to the source text.
 */
import type { Expr, Module, Stmt, Operator } from '../../python/ast.js';
import { strRepr } from '../objects/str.js';
import { floatRepr } from '../objects/float.js';
import { bytesRepr } from '../objects/bytes.js';

/** Does the module start with `from __future__ import annotations` (after a docstring)? */
export function hasFutureAnnotations(body: readonly Stmt[]): boolean {
  for (const st of body) {
    if (st.kind === 'Expr' && st.value.kind === 'Constant' && st.value.value.type === 'str') continue;
    if (st.kind !== 'ImportFrom' || st.module !== '__future__') return false;
    if (st.names.some((a) => a.name === 'annotations')) return true;
  }
  return false;
}

// Precedences of ast_unparse.c (higher binds tighter).
const PR = { TUPLE: 0, TEST: 1, OR: 2, AND: 3, NOT: 4, CMP: 5, BOR: 6, BXOR: 7, BAND: 8, SHIFT: 9, ARITH: 10, TERM: 11, FACTOR: 12, POWER: 13, AWAIT: 14, ATOM: 15 };

const BINOPS: Record<Operator, [string, number]> = {
  Add: ['+', PR.ARITH], Sub: ['-', PR.ARITH], Mult: ['*', PR.TERM], MatMult: ['@', PR.TERM], Div: ['/', PR.TERM],
  Mod: ['%', PR.TERM], FloorDiv: ['//', PR.TERM], Pow: ['**', PR.POWER], LShift: ['<<', PR.SHIFT], RShift: ['>>', PR.SHIFT],
  BitOr: ['|', PR.BOR], BitXor: ['^', PR.BXOR], BitAnd: ['&', PR.BAND],
};

class Fallback extends Error {}

function paren(text: string, inner: number, outer: number): string {
  return inner < outer ? `(${text})` : text;
}

function unparse(e: Expr, level: number): string {
  switch (e.kind) {
    case 'Name':
      return e.id;
    case 'Constant': {
      const v = e.value;
      switch (v.type) {
        case 'str': return strRepr(v.value);
        case 'int': return v.value.toString();
        case 'float': return floatRepr(v.value);
        case 'bool': return v.value ? 'True' : 'False';
        case 'None': return 'None';
        case 'Ellipsis': return '...';
        case 'bytes': return bytesRepr(v.value);
        default: throw new Fallback();
      }
    }
    case 'Attribute': {
      const value = unparse(e.value, PR.ATOM);
      return `${value}.${e.attr}`;
    }
    case 'Subscript': {
      const value = unparse(e.value, PR.ATOM);
      const s = e.slice;
      const index = s.kind === 'Tuple' && s.elts.length > 0 ? s.elts.map((x) => unparse(x, PR.TEST)).join(', ') : unparse(s, PR.TUPLE);
      return `${value}[${index}]`;
    }
    case 'Tuple': {
      if (e.elts.length === 0) return '()';
      const inner = e.elts.map((x) => unparse(x, PR.TEST)).join(', ') + (e.elts.length === 1 ? ',' : '');
      return paren(inner, PR.TUPLE, level);
    }
    case 'List':
      return `[${e.elts.map((x) => unparse(x, PR.TEST)).join(', ')}]`;
    case 'BinOp': {
      const [sym, pr] = BINOPS[e.op];
      const rightAssoc = e.op === 'Pow';
      const left = unparse(e.left, rightAssoc ? pr + 1 : pr);
      const right = unparse(e.right, rightAssoc ? pr : pr + 1);
      return paren(`${left} ${sym} ${right}`, pr, level);
    }
    case 'UnaryOp': {
      const sym = { Invert: '~', Not: 'not ', UAdd: '+', USub: '-' }[e.op];
      const pr = e.op === 'Not' ? PR.NOT : PR.FACTOR;
      return paren(`${sym}${unparse(e.operand, pr)}`, pr, level);
    }
    case 'Call': {
      const args = [...e.args.map((a) => unparse(a, PR.TEST)), ...e.keywords.map((k) => (k.arg === null ? `**${unparse(k.value, PR.TEST)}` : `${k.arg}=${unparse(k.value, PR.TEST)}`))];
      return `${unparse(e.func, PR.ATOM)}(${args.join(', ')})`;
    }
    case 'Starred':
      return `*${unparse(e.value, PR.BOR)}`;
    case 'Slice': {
      let out = e.lower ? unparse(e.lower, PR.TEST) : '';
      out += ':';
      if (e.upper) out += unparse(e.upper, PR.TEST);
      if (e.step) out += ':' + unparse(e.step, PR.TEST);
      return out;
    }
    default:
      throw new Fallback();
  }
}

/** The string an annotation becomes under PEP 563. */
export function annotationText(e: Expr, lines: readonly string[]): string {
  try {
    return unparse(e, PR.TEST);
  } catch (err) {
    if (!(err instanceof Fallback)) throw err;
    const first = lines[e.line - 1] ?? '';
    if (e.line === e.endLine) return first.slice(e.col, e.endCol);
    const parts = [first.slice(e.col)];
    for (let l = e.line + 1; l < e.endLine; l++) parts.push(lines[l - 1] ?? '');
    parts.push((lines[e.endLine - 1] ?? '').slice(0, e.endCol));
    return parts.map((p) => p.trim()).join(' ');
  }
}

export type { Module };
