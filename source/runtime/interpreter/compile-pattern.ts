/**
 * Patterns (PEP 634) compiled as compile.c's compiler_pattern_* routines compile them:
 * the same compile-time errors at the same locations (its SET_LOC, which a sub-pattern
 * leaves behind), and at run time the same protocol calls, temporaries and reference
 * order as the MATCH_SEQUENCE / MATCH_MAPPING / MATCH_KEYS / MATCH_CLASS bytecode.
 *
 * A compiled pattern is a Matcher that consumes (owns) its subject, as compile.c's
 * routines consume the top of the stack. Captured values are appended to a capture log,
 * which plays the part of the values compile.c keeps on the stack until the whole
 * pattern has matched; on failure they are released as its fail_pop blocks pop them.
 */
import type { Pattern, PatternOf, Position } from '../../python/ast.js';
import { assertNever } from '../../python/ast.js';
import { PythonSyntaxError } from '../../python/syntax-error.js';
import type { PyObject } from '../objects/object.js';
import { EQ } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import type { ExprFn } from './code.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { None } from '../objects/singletons.js';
import { True, False, newInt, PyInt, intType } from '../objects/int.js';
import { floatType, PyFloat } from '../objects/float.js';
import { complexType, type PyComplex } from '../objects/complex.js';
import { internStr, PyStr, strType } from '../objects/str.js';
import { bytesType, PyBytes } from '../objects/bytes.js';
import { PyTuple } from '../objects/tuple.js';
import { newDict } from '../objects/dict.js';
import { dictMergeFrom } from '../objects/dict-methods.js';
import { collectionKind } from '../objects/collection-flags.js';
import { delItem, getItem, length, repr, richCompare } from '../protocols/abstract.js';
import { compileExpr } from './compile-expr.js';
import { compileConstantObject, compilerConstant, foldConstant, tupleConstant } from './constants.js';
import { unpack } from './ops.js';
import { buildTuple, getLen, matchClass, matchItems, matchKeys, popJumpIfFalse } from './match-ops.js';

/** Values captured so far, in capture order (after an OR: in its first alternative's order). */
export type CaptureLog = PyObject[];
/** Match a pattern against `subject` (consumed); captures go to the log. */
export type Matcher = (f: Frame, subject: PyObject, log: CaptureLog) => boolean;

export class PatternCompiler {
  /** The location of the instructions being emitted (compile.c's SET_LOC, never restored). */
  loc: Position;
  /** Names captured so far (pattern_context.stores). */
  stores: string[] = [];
  /** Whether an irrefutable pattern is allowed here. */
  allowIrrefutable = false;

  constructor(
    private readonly cx: CodeContext,
    at: Position,
  ) {
    this.loc = at;
  }

  private error(message: string): PythonSyntaxError {
    const p = this.loc;
    const endCol = p.endLine === p.line ? p.endCol + 1 : 0;
    return new PythonSyntaxError(message, this.cx.module.filename, p.line, p.col + 1, this.cx.line(p), 'SyntaxError', endCol);
  }

  pattern(p: Pattern): Matcher {
    this.loc = p;
    switch (p.kind) {
      case 'MatchValue':
        return this.value(p);
      case 'MatchSingleton':
        return this.singleton(p);
      case 'MatchSequence':
        return this.sequence(p);
      case 'MatchMapping':
        return this.mapping(p);
      case 'MatchClass':
        return this.classPattern(p);
      case 'MatchStar':
        return this.storeName(p.name);
      case 'MatchAs':
        return this.as(p);
      case 'MatchOr':
        return this.or(p);
      default:
        return assertNever(p, 'pattern');
    }
  }

  /** A pattern nested in another: captures are always allowed there. */
  private subpattern(p: Pattern): Matcher {
    const allow = this.allowIrrefutable;
    this.allowIrrefutable = true;
    const m = this.pattern(p);
    this.allowIrrefutable = allow;
    return m;
  }

  /** An int in co_consts (the lengths and indexes compile.c loads). */
  private intConstant(n: number): void {
    compilerConstant(newInt(n), this.cx);
  }

  /** pattern_helper_store_name: capture the subject under `name` (null pops it). */
  private storeName(name: string | null): Matcher {
    if (name === null) {
      return (_f, s) => {
        decref(s);
        return true;
      };
    }
    if (name === '__debug__') throw this.error('cannot assign to __debug__');
    if (this.stores.includes(name)) throw this.error(`multiple assignments to name '${name}' in pattern`);
    this.stores.push(name);
    return (_f, s, log) => {
      log.push(s);
      return true;
    };
  }

