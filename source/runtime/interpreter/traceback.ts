/**
 * Tracebacks: the traceback and frame objects an exception collects as it passes through
 * frames (PyTraceBack_Here). Printing them is exception-print.ts.
 */
import { PyObject, type PyType, type Visit } from '../objects/object.js';
import { makeBuiltinType } from '../objects/typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { PyBaseException, exceptionSetField, exceptionArgs } from '../objects/exceptions.js';
import { PyStr } from '../objects/str.js';
import { EventKind } from '../../events/kinds.js';
import { Frame, releaseLocals, bindFrameObjectRelease } from './frame.js';
import { nlocalsplus } from './code.js';
import type { Position } from '../../python/ast.js';
import { setContext } from './ops.js';
import { labelSlot } from '../objects/slot-labels.js';

export class PyFrameObject extends PyObject {
  /** Set when the frame finished while this object was still referenced (take_ownership):
   * the locals are now this object's. */
  ownsFrame = false;
  constructor(
    type: PyType,
    readonly frame: Frame,
  ) {
    super(type);
  }
}

export class PyTraceback extends PyObject {
  constructor(
    type: PyType,
    public next: PyObject | null,
    readonly frame: PyFrameObject,
    readonly lineno: number,
    readonly position: Position | null,
  ) {
    super(type);
  }
}

export let frameType: PyType;
export let tracebackType: PyType;

export function initTracebackTypes(): void {
  bindFrameObjectRelease(releaseFrameObject);
  frameType = makeBuiltinType('frame', { baseType: false, gc: true, basicSize: 120 });
  frameType.sizeof = (o) => {
    const code = (o as PyFrameObject).frame.code;
    return 120 + 8 * (nlocalsplus(code) + code.stacksize);
  };
  // frame_traverse / frame_tp_clear: the locals are the frame object's only once it owns
  // the finished frame; while the frame runs they belong to the frame (external roots).
  frameType.traverse = (o, visit: Visit) => {
    const fo = o as PyFrameObject;
    if (!fo.ownsFrame) return;
    const f = fo.frame;
    f.locals.forEach((v, i) => v && visit(v, f.code.localSlots[i]!));
    f.cells.forEach((c) => visit(c, labelSlot('cell')));
  };
  frameType.clear = (o) => {
    const fo = o as PyFrameObject;
    if (fo.ownsFrame) releaseLocals(fo.frame);
  };
  frameType.dealloc = (o) => {
    const fo = o as PyFrameObject;
    if (fo.frame.frameObject === fo) fo.frame.frameObject = null;
    if (fo.ownsFrame) releaseLocals(fo.frame);
  };

  tracebackType = makeBuiltinType('traceback', { baseType: false, gc: true, basicSize: 48 });
  tracebackType.traverse = (o, visit: Visit) => {
    const tb = o as PyTraceback;
    if (tb.next) visit(tb.next, labelSlot('tb_next'));
    visit(tb.frame, labelSlot('tb_frame'));
  };
  tracebackType.clear = (o) => {
    const tb = o as PyTraceback;
    const n = tb.next;
    if (n) {
      tb.next = null;
      rt.ev.refRemoved(tb.serial, n.serial, labelSlot('tb_next'));
      decref(n);
    }
  };
  tracebackType.dealloc = (o) => {
    const tb = o as PyTraceback;
    xdecref(tb.next);
    decref(tb.frame);
  };
}

/**
 * The Python frame object of a frame (new reference), created on first request
 * (_PyFrame_GetFrameObject). The executing frame keeps one reference to it (frame_obj)
 * until it finishes, so a module-level traceback's frame object lives on.
 */
export function frameObjectOf(f: Frame): PyFrameObject {
  if (f.frameObject !== null) return newref(f.frameObject as PyFrameObject);
  const fo = new PyFrameObject(frameType, f);
  rt.heap.allocate(fo, true);
  f.frameObject = fo;
  // The frame object holds the frame's data (its locals outlive the call while it lives).
  rt.ev.refAdded(fo.serial, f.serial, labelSlot('f_frame'));
  // The running frame keeps a reference to it (frame_obj) until it finishes.
  incref(fo);
  return fo;
}

/**
 * The frame finished (part of _PyFrame_Clear): if something else still holds its frame
 * object, that object takes the locals over (take_ownership); otherwise it is freed and
 * the caller releases the locals. Returns true when the locals were handed over.
 */
export function releaseFrameObject(f: Frame): boolean {
  const fo = f.frameObject as PyFrameObject | null;
  if (fo === null) return false;
  f.frameObject = null;
  if (fo.rc > 1) {
    fo.ownsFrame = true;
    f.frameObject = fo;
    decref(fo);
    return true;
  }
  decref(fo);
  return false;
}

/**
 * PyTraceBack_Here: the exception arrives in frame `f` (raised there or propagated from a
 * callee); record one traceback entry for this arrival.
 */
export function tracebackHere(r: PyRaise, f: Frame): void {
  if (r.tbFrame === f) return;
  const first = r.tbFrame === null;
  r.tbFrame = f;
  const exc = r.exc;
  if (!(exc instanceof PyBaseException)) return;
  if (first) {
    setContext(exc, f);
    reportRaised(exc);
  }
  const fo = frameObjectOf(f);
  const next = exc.traceback;
  if (next) incref(next);
  const pos = f.instr;
  const tb = new PyTraceback(tracebackType, next, fo, pos ? pos.line : f.lineno, pos);
  rt.heap.allocate(tb, true);
  if (next) rt.ev.refAdded(tb.serial, next.serial, labelSlot('tb_next'));
  rt.ev.refAdded(tb.serial, fo.serial, labelSlot('tb_frame'));
  exceptionSetField(exc, 'traceback', tb);
}

/**
 * The log's ExceptionRaised: the type and, when the first argument is a str, that text
 * (str(exc) could run Python code, which reporting must not).
 */
function reportRaised(exc: PyBaseException): void {
  const first = exceptionArgs(exc)[0];
  const message = first instanceof PyStr ? first.v : '';
  const strings = rt.ev.strings;
  rt.ev.emit(EventKind.ExceptionRaised, strings.intern(exc.type.name), strings.intern(message));
}

export { formatException, formatExceptionOnly } from './exception-print.js';
