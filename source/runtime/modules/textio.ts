/**
 * What writing to sys.stdout / sys.stderr allocates (Modules/_io/textio.c, 3.11), which
 * shows in gc.get_count() and moves automatic collections:
 *
 * - TextIOWrapper.write keeps the written text pending (pending_bytes) until 8192 bytes
 *   are waiting: the first piece alone, from the second on in a list (PyList_New(2), a
 *   free-list allocation), which is freed when the pending text is flushed. stdout to a
 *   pipe or file is block-buffered; stderr is line-buffered (flushed at every newline).
 * - print(*args) receives its arguments as a tuple (the clinic wrapper of builtin_print),
 *   and PyFile_WriteObject looks up `file.write` for every piece (a bound method made and
 *   freed each time).
 *
 * The text itself goes to the runtime's output at once; only the objects are modelled.
 */
import type { PyObject } from '../objects/object.js';
import { rt } from '../runtime.js';
import { decref } from '../heap/refcount.js';
import { newList, type PyList } from '../objects/list.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { newStr } from '../objects/str.js';
import { call, getAttr } from '../protocols/abstract.js';

/** _io.TextIOWrapper's chunk_size. */
const CHUNK_SIZE = 8192;

type TextIOState = {
  stream: 1 | 2;
  lineBuffering: boolean;
  /** pending_bytes: nothing, one piece, or the list of pieces. */
  pending: null | 'piece' | PyList;
  pendingCount: number;
};

function states(): Map<PyObject, TextIOState> {
  let m = rt.state.get('textio') as Map<PyObject, TextIOState> | undefined;
  if (!m) rt.state.set('textio', (m = new Map()));
  return m;
}

/** Register one of the runtime's own text streams (sys.stdout: 1, sys.stderr: 2). */
export function registerTextStream(o: PyObject, stream: 1 | 2): void {
  states().set(o, { stream, lineBuffering: stream === 2, pending: null, pendingCount: 0 });
}

/** The runtime stream behind `o`, or null for any other object. */
function stateOf(o: PyObject): TextIOState | null {
  return (rt.state.get('textio') as Map<PyObject, TextIOState> | undefined)?.get(o) ?? null;
}

export function isTextStream(o: PyObject): boolean {
  return stateOf(o) !== null;
}

/** textiowrapper_write_impl on one of the runtime's streams. */
export function textioWrite(o: PyObject, text: string): void {
  const st = stateOf(o)!;
  if (st.stream === 1) rt.writeStdout(text);
  else rt.writeStderr(text);
  const n = byteLength(text);
  const needflush = st.lineBuffering && (text.includes('\n') || text.includes('\r'));
  if (st.pending === null) {
    st.pendingCount = 0;
    st.pending = 'piece';
  } else if (st.pendingCount + n > CHUNK_SIZE) {
    flushPending(st);
    st.pending = 'piece';
  } else if (st.pending === 'piece') {
    st.pending = newList([], 2);
  }
  st.pendingCount += n;
  if (st.pendingCount >= CHUNK_SIZE || needflush) flushPending(st);
}

/** _textiowrapper_writeflush: the pending list (if any) is freed. */
function flushPending(st: TextIOState): void {
  const p = st.pending;
  st.pending = null;
  st.pendingCount = 0;
  if (p !== null && p !== 'piece') decref(p);
}

/** TextIOWrapper.flush() on a runtime stream. */
export function textioFlush(o: PyObject): void {
  const st = stateOf(o);
  if (st) flushPending(st);
}

/** flush_std_files at interpreter exit. */
export function flushAllTextStreams(): void {
  for (const st of states().values()) flushPending(st);
}

function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}

const noImpl: BuiltinImpl = () => {
  throw new Error('transient bound method called');
};

/**
 * PyFile_WriteObject / PyFile_WriteString: `file.write(text)`, the bound method looked up
 * for this one call.
 */
export function fileWrite(file: PyObject, text: string): void {
  if (isTextStream(file)) {
    // PyObject_GetAttr(f, "write") makes a bound builtin method; it goes after the call.
    const writer = newBuiltinFunction('write', noImpl, file);
    try {
      textioWrite(file, text);
    } finally {
      decref(writer);
    }
    return;
  }
  const write = getAttr(file, 'write');
  try {
    decref(call(write, [newStr(text)]));
  } finally {
    decref(write);
  }
}
