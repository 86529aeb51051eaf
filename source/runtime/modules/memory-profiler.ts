/**
 * memory_profiler: memory_profiler 0.61's API (`@profile`, `profile(precision=N)`,
 * LineProfiler, show_results, memory_usage) over heapscope's modelled process memory
 * (heap/allocator.ts), deterministic where the real one samples a noisy RSS.
 *
 * The Python-visible part is Python (memory-profiler-py.ts), as the real package is; the
 * line tracer is native: `_memory_profiler.CodeMap` watches the code objects of the
 * profiled functions (and the code nested in them: comprehensions, inner functions) and
 * does what memory_profiler's trace_memory_usage does at each trace event:
 *   'call'   remember the frame's line (the def line, or the line a generator resumes at);
 *   'line'   charge the memory now to the line that just finished, then move on;
 *   'return' charge it to the frame's last line.
 * Each charge is a ProfileSample event, folded by projections/profiler.ts, which also
 * formats the table exactly as show_results prints it.
 */
import { PyObject } from '../objects/object.js';
import type { PyType } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, PyCode, PyFunction, type BuiltinImpl } from '../objects/function.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone } from '../objects/singletons.js';
import { newFloat } from '../objects/float.js';
import { newStr } from '../objects/str.js';
import { indexValue } from '../protocols/abstract.js';
import { makeBuiltinType } from '../objects/typeobject.js';
import { defineMethods, exactlyOne, positional } from '../builtins/args.js';
import { rt } from '../runtime.js';
import { addTracer, type Tracer } from '../interpreter/line-hook.js';
import type { Frame } from '../interpreter/frame.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { EventKind } from '../../events/kinds.js';
import { PAGE_SIZE } from '../heap/pymalloc.js';
import { formatProfile, newProfileTable, traceLine, type ProfileTable } from '../../projections/profiler.js';
import { MEMORY_PROFILER_PY } from './memory-profiler-py.js';

/**
 * Resident memory that `import memory_profiler` adds in CPython: its imports (psutil,
 * multiprocessing, asyncio, inspect, pdb, ...). Measured with Debian's python3-memory-profiler
 * 0.61: RSS 8.73 → 21.30 MiB across the import.
 */
export const MEMORY_PROFILER_IMPORT_PAGES = 3215;

const PAGES_PER_MIB = 256;

/** Modelled RSS in MiB, as psutil's memory_info()[0] / 2**20. */
function rssMiB(): number {
  return rt.heap.allocator.rss / PAGE_SIZE / PAGES_PER_MIB;
}

/** Next table number of this runtime (ProfileFunction events). */
function nextTableId(): number {
  const n = ((rt.state.get('memory_profiler.tables') as number | undefined) ?? 0) + 1;
  rt.state.set('memory_profiler.tables', n);
  return n;
}

/** A memory_profiler CodeMap: the profiled code objects, their tables and the tracer state. */
class CodeMap extends PyObject {
  /** Every traced code object (held), and the table of the top-level function it belongs to. */
  readonly codes = new Map<PyCode, ProfileTable>();
  /** Top-level functions in the order they were added: the order show_results prints them. */
  readonly toplevel: ProfileTable[] = [];
  /** LineProfiler.prevlines: per traced frame, the line it is on. */
  readonly prevlines: number[] = [];
  /** LineProfiler.prev_lineno (0 for None). */
  prevLineno = 0;
  /** Frames that got a 'call' while tracing (sys.settrace traces only frames started after it). */
  readonly frames = new Set<Frame>();
  removeTracer: (() => void) | null = null;

  add(func: PyObject): void {
    if (!(func instanceof PyFunction)) return; // memory_profiler only warns: no code object
    const code = func.code;
    if (this.codes.has(code)) return;
    const body = code.body;
    if (body.filename !== rt.filename) {
      rt.writeStdout(`ERROR: Could not find file ${body.filename}\n`);
      return;
    }
    const table = newProfileTable(nextTableId(), body.filename, body.firstLineno, blockEnd(rt.sourceLines, body.firstLineno, body.lastLineno));
    rt.ev.emit(EventKind.ProfileFunction, table.id, rt.ev.strings.intern(table.filename), table.firstLine, table.lastLine);
    this.toplevel.push(table);
    this.addCode(code, table);
  }

  /** The code object and every code object among its constants share the table. */
  private addCode(code: PyCode, table: ProfileTable): void {
    if (this.codes.has(code)) return;
    incref(code);
    this.codes.set(code, table);
    for (const c of code.consts) if (c instanceof PyCode) this.addCode(c, table);
  }

  enable(): void {
    if (this.removeTracer !== null) return;
    const tracer: Tracer = {
      call: (f) => this.onCall(f),
      line: (f) => this.onLine(f),
      ret: (f) => this.onReturn(f),
    };
    this.removeTracer = addTracer(tracer);
  }

  disable(): void {
    this.removeTracer?.();
    this.removeTracer = null;
    this.frames.clear();
  }

  private onCall(f: Frame): void {
    if (f.codeObject === null || !this.codes.has(f.codeObject)) return;
    this.frames.add(f);
    this.prevlines.push(f.lineno);
  }