  private as(p: PatternOf<'MatchAs'>): Matcher {
    if (p.pattern === null) {
      if (!this.allowIrrefutable) {
        if (p.name !== null) throw this.error(`name capture '${p.name}' makes remaining patterns unreachable`);
        throw this.error('wildcard makes remaining patterns unreachable');
      }
      return this.storeName(p.name);
    }
    const inner = this.pattern(p.pattern);
    const store = this.storeName(p.name);
    return (f, s, log) => {
      incref(s);
      let ok: boolean;
      try {
        ok = inner(f, s, log);
      } catch (e) {
        decref(s);
        throw e;
      }
      if (!ok) {
        decref(s);
        return false;
      }
      return store(f, s, log);
    };
  }

  private value(p: PatternOf<'MatchValue'>): Matcher {
    // MATCH_VALUE_EXPR: a literal (after the AST optimizer folds `-1`, `1+2j`) or a.b
    const e = p.value;
    let value: ExprFn;
    if (e.kind === 'Attribute' || e.kind === 'Constant') value = compileExpr(e, this.cx);
    else {
      const folded = e.kind === 'UnaryOp' || e.kind === 'BinOp' ? foldConstant(e, this.cx) : null;
      if (folded === null) throw this.error('patterns may only match literals and attribute lookups');
      value = compileConstantObject(folded, this.cx);
    }
    const at = this.loc;
    return (f, s) => {
      let v: PyObject;
      try {
        v = value(f);
      } catch (err) {
        decref(s);
        throw err;
      }
      f.instr = at;
      let r: PyObject;
      try {
        r = richCompare(s, v, EQ);
      } finally {
        decref(s);
        decref(v);
      }
      return popJumpIfFalse(r);
    };
  }

  private singleton(p: PatternOf<'MatchSingleton'>): Matcher {
    const v = p.value.type === 'None' ? None : p.value.value ? True : False;
    this.cx.useConstant(v);
    return (_f, s) => {
      decref(s);
      return s === v;
    };
  }

  private sequence(p: PatternOf<'MatchSequence'>): Matcher {
    const patterns = p.patterns;
    const size = patterns.length;
    let star = -1;
    let onlyWildcard = true;
    let starWildcard = false;
    patterns.forEach((q, i) => {
      if (q.kind === 'MatchStar') {
        if (star >= 0) throw this.error('multiple starred names in sequence pattern');
        starWildcard = q.name === null;
        onlyWildcard &&= starWildcard;
        star = i;
      } else onlyWildcard &&= isWildcard(q);
    });
    const at = this.loc;
    // len(subject) == size, or >= size - 1 with a star (no check for a lone star)
    const lenCheck = star < 0 ? 'eq' : size > 1 ? 'ge' : null;
    if (lenCheck) this.intConstant(star < 0 ? size : size - 1);
    const check = (f: Frame, s: PyObject): boolean => {
      f.instr = at;
      if (collectionKind(s.type) !== 'sequence') return false;
      if (lenCheck === null) return true;
      const n = getLen(s);
      return lenCheck === 'eq' ? n === size : n >= size - 1;
    };
    if (onlyWildcard) {
      return (f, s) => {
        try {
          return check(f, s);
        } finally {
          decref(s);
        }
      };
    }
    if (starWildcard) return this.sequenceBySubscript(patterns, star, check);
    return this.sequenceByUnpacking(patterns, star, check, at);
  }

  /** pattern_helper_sequence_unpack: UNPACK_SEQUENCE / UNPACK_EX, then each sub-pattern. */
  private sequenceByUnpacking(patterns: readonly Pattern[], star: number, check: (f: Frame, s: PyObject) => boolean, at: Position): Matcher {
    const subs = patterns.map((q) => this.subpattern(q));
    const size = patterns.length;
    return (f, s, log) => {
      let items: PyObject[];
      try {
        if (!check(f, s)) return false;
        f.instr = at;
        items = unpack(s, size, star);
      } finally {
        decref(s);
      }
      return matchItems(f, items, subs, log);
    };
  }

