/**
 * An executing frame (CPython 3.11's _PyInterpreterFrame): fast locals, cells, the
 * globals/builtins/namespace dicts, the current line and instruction position.
 *
 * Frames are not Python objects until something asks for one (a traceback,
 * sys._getframe); they still appear in the event log as nodes of the object graph, so
 * that "referenced by local variable x of f()" can be shown.
 */
import type { PyObject } from '../objects/object.js';
import type { PyDict } from '../objects/dict.js';
import type { PyCell, PyCode, PyFunction } from '../objects/function.js';
import type { Position } from '../../python/ast.js';
import type { CodeBody } from './code.js';
import { rt } from '../runtime.js';
import { decref } from '../heap/refcount.js';
import { EventKind } from '../../events/kinds.js';
import { traceCall, traceReturn } from './line-hook.js';

export class Frame {
  readonly locals: (PyObject | null)[];
  readonly cells: PyCell[] = [];
  /** The namespace of module and class bodies (NAME operations), else null. */
  ns: PyDict | null = null;
  back: Frame | null = null;
  lineno: number;
  /** Position of the instruction being executed, for traceback carets. */
  instr: Position | null = null;
  /** Event-log identity of the frame (a node of the object graph). */
  readonly serial: number;
  /** The Python frame object, once materialized (tracebacks, sys._getframe()). */
  frameObject: PyObject | null = null;
  /** Exception being handled by an except/finally block of this frame (sys.exc_info()). */
  handled: PyObject | null = null;
  retval: PyObject | null = null;
  /** Set while the frame belongs to a generator. */
  generator: PyObject | null = null;
  /** A generator's frame holds its function (f_func) until the frame is cleared. */
  ownedFunc: PyObject | null = null;
  exited = false;
  /** Its locals were released (releaseLocals): the graph node is gone. */
  released = false;

  constructor(
    readonly code: CodeBody,
    readonly codeObject: PyCode | null,
    readonly globals: PyDict,
    readonly builtins: PyDict,
    readonly func: PyFunction | null,
  ) {
    // Pushed one by one: a packed array, cheaper to make and to index than new Array(n).fill().
    const n = code.varnames.length;
    const locals: (PyObject | null)[] = [];
    for (let i = 0; i < n; i++) locals.push(null);
    this.locals = locals;
    this.lineno = code.firstLineno;
    this.serial = rt.heap.newSerial();
    const ev = rt.ev;
    ev.emit(EventKind.FrameCreated, this.serial, code.nameId, func ? func.serial : 0, globals.serial);
  }

  /** Store (stealing `value`) into fast local i, releasing the old value after. */
  setLocal(i: number, value: PyObject): void {
    const old = this.locals[i];
    this.locals[i] = value;
    const ev = rt.ev;
    const slot = this.code.localSlots[i]!;
    if (old) ev.refRemoved(this.serial, old.serial, slot);
    ev.refAdded(this.serial, value.serial, slot);
    if (old) decref(old);
  }

  /** Delete fast local i; returns false if it was unbound. */
  deleteLocal(i: number): boolean {
    const old = this.locals[i];
    if (!old) return false;
    this.locals[i] = null;
    rt.ev.refRemoved(this.serial, old.serial, this.code.localSlots[i]!);
    decref(old);
    return true;
  }
}

/** Push a frame: the recursion check, the event, the frame stack. */
export function enterFrame(f: Frame): void {
  f.back = rt.frame;
  rt.frame = f;
  rt.depth++;
  rt.ev.emit(EventKind.FrameEntered, f.serial, f.back ? f.back.serial : 0);
  if (rt.tracers.length !== 0) traceCall(f);
}

/**
 * Pop a frame and release its locals (in slot order, as CPython's frame clearing does),
 * unless a frame object keeps them alive.
 */
export function exitFrame(f: Frame): void {
  if (rt.tracers.length !== 0) traceReturn(f);
  rt.frame = f.back;
  rt.depth--;
  f.exited = true;
  rt.ev.emit1(EventKind.FrameExited, f.serial);
  clearFrame(f);
}

/** _PyFrame_Clear: the frame's locals go, unless its frame object takes them over. */
export function clearFrame(f: Frame): void {
  if (f.frameObject !== null && frameObjectRelease(f)) return;
  releaseLocals(f);
}

let frameObjectRelease: (f: Frame) => boolean = () => false;
/** traceback.ts provides the frame-object half of _PyFrame_Clear (avoids an import cycle). */
export function bindFrameObjectRelease(fn: (f: Frame) => boolean): void {
  frameObjectRelease = fn;
}

/**
 * Drop the frame's locals, cells and handled exception (once the frame has exited and no
 * frame object keeps them). The log says so with one FrameReleased event, which removes
 * the frame's node and all its references from the graph.
 */
export function releaseLocals(f: Frame): void {
  if (!f.released) {
    f.released = true;
    rt.ev.emit1(EventKind.FrameReleased, f.serial);
  }
  const locals = f.locals;
  for (let i = 0; i < locals.length; i++) {
    const v = locals[i];
    if (v) {
      locals[i] = null;
      decref(v);
    }
  }
  const cells = f.cells;
  if (cells.length !== 0) {
    // (Setting an array's length is a call into the runtime, even to 0 from 0.)
    for (let i = 0; i < cells.length; i++) decref(cells[i]!);
    cells.length = 0;
  }
  if (f.handled) {
    const h = f.handled;
    f.handled = null;
    decref(h);
  }
  if (f.ownedFunc) {
    const fn = f.ownedFunc;
    f.ownedFunc = null;
    decref(fn);
  }
}