  private onLine(f: Frame): void {
    if (!this.frames.has(f)) return;
    const table = this.codes.get(f.codeObject!)!;
    const last = this.prevlines.length - 1;
    this.sample(table, this.prevlines[last]!, this.prevLineno, f.lineno);
    this.prevLineno = this.prevlines[last]!;
    this.prevlines[last] = f.lineno;
  }

  private onReturn(f: Frame): void {
    if (!this.frames.delete(f)) return;
    const table = this.codes.get(f.codeObject!)!;
    const line = this.prevlines.pop()!;
    // After a return the traced caller (if any) is running its line again.
    this.sample(table, line, this.prevLineno, this.prevlines.length ? this.prevlines[this.prevlines.length - 1]! : 0);
    this.prevLineno = line;
  }

  /** CodeMap.trace: the memory now, charged to `line`; `next` is the line starting (0 at a return). */
  private sample(table: ProfileTable, line: number, prevLine: number, next: number): void {
    const pages = rt.heap.allocator.rss / PAGE_SIZE;
    traceLine(table, line, prevLine, pages / PAGES_PER_MIB);
    table.running = next;
    rt.ev.emit(EventKind.ProfileSample, table.id, line, prevLine, pages, next);
  }

  /** show_results: every top-level table that has measurements. */
  report(precision: number): string {
    let out = '';
    for (const table of this.toplevel) {
      if (table.lines.size === 0) continue;
      out += formatProfile(table, rt.sourceLines, precision);
      table.reported = true;
      rt.ev.emit(EventKind.ProfileReported, table.id);
    }
    return out;
  }

  release(): void {
    this.disable();
    const codes = [...this.codes.keys()];
    this.codes.clear();
    for (const c of codes) decref(c);
  }
}

/**
 * The last line inspect.getsourcelines gives for a definition: the end of its last
 * statement, extended over the comment lines after it that are indented at least as much
 * as its body (BlockFinder keeps those), up to the next line of code.
 */
export function blockEnd(lines: readonly string[], first: number, last: number): number {
  // Past the decorators to the header, then to the line that ends it with ':'.
  let i = first - 1;
  while (i < last && !/^\s*(async\s+def|def|class)\b/.test(lines[i] ?? '')) i++;
  while (i < last && !codeOf(lines[i] ?? '').endsWith(':')) i++;
  // The body's indentation: its first line of code.
  let bodyIndent = -1;
  for (let j = i + 1; j < last && j < lines.length; j++) {
    const text = lines[j]!;
    const stripped = text.trimStart();
    if (stripped === '' || stripped.startsWith('#')) continue;
    bodyIndent = text.length - stripped.length;
    break;
  }
  let end = last;
  if (bodyIndent < 0) return end;
  for (let j = last; j < lines.length; j++) {
    const text = lines[j]!;
    const stripped = text.trimStart();
    if (stripped === '') continue;
    if (!stripped.startsWith('#')) break;
    if (text.length - stripped.length >= bodyIndent) end = j + 1;
  }
  return end;
}

/** A line without its comment (quotes respected), right-trimmed. */
function codeOf(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

function codeMapOf(o: PyObject): CodeMap {
  if (!(o instanceof CodeMap)) throw pyError(E.TypeError!, 'a memory_profiler CodeMap is required');
  return o;
}

function createNativeModule(): PyModule {
  const m = newModule('_memory_profiler');
  const t: PyType = makeBuiltinType('CodeMap', { module: '_memory_profiler', basicSize: 64 });
  t.newInstance = () => {
    const o = new CodeMap(t);
    rt.heap.allocate(o, false);
    return o;
  };
  t.dealloc = (o) => (o as CodeMap).release();
  defineMethods(t, {
    add: (self, args, kw) => {
      codeMapOf(self!).add(exactlyOne('add', args, kw));
      return newNone();
    },
    enable: (self) => {
      codeMapOf(self!).enable();
      return newNone();
    },
    disable: (self) => {
      codeMapOf(self!).disable();
      return newNone();
    },
    report: (self, args, kw) => {
      const [p] = positional('report', args, kw, 0, 1);
      return newStr(codeMapOf(self!).report(p === undefined ? 1 : Number(indexValue(p))));
    },
  });
  moduleSet(m, 'CodeMap', newref(t));
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  // The modelled RSS in MiB, its highest value since peak_reset(), and the reset.
  def('memory', () => newFloat(rssMiB()));
  def('peak', () => newFloat(rt.heap.allocator.peakRss / PAGE_SIZE / PAGES_PER_MIB));
  def('peak_reset', () => {
    rt.heap.allocator.resetPeak();
    return newNone();
  });
  return m;
}

function cached(name: string, create: () => PyModule): () => PyModule {
  return () => {
    let m = rt.state.get(name) as PyModule | undefined;
    if (!m) {
      m = create();
      rt.state.set(name, m);
    }
    return newref(m);
  };
}

provideModule('_memory_profiler', cached('_memory_profiler', createNativeModule));
provideModule(
  'memory_profiler',
  cached('memory_profiler', () => {
    const m = newModule('memory_profiler');
    rt.heap.allocator.addModuleMemory(MEMORY_PROFILER_IMPORT_PAGES * PAGE_SIZE);
    runPythonModuleSource(m, MEMORY_PROFILER_PY, '<heapscope memory_profiler>');
    return m;
  }),
);
