/**
 * The body of a comprehension's hidden function: nested loops over the generators, the
 * conditions, and the append (or yield, for a generator expression) of the element.
 */
import type { Comprehension, ExprOf } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import { Completion } from './code.js';
import { decref } from '../heap/refcount.js';
import { newList, listAppendSteal, type PyList } from '../objects/list.js';
import { newSet, setAdd, type PySet } from '../objects/set.js';
import { newDict, dictSetSteal, type PyDict } from '../objects/dict.js';
import { getIter } from '../protocols/abstract.js';
import { compileExpr, compileIterable, compileTest } from './compile-expr.js';
import { compileStore } from './compile-stmt.js';
import { lineStarted } from './line-hook.js';
import { comprehensionStackSize } from './stack-depth.js';

type Loop = { iter: ((f: Frame) => PyObject) | null; store: (f: Frame, v: PyObject) => void; tests: ((f: Frame) => boolean)[]; pos: Comprehension['iter'] };

function compileLoops(generators: readonly Comprehension[], cx: CodeContext): Loop[] {
  return generators.map((g, i) => ({
    // The outermost iterable was evaluated by the caller and arrives as `.0`.
    iter: i === 0 ? null : compileIterable(g.iter, cx),
    store: compileStore(g.target, cx),
    tests: g.ifs.map((t) => compileTest(t, cx)),
    pos: g.iter,
  }));
}

export function compileComprehensionBody(e: ExprOf<'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'>, cx: CodeContext): void {
  const loops = compileLoops(e.generators, cx);
  const line = e.line;
  cx.body.stacksize = comprehensionStackSize(e);
  if (e.kind === 'GeneratorExp') {
    const elt = compileExpr(e.elt, cx);
    const run = function* (f: Frame, depth: number): Generator<PyObject, void, PyObject> {
      const loop = loops[depth]!;
      const it = depth === 0 ? f.locals[0]! : iterOf(loop, f);
      try {
        for (;;) {
          f.lineno = line;
          lineStarted(f);
          const v = it.type.iternext!(it);
          if (v === null) return;
          loop.store(f, v);
          if (!loop.tests.every((t) => t(f))) continue;
          if (depth + 1 < loops.length) yield* run(f, depth + 1);
          else decref(yield elt(f));
        }
      } finally {
        if (depth > 0) decref(it);
      }
    };
    cx.body.gen = function* (f) {
      yield* run(f, 0);
      return Completion.Normal;
    };
    return;
  }
  let add: (f: Frame, acc: PyObject) => void;
  let make: () => PyObject;
  if (e.kind === 'ListComp') {
    const elt = compileExpr(e.elt, cx);
    make = () => newList([], 0);
    add = (f, acc) => listAppendSteal(acc as PyList, elt(f));
  } else if (e.kind === 'SetComp') {
    const elt = compileExpr(e.elt, cx);
    make = () => newSet();
    add = (f, acc) => {
      const v = elt(f);
      try {
        setAdd(acc as PySet, v);
      } finally {
        decref(v);
      }
    };
  } else {
    const key = compileExpr(e.key, cx);
    const value = compileExpr(e.value, cx);
    make = () => newDict();
    add = (f, acc) => {
      const k = key(f);
      let v: PyObject;
      try {
        v = value(f);
      } catch (err) {
        decref(k);
        throw err;
      }
      dictSetSteal(acc as PyDict, k, v);
    };
  }
  const run = (f: Frame, depth: number, acc: PyObject): void => {
    const loop = loops[depth]!;
    const it = depth === 0 ? f.locals[0]! : iterOf(loop, f);
    const next = it.type.iternext!;
    try {
      for (;;) {
        f.lineno = line;
        lineStarted(f);
        const v = next(it);
        if (v === null) return;
        loop.store(f, v);
        let ok = true;
        for (const t of loop.tests) {
          if (!t(f)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (depth + 1 < loops.length) run(f, depth + 1, acc);
        else add(f, acc);
      }
    } finally {
      if (depth > 0) decref(it);
    }
  };
  cx.body.run = (f) => {
    const acc = make();
    try {
      run(f, 0, acc);
    } catch (err) {
      decref(acc);
      throw err;
    }
    f.retval = acc;
    return Completion.Return;
  };
}

function iterOf(loop: Loop, f: Frame): PyObject {
  const src = loop.iter!(f);
  f.instr = loop.pos;
  try {
    return getIter(src);
  } finally {
    decref(src);
  }
}
