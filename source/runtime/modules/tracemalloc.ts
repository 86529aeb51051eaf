/**
 * tracemalloc: traces of the memory blocks Python allocates, as CPython 3.11's
 * Modules/_tracemalloc.c keeps them, over heapscope's allocator model.
 *
 * While tracing, every PyObject/PyMem request (heap/allocator.ts) records its requested size
 * and the traceback of the Python frames at that moment (the most recent `nframe` of them,
 * most recent first; "<unknown>":0 outside any frame); freeing a block drops its trace;
 * a realloc'd block is traced anew at the reallocating line. Blocks allocated before
 * start() are not traced, and objects reused from free lists are not allocations.
 *
 * The native part is `_tracemalloc`; the `tracemalloc` module (Snapshot, Statistic,
 * StatisticDiff, Filter, Traceback, Frame) is Python (tracemalloc-py.ts), as in CPython.
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone } from '../objects/singletons.js';
import { newBool, newInt, PyInt } from '../objects/int.js';
import { newStr, PyStr } from '../objects/str.js';
import { newTuple } from '../objects/tuple.js';
import { newList } from '../objects/list.js';
import { bindArgs, exactlyOne, noArgs } from '../builtins/args.js';
import { typeName } from '../protocols/abstract.js';
import { rt } from '../runtime.js';
import type { MemoryTracer } from '../heap/allocator.js';
import { PAGE_SIZE } from '../heap/pymalloc.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { TRACEMALLOC_PY } from './tracemalloc-py.js';

/** Resident memory `import tracemalloc` adds in CPython 3.11.7 (fnmatch, pickle, ...): 0.57 MiB measured. */
export const TRACEMALLOC_IMPORT_PAGES = 146;

/** A traceback: frames as (filename, lineno), most recent first. */
type Frames = readonly (readonly [string, number])[];

/** Tracebacks interned by content (CPython's tracemalloc_tracebacks), numbered from 0. */
class TracebackTable {
  readonly frames: Frames[] = [[['<unknown>', 0]]];
  private readonly single = new Map<string, Map<number, number>>();
  private readonly multi = new Map<string, number>();

  /** The traceback of the running code, up to `limit` frames. */
  current(limit: number): number {
    let f = rt.frame;
    if (f === null) return 0;
    if (limit === 1) {
      const file = f.code.filename;
      let lines = this.single.get(file);
      if (lines === undefined) this.single.set(file, (lines = new Map()));
      let id = lines.get(f.lineno);
      if (id === undefined) {
        id = this.frames.length;
        this.frames.push([[file, f.lineno]]);
        lines.set(f.lineno, id);
      }
      return id;
    }
    const frames: [string, number][] = [];
    for (; f !== null && frames.length < limit; f = f.back) frames.push([f.code.filename, f.lineno]);
    const key = frames.map(([file, line]) => `${line}\u0000${file}`).join('\u0001');
    let id = this.multi.get(key);
    if (id === undefined) {
      id = this.frames.length;
      this.frames.push(frames);
      this.multi.set(key, id);
    }
    return id;
  }
}

/** The traces of one tracing session: address → (size, traceback, total frames). */
export class TraceStore implements MemoryTracer {
  private readonly slots = new Map<number, number>();
  private sizes: number[] = [];
  private tracebacks: number[] = [];
  private depths: number[] = [];
  private freeSlots: number[] = [];
  readonly table = new TracebackTable();
  traced = 0;
  peak = 0;
  /** While > 0, allocations are not traced (tracemalloc's own work: set_reentrant). */
  suspended = 0;

  constructor(public limit: number) {}

  alloc(address: number, size: number): void {
    if (this.suspended !== 0) return;
    let slot = this.slots.get(address);
    if (slot !== undefined) this.traced -= this.sizes[slot]!;
    else {
      slot = this.freeSlots.length ? this.freeSlots.pop()! : this.sizes.length;
      this.slots.set(address, slot);
    }
    this.sizes[slot] = size;
    this.tracebacks[slot] = this.table.current(this.limit);
    this.depths[slot] = rt.depth || 1;
    this.traced += size;
    if (this.traced > this.peak) this.peak = this.traced;
  }

  free(address: number): void {
    const slot = this.slots.get(address);
    if (slot === undefined) return;
    this.slots.delete(address);
    this.traced -= this.sizes[slot]!;
    this.freeSlots.push(slot);
  }

  clear(): void {
    this.slots.clear();
    this.sizes = [];
    this.tracebacks = [];
    this.depths = [];
    this.freeSlots = [];
    this.traced = 0;
    this.peak = 0;
  }

  get count(): number {
    return this.slots.size;
  }

  /** Each live trace: size, traceback number, total frames. */
  forEach(fn: (size: number, traceback: number, depth: number) => void): void {
    for (const slot of this.slots.values()) fn(this.sizes[slot]!, this.tracebacks[slot]!, this.depths[slot]!);
  }

  /** The trace of the block at `address`, if traced. */
  lookup(address: number): { size: number; traceback: number; depth: number } | null {
    const slot = this.slots.get(address);
    if (slot === undefined) return null;
    return { size: this.sizes[slot]!, traceback: this.tracebacks[slot]!, depth: this.depths[slot]! };
  }
}

type State = { store: TraceStore | null; limit: number };

function state(): State {
  let s = rt.state.get('tracemalloc') as State | undefined;
  if (!s) rt.state.set('tracemalloc', (s = { store: null, limit: 1 }));
  return s;
}

