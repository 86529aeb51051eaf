/**
 * Tracebacks: the traceback and frame objects an exception collects as it passes through
 * frames (PyTraceBack_Here), and CPython 3.11's printed form with PEP 657 carets.
 */
import { formatErrorText } from '../../python/syntax-error.js';
import { PyObject, type PyType, type Visit } from '../objects/object.js';
import { makeBuiltinType } from '../objects/typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { PyBaseException, exceptionSetField, exceptionArgs, exceptionMember, E } from '../objects/exceptions.js';
import { dictGetStr, dictItems, PyDict } from '../objects/dict.js';
import { suggestName } from './suggestions.js';
import { PyStr } from '../objects/str.js';
import { PyInt } from '../objects/int.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { Frame, releaseLocals } from './frame.js';
import { nlocalsplus } from './code.js';
import type { Position } from '../../python/ast.js';
import { str as strOf, typeName } from '../protocols/abstract.js';
import { setContext } from './ops.js';
import { parser } from '@lezer/python';

export class PyFrameObject extends PyObject {
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

const labelSlot = (name: string) => makeSlot(SlotKind.Label, rt.ev.strings.intern(name));

export function initTracebackTypes(): void {
  frameType = makeBuiltinType('frame', { baseType: false, gc: true, basicSize: 120 });
  frameType.sizeof = (o) => {
    const code = (o as PyFrameObject).frame.code;
    return 120 + 8 * (nlocalsplus(code) + code.stacksize);
  };
  frameType.traverse = (o, visit: Visit) => {
    const f = (o as PyFrameObject).frame;
    f.locals.forEach((v, i) => v && visit(v, f.code.localSlots[i]!));
    f.cells.forEach((c) => visit(c, labelSlot('cell')));
  };
  frameType.clear = (o) => {
    const f = (o as PyFrameObject).frame;
    if (f.exited) releaseLocals(f);
  };
  frameType.dealloc = (o) => {
    const f = (o as PyFrameObject).frame;
    f.frameObject = null;
    if (f.exited) releaseLocals(f);
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

/** The Python frame object of a frame (new reference), created on first request. */
export function frameObjectOf(f: Frame): PyFrameObject {
  if (f.frameObject !== null) return newref(f.frameObject as PyFrameObject);
  const fo = new PyFrameObject(frameType, f);
  rt.heap.allocate(fo, true);
  f.frameObject = fo;
  return fo;
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
  if (first) setContext(exc, f);
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

// ---------------------------------------------------------------- printing

type Entry = { filename: string; lineno: number; name: string; position: Position | null };

function entriesOf(tb: PyObject | null): Entry[] {
  const out: Entry[] = [];
  for (let t = tb as PyTraceback | null; t; t = t.next as PyTraceback | null) {
    const code = t.frame.frame.code;
    out.push({ filename: code.filename, lineno: t.lineno, name: code.name, position: t.position });
  }
  return out;
}

/** The source line of the main script (tracebacks only show lines of files heapscope runs). */
function sourceLine(filename: string, lineno: number): string | null {
  if (filename !== rt.filename) return null;
  const line = rt.sourceLines[lineno - 1];
  return line === undefined ? null : line;
}

function formatEntry(e: Entry): string {
  let out = `  File "${e.filename}", line ${e.lineno}, in ${e.name}\n`;
  const line = sourceLine(e.filename, e.lineno);
  if (line === null) return out;
  const stripped = line.trim();
  if (!stripped) return out;
  out += `    ${stripped}\n`;
  const p = e.position;
  if (p === null || p.line !== e.lineno) return out;
  const strippedCharacters = line.length - line.trimStart().length;
  const start = p.col;
  let end = p.endCol;
  let anchors: { left: number; right: number } | null = null;
  const segment = line.slice(start, p.endLine === p.line ? end : undefined);
  if (p.endLine === p.line) anchors = caretAnchors(segment);
  else end = line.trimEnd().length;
  if (end - start < stripped.length || (anchors && anchors.right - anchors.left > 0)) {
    out += '    ' + ' '.repeat(start - strippedCharacters);
    if (anchors) {
      out += '~'.repeat(anchors.left) + '^'.repeat(anchors.right - anchors.left) + '~'.repeat(end - start - anchors.right);
    } else {
      out += '^'.repeat(end - start);
    }
    out += '\n';
  }
  return out;
}

/** _extract_caret_anchors_from_line_segment: a binary operator or a subscript. */
function caretAnchors(segment: string): { left: number; right: number } | null {
  const tree = parser.parse(segment);
  const stmt = tree.topNode.firstChild;
  if (!stmt || stmt.nextSibling || stmt.name !== 'ExpressionStatement') return null;
  let hasError = false;
  tree.iterate({ enter: (n) => void (n.type.isError && (hasError = true)) });
  if (hasError) return null;
  const expr = stmt.firstChild;
  if (!expr) return null;
  if (expr.name === 'BinaryExpression') {
    const left = expr.firstChild!;
    const op = left.nextSibling!;
    const right = expr.lastChild!;
    if (!['ArithOp', 'BitOp'].includes(op.name)) return null;
    const operatorStr = segment.slice(left.to, right.from);
    const operatorOffset = operatorStr.length - operatorStr.trimStart().length;
    let leftAnchor = left.to + operatorOffset;
    let rightAnchor = leftAnchor + 1;
    if (operatorOffset + 1 < operatorStr.length && !/\s/.test(operatorStr[operatorOffset + 1]!)) rightAnchor += 1;
    while (leftAnchor < segment.length && (/\s/.test(segment[leftAnchor]!) || ')#'.includes(segment[leftAnchor]!))) {
      leftAnchor++;
      rightAnchor++;
    }
    return { left: leftAnchor, right: rightAnchor };
  }
  if (expr.name === 'MemberExpression' && expr.lastChild?.name === ']') {
    const value = expr.firstChild!;
    const close = expr.lastChild;
    let leftAnchor = value.to;
    while (leftAnchor < segment.length && segment[leftAnchor] !== '[') leftAnchor++;
    let rightAnchor = close.to - 1;
    while (rightAnchor < segment.length && segment[rightAnchor] !== ']') rightAnchor++;
    if (rightAnchor < segment.length) rightAnchor++;
    return { left: leftAnchor, right: rightAnchor };
  }
  return null;
}

function formatEntries(entries: Entry[]): string {
  let out = '';
  let last: Entry | null = null;
  let count = 0;
  for (const e of entries) {
    if (last && e.filename === last.filename && e.lineno === last.lineno && e.name === last.name) {
      count++;
      if (count > 3) continue;
    } else {
      if (count > 3) out += `  [Previous line repeated ${count - 3} more time${count - 3 > 1 ? 's' : ''}]\n`;
      last = e;
      count = 1;
    }
    out += formatEntry(e);
  }
  if (count > 3) out += `  [Previous line repeated ${count - 3} more time${count - 3 > 1 ? 's' : ''}]\n`;
  return out;
}

/** The exception line: `Type: message` (qualified name unless from builtins/__main__). */
export function formatExceptionOnly(exc: PyObject): string {
  const t = exc.type;
  let name = t.qualname;
  if (t.module !== 'builtins' && t.module !== '__main__') name = `${t.module}.${name}`;
  const located = syntaxErrorLocation(exc);
  if (located !== null) return located + `${name}: ${syntaxErrorMessage(exc)}\n`;
  let msg: string;
  try {
    msg = strOf(exc);
  } catch (e) {
    if (e instanceof PyRaise) decref(e.exc);
    msg = '<exception str() failed>';
  }
  if (exc instanceof PyBaseException && t.isSubtypeOf(E.NameError!)) msg += nameErrorSuggestion(exc);
  let out = msg ? `${name}: ${msg}\n` : `${name}\n`;
  if (exc instanceof PyBaseException && exc.notes) {
    for (const note of exceptionNotes(exc)) out += note + '\n';
  }
  return out;
}

/** ". Did you mean: 'x'?" for a NameError with a name (the eval loop's), from its innermost frame. */
function nameErrorSuggestion(exc: PyBaseException): string {
  const name = exceptionMember(exc, 'name');
  if (!(name instanceof PyStr) || !(exc.traceback instanceof PyTraceback)) return '';
  let tb: PyTraceback = exc.traceback;
  while (tb.next instanceof PyTraceback) tb = tb.next;
  const f = tb.frame.frame;
  const keys = (d: PyObject) => (d instanceof PyDict ? dictItems(d).map(([k]) => k).filter((k): k is PyStr => k instanceof PyStr).map((k) => k.v) : []);
  const found = suggestName(name.v, [f.code.varnames, keys(f.globals), keys(f.builtins)]);
  return found === null ? '' : `. Did you mean: '${found}'?`;
}

/** The `  File ..., line N` block printed for a SyntaxError with a location, or null. */
function syntaxErrorLocation(exc: PyObject): string | null {
  if (!(exc instanceof PyBaseException) || !exc.type.isSubtypeOf(E.SyntaxError!) || !exc.dict) return null;
  const get = (n: string) => dictGetStr(exc.dict!, n);
  const filename = get('filename');
  const lineno = get('lineno');
  if (!(filename instanceof PyStr) || !(lineno instanceof PyInt)) return null;
  let out = `  File "${filename.v}", line ${lineno.v}\n`;
  const text = get('text');
  const offset = get('offset');
  if (text instanceof PyStr) {
    const end = get('end_offset');
    out += formatErrorText(text.v, offset instanceof PyInt ? Number(offset.v) : 0, end instanceof PyInt ? Number(end.v) : 0);
  }
  return out;
}

function syntaxErrorMessage(exc: PyObject): string {
  const msg = (exc as PyBaseException).dict ? dictGetStr((exc as PyBaseException).dict!, 'msg') : null;
  return msg instanceof PyStr ? msg.v : strOf(exc);
}

function exceptionNotes(exc: PyBaseException): string[] {
  const notes = exc.notes as unknown as { items?: PyObject[] };
  return (notes.items ?? []).map((n) => {
    try {
      return strOf(n);
    } catch {
      return '<note str() failed>';
    }
  });
}

/** The full report of an uncaught exception, with its cause/context chain. */
export function formatException(exc: PyObject, seen = new Set<PyObject>()): string {
  seen.add(exc);
  let out = '';
  if (exc instanceof PyBaseException) {
    if (exc.cause && !seen.has(exc.cause)) {
      out += formatException(exc.cause, seen);
      out += '\nThe above exception was the direct cause of the following exception:\n\n';
    } else if (exc.context && !exc.suppressContext && !seen.has(exc.context)) {
      out += formatException(exc.context, seen);
      out += '\nDuring handling of the above exception, another exception occurred:\n\n';
    }
    if (exc.traceback) out += 'Traceback (most recent call last):\n' + formatEntries(entriesOf(exc.traceback));
  }
  return out + formatExceptionOnly(exc);
}

export { typeName, exceptionArgs };
