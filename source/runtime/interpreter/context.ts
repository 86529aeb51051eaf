/**
 * State shared while compiling one module: the symbol table, the constant cache that
 * merges equal constants across the whole compilation unit (as CPython's compiler does),
 * and per-code-object naming of locals and cells.
 */
import type { Expr, Position } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import type { PyCode } from '../objects/function.js';
import type { Scope, SymbolTable } from './scope.js';
import type { CodeBody } from './code.js';
import { decref, incref } from '../heap/refcount.js';
import { internStr, type PyStr } from '../objects/str.js';
import { rt } from '../runtime.js';
import { labelSlot } from '../objects/slot-labels.js';

export class ModuleCompiler {
  /** Equal constants of the module share one object: the first one compiled. */
  readonly constCache = new Map<string, PyObject>();
  /**
   * Literal objects held by the parser's AST arena. In a main script the arena lives until
   * the module finishes, which gives every literal one extra reference (section 2.1).
   */
  readonly arena: PyObject[] = [];
  /** Literals that start an assignment's value (read once more by the parser). */
  readonly assignedFirstTokens = new Set<Expr>();
  readonly lines: string[];
  /** `from __future__ import annotations`: annotations compile to their text (PEP 563). */
  futureAnnotations = false;

  constructor(
    readonly symtable: SymbolTable,
    readonly filename: string,
    source: string,
  ) {
    this.lines = source.split('\n');
  }

  /**
   * The merged constant for a literal occurrence `fresh` (an owned new object): the arena
   * keeps `fresh`, and the first occurrence of each value becomes the shared constant.
   */
  mergeConstant(key: string, fresh: PyObject): PyObject {
    this.arena.push(fresh);
    const existing = this.constCache.get(key);
    if (existing !== undefined) return existing;
    this.constCache.set(key, fresh);
    return fresh;
  }
}

/** Compilation state of one code object (function, class body, module, comprehension). */
export class CodeContext {
  /** Fast local index by name. */
  readonly varIndex = new Map<string, number>();
  /** Index into frame.cells (cellvars first, then freevars). */
  readonly cellIndex = new Map<string, number>();
  /** Constants this code object references (co_consts), each held once. */
  private readonly consts = new Set<PyObject>();
  /** Names of globals, attributes and imports it uses (co_names), each held once. */
  private readonly names = new Set<string>();
  loopDepth = 0;
  /** Inside a `finally` or `except` body: `continue`/`break` may need cleanup. */
  handlerDepth = 0;
  /** loopDepth at the innermost enclosing except* body (-1: none), which break/continue/return may not leave. */
  exceptStarLoopDepth = -1;

  constructor(
    readonly module: ModuleCompiler,
    readonly scope: Scope,
    readonly body: CodeBody,
    readonly codeObject: PyCode,
    readonly qualname: string,
  ) {
    body.varnames.forEach((n, i) => this.varIndex.set(n, i));
    [...body.cellvars, ...body.freevars].forEach((n, i) => this.cellIndex.set(n, i));
  }

  get isGenerator(): boolean {
    return this.body.isGenerator;
  }

  /** Record that this code object uses `c` as a constant: co_consts holds one reference. */
  useConstant(c: PyObject): PyObject {
    if (!this.consts.has(c)) {
      this.consts.add(c);
      incref(c);
      this.codeObject.consts.push(c);
      rt.ev.refAdded(this.codeObject.serial, c.serial, labelSlot('co_consts'));
    }
    return c;
  }

  /** Record that this code object names `name` (co_names holds the interned str once); borrowed. */
  useName(name: string): PyStr {
    const s = internStr(name);
    if (this.names.has(name)) {
      decref(s);
      return s;
    }
    this.names.add(name);
    this.codeObject.names.push(s);
    rt.ev.refAdded(this.codeObject.serial, s.serial, labelSlot('co_names'));
    return s;
  }

  line(pos: Position): string {
    return this.module.lines[pos.line - 1] ?? '';
  }
}