  /** pattern_helper_sequence_subscr: `[a, *_, b]` reads subject[0] and subject[len - 1]. */
  private sequenceBySubscript(patterns: readonly Pattern[], star: number, check: (f: Frame, s: PyObject) => boolean): Matcher {
    const size = patterns.length;
    const steps: { index: number; fromEnd: boolean; sub: Matcher; at: Position }[] = [];
    patterns.forEach((q, i) => {
      if (isWildcard(q) || i === star) return;
      const at = this.loc;
      this.intConstant(i < star ? i : size - i);
      steps.push({ index: i < star ? i : size - i, fromEnd: i > star, at, sub: this.subpattern(q) });
    });
    return (f, s, log) => {
      try {
        if (!check(f, s)) return false;
        for (const step of steps) {
          f.instr = step.at;
          let index: PyObject;
          if (step.fromEnd) {
            // GET_LEN, then len - k (the subject may not support negative indexes)
            const n = length(s);
            const lenObj = newInt(n);
            index = newInt(n - step.index);
            decref(lenObj);
          } else index = newInt(step.index);
          let item: PyObject;
          try {
            item = getItem(s, index);
          } finally {
            decref(index);
          }
          if (!step.sub(f, item, log)) return false;
        }
        return true;
      } finally {
        decref(s);
      }
    };
  }

  private mapping(p: PatternOf<'MatchMapping'>): Matcher {
    const size = p.keys.length;
    const rest = p.rest;
    const at = this.loc;
    const check = (f: Frame, s: PyObject): boolean => {
      f.instr = at;
      if (collectionKind(s.type) !== 'mapping') return false;
      return size === 0 || getLen(s) >= size;
    };
    if (size === 0 && rest === null) {
      return (f, s) => {
        try {
          return check(f, s);
        } finally {
          decref(s);
        }
      };
    }
    if (size) this.intConstant(size);
    // Literal keys are compared at compile time; duplicates are a SyntaxError.
    const seen: string[] = [];
    const folded: (PyObject | null)[] = [];
    for (const key of p.keys) {
      const k = key.kind === 'Constant' || key.kind === 'UnaryOp' || key.kind === 'BinOp' ? foldConstant(key, this.cx) : null;
      if (k !== null) {
        const id = literalKey(k);
        if (seen.includes(id)) throw this.error(`mapping pattern checks duplicate key (${repr(k)})`);
        seen.push(id);
      } else if (key.kind !== 'Attribute') {
        throw this.error('mapping pattern keys may only match literals and attribute lookups');
      }
      folded.push(k);
    }
    // A tuple of literal keys is one constant (the optimizer folds the BUILD_TUPLE).
    const allConstant = folded.every((k) => k !== null);
    const keysConst = allConstant ? tupleConstant(folded.map((k) => newref(k!)), this.cx) : null;
    const keyExprs = allConstant ? [] : p.keys.map((key, i) => (folded[i] !== null ? compileConstantObject(folded[i]!, this.cx) : compileExpr(key, this.cx)));
    const subs = p.patterns.map((q) => this.subpattern(q));
    const dictAt = this.loc;
    const storeRest = rest !== null ? this.storeName(rest) : null;
    return (f, s, log) => {
      let keys: PyObject;
      let values: PyObject;
      try {
        if (!check(f, s)) {
          decref(s);
          return false;
        }
        keys = keysConst !== null ? newref(keysConst) : buildTuple(f, keyExprs);
      } catch (e) {
        decref(s);
        throw e;
      }
      try {
        f.instr = at;
        values = matchKeys(s, keys as PyTuple);
      } catch (e) {
        decref(keys);
        decref(s);
        throw e;
      }
      if (values === None) {
        decref(values);
        decref(keys);
        decref(s);
        return false;
      }
      const items = (values as PyTuple).items.map((x) => newref(x));
      decref(values);
      let ok: boolean;
      try {
        ok = matchItems(f, items, subs, log);
      } catch (e) {
        decref(keys);
        decref(s);
        throw e;
      }
      if (!ok) {
        decref(keys);
        decref(s);
        return false;
      }
      if (storeRest === null) {
        decref(keys);
        decref(s);
        return true;
      }
      // rest = dict(subject); del rest[key] for each key, last first
      f.instr = dictAt;
      const d = newDict();
      try {
        try {
          dictMergeFrom(d, s, true);
        } finally {
          decref(s);
        }
        const ks = (keys as PyTuple).items;
        for (let i = ks.length - 1; i >= 0; i--) delItem(d, ks[i]!);
      } catch (e) {
        decref(d);
        throw e;
      } finally {
        decref(keys);
      }
      return storeRest(f, d, log);
    };
  }