/** Python tuple of a traceback's frames, ((filename, lineno), ...), most recent first. */
function framesTuple(frames: Frames): PyObject {
  return newTuple(frames.map(([file, line]) => newTuple([newStr(file), newInt(line)])));
}

function createNativeModule(): PyModule {
  const m = newModule('_tracemalloc');
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  const st = state();

  def('start', (_s, args, kw) => {
    const [n] = bindArgs('start', args, kw, ['nframe'], 0, 1);
    let limit = 1;
    if (n !== undefined) {
      if (!(n instanceof PyInt)) throw pyError(E.TypeError!, `'${typeName(n)}' object cannot be interpreted as an integer`);
      limit = Number(n.v);
      if (limit < 1 || limit > 65535) throw pyError(E.ValueError!, 'the number of frames must be in range [1; 65535]');
    }
    st.limit = limit;
    if (st.store !== null) {
      st.store.limit = limit;
      return newNone();
    }
    st.store = new TraceStore(limit);
    rt.heap.allocator.tracer = st.store;
    return newNone();
  });
  def('stop', (_s, args, kw) => {
    noArgs('stop', args, kw);
    if (st.store !== null) {
      rt.heap.allocator.tracer = null;
      st.store = null;
    }
    return newNone();
  });
  def('is_tracing', (_s, args, kw) => {
    noArgs('is_tracing', args, kw);
    return newBool(st.store !== null);
  });
  def('clear_traces', (_s, args, kw) => {
    noArgs('clear_traces', args, kw);
    st.store?.clear();
    return newNone();
  });
  def('get_traceback_limit', (_s, args, kw) => {
    noArgs('get_traceback_limit', args, kw);
    return newInt(st.limit);
  });
  def('get_traced_memory', (_s, args, kw) => {
    noArgs('get_traced_memory', args, kw);
    const s = st.store;
    return newTuple([newInt(s ? s.traced : 0), newInt(s ? s.peak : 0)]);
  });
  def('reset_peak', (_s, args, kw) => {
    noArgs('reset_peak', args, kw);
    const s = st.store;
    if (s !== null) s.peak = s.traced;
    return newNone();
  });
  def('get_tracemalloc_memory', () => {
    throw pyError(E.NotImplementedError!, 'heapscope does not support tracemalloc.get_tracemalloc_memory yet (its own tables are not modelled)');
  });
  def('_get_traces', (_s, args, kw) => {
    noArgs('_get_traces', args, kw);
    const s = st.store;
    if (s === null) return newList([]);
    // Built with tracing suspended, as _tracemalloc builds it (set_reentrant): the snapshot's
    // own tuples are not traced.
    s.suspended++;
    try {
      const tuples = new Map<number, PyObject>();
      const items: PyObject[] = [];
      s.forEach((size, tb, depth) => {
        let t = tuples.get(tb);
        if (t === undefined) tuples.set(tb, (t = framesTuple(s.table.frames[tb]!)));
        items.push(newTuple([newInt(0), newInt(size), newref(t), newInt(depth)]));
      });
      for (const t of tuples.values()) decref(t);
      return newList(items);
    } finally {
      s.suspended--;
    }
  });
  def('_get_object_traceback', (_s, args, kw) => {
    const o = exactlyOne('_get_object_traceback', args, kw);
    const s = st.store;
    if (s === null) return newNone();
    // 3.11 steps back over the GC header only, not over the managed-dict pre-header: the
    // traceback of an instance of a plain class is never found (3.12 fixed this).
    const trace = s.lookup(o.addr - (o.type.flags.gc ? 16 : 0));
    if (trace === null) return newNone();
    return framesTuple(s.table.frames[trace.traceback]!);
  });
  // linecache.getline for Traceback.format(): heapscope knows the main script's lines.
  def('_getline', (_s, args, kw) => {
    const [file, line] = bindArgs('_getline', args, kw, ['filename', 'lineno']);
    const name = (file as PyStr).v;
    const n = Number((line as PyInt).v);
    const text = name === rt.filename ? rt.sourceLines[n - 1] : undefined;
    return newStr(text === undefined ? '' : `${text}\n`);
  });
  // fnmatch.fnmatch (POSIX: case-sensitive) for Filter.
  def('_fnmatch', (_s, args, kw) => {
    const [name, pattern] = bindArgs('_fnmatch', args, kw, ['name', 'pattern']);
    return newBool(globToRegExp((pattern as PyStr).v).test((name as PyStr).v));
  });
  return m;
}

/** fnmatch.translate: `*`, `?`, `[seq]`, `[!seq]`, the rest literal, matching the whole name. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/^\^/, '\\^')}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

provideModule('_tracemalloc', () => {
  let m = rt.state.get('_tracemalloc module') as PyModule | undefined;
  if (!m) rt.state.set('_tracemalloc module', (m = createNativeModule()));
  return newref(m);
});

provideModule('tracemalloc', () => {
  let m = rt.state.get('tracemalloc module') as PyModule | undefined;
  if (!m) {
    m = newModule('tracemalloc');
    rt.heap.allocator.addModuleMemory(TRACEMALLOC_IMPORT_PAGES * PAGE_SIZE);
    runPythonModuleSource(m, TRACEMALLOC_PY, '<heapscope tracemalloc>');
    rt.state.set('tracemalloc module', m);
  }
  return newref(m);
});