  private classPattern(p: PatternOf<'MatchClass'>): Matcher {
    const nargs = p.patterns.length;
    const attrs = p.kwdAttrs;
    if (attrs.length) {
      attrs.forEach((name, i) => {
        this.loc = p.kwdPatterns[i]!;
        if (name === '__debug__') throw this.error('cannot assign to __debug__');
        for (let j = i + 1; j < attrs.length; j++) {
          if (attrs[j] === name) {
            this.loc = p.kwdPatterns[j]!;
            throw this.error(`attribute name repeated in class pattern: ${name}`);
          }
        }
      });
      this.loc = p;
    }
    const cls = compileExpr(p.cls, this.cx);
    const names = tupleConstant(attrs.map((a) => internStr(a)), this.cx) as PyTuple;
    const at = this.loc;
    const all = [...p.patterns, ...p.kwdPatterns];
    const subs = all.map((q) => (isWildcard(q) ? null : this.subpattern(q)));
    return (f, s, log) => {
      let type: PyObject;
      try {
        type = cls(f);
      } catch (e) {
        decref(s);
        throw e;
      }
      f.instr = at;
      let matched: PyTuple | null;
      try {
        matched = matchClass(s, type, nargs, names);
      } finally {
        decref(type);
        decref(s);
      }
      if (matched === null) return false;
      const items = matched.items.map((x) => newref(x));
      decref(matched);
      return matchItems(f, items, subs, log);
    };
  }

  private or(p: PatternOf<'MatchOr'>): Matcher {
    const outer = this.stores;
    const allow = this.allowIrrefutable;
    let control: string[] | null = null;
    const alts: { match: Matcher; order: number[] | null }[] = [];
    p.patterns.forEach((alt, i) => {
      this.loc = alt;
      this.stores = [];
      // An irrefutable sub-pattern must be last, if it is allowed at all.
      this.allowIrrefutable = i === p.patterns.length - 1 && allow;
      const match = this.pattern(alt);
      let order: number[] | null = null;
      if (control === null) control = this.stores;
      else {
        if (this.stores.length !== control.length || control.some((n) => !this.stores.includes(n))) {
          throw this.error('alternative patterns bind different names');
        }
        // Captures of this alternative, reordered like the first alternative's.
        const stores = this.stores;
        if (control.some((n, k) => stores[k] !== n)) order = control.map((n) => stores.indexOf(n));
      }
      alts.push({ match, order });
    });
    this.stores = outer;
    this.allowIrrefutable = allow;
    for (const name of control!) {
      if (this.stores.includes(name)) throw this.error(`multiple assignments to name '${name}' in pattern`);
      this.stores.push(name);
    }
    return (f, s, log) => {
      const start = log.length;
      try {
        for (const alt of alts) {
          incref(s);
          if (alt.match(f, s, log)) {
            if (alt.order !== null) {
              const mine = log.splice(start);
              for (const k of alt.order) log.push(mine[k]!);
            }
            return true;
          }
          releaseFrom(log, start);
        }
        return false;
      } finally {
        decref(s);
      }
    };
  }
}

export function isWildcard(p: Pattern): boolean {
  return p.kind === 'MatchAs' && p.pattern === null && p.name === null;
}

/**
 * Drop the captures from `start` on (the fail_pop blocks). Each capture is rotated
 * beneath the earlier ones on the value stack, so the oldest is popped first.
 */
export function releaseFrom(log: CaptureLog, start: number): void {
  const dropped = log.splice(start);
  for (const v of dropped) decref(v);
}

/**
 * A JS key that is equal for literal constants Python considers equal (1 == 1.0 == True,
 * 1+0j == 1), for the compile-time duplicate key check.
 */
function literalKey(o: PyObject): string {
  const num = (x: number) => (Number.isInteger(x) && Math.abs(x) < 1e300 ? BigInt(x).toString() : String(x));
  if (o === True) return 'n1';
  if (o === False) return 'n0';
  if (o.type === intType) return 'n' + String((o as PyInt).v);
  if (o.type === floatType) return 'n' + num((o as PyFloat).v);
  if (o.type === complexType) {
    const c = o as PyComplex;
    return c.im === 0 ? "n" + num(c.re) : `c${num(c.re)},${num(c.im)}`;
  }
  if (o.type === strType) return 's' + (o as PyStr).v;
  if (o.type === bytesType) return 'b' + Array.from((o as PyBytes).v).join(',');
  if (o === None) return 'N';
  return 'o' + o.serial;
}
