/**
 * The printed form of an uncaught exception, as CPython 3.11's PyErr_Display writes it
 * (Python/pythonrun.c print_exception_recursive): the cause/context chain, tracebacks
 * with PEP 657 carets, and exception groups drawn as nested boxes, where every line of a
 * nested exception carries an indent and a `| ` margin.
 */
import type { PyObject } from '../objects/object.js';
import type { Position } from '../../python/ast.js';
import { rt } from '../runtime.js';
import { decref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { E, PyBaseException, exceptionMember } from '../objects/exceptions.js';
import { PyDict, dictGetStr, dictItems } from '../objects/dict.js';
import { formatErrorText } from '../../python/syntax-error.js';
import { suggestName } from './suggestions.js';
import { PyStr, strType } from '../objects/str.js';
import { PyList } from '../objects/list.js';
import { builtinsDict } from '../builtins/registry.js';
import { newref } from '../heap/refcount.js';
import { PyInt } from '../objects/int.js';
import { bytesType } from '../objects/bytes.js';
import { call, getAttr, getItem, hasAttr, length, repr, str as strOf } from '../protocols/abstract.js';
import { newInt } from '../objects/int.js';
import { groupExceptions, isExceptionGroup } from '../objects/exception-group.js';
import type { PyTraceback } from './traceback.js';
import type { Frame } from './frame.js';
import { parser } from '@lezer/python';

/** traceback.py's defaults (also pythonrun.c's). */
const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;

/** exception_print_context */
class PrintContext {
  out = '';
  readonly seen = new Set<PyObject>();
  groupDepth = 0;
  needClose = false;

  get indent(): string {
    return ' '.repeat(2 * this.groupDepth);
  }
  get margin(): string {
    return this.groupDepth ? '| ' : '';
  }
  /** write_indented_margin */
  writeMargin(): void {
    this.out += this.indent + this.margin;
  }
}

/** The full report of an uncaught exception, with its cause/context chain. */
export function formatException(exc: PyObject): string {
  const ctx = new PrintContext();
  printRecursive(ctx, exc);
  return ctx.out;
}

/**
 * sys.unraisablehook's form (write_unraisable_exc_file): the traceback and
 * `Type: str(value)`, without chained exceptions, notes or group members.
 */
export function formatUnraisable(exc: PyObject): string {
  const tb = exc instanceof PyBaseException ? exc.traceback : null;
  let out = tb ? 'Traceback (most recent call last):\n' + formatEntries(entriesOf(tb), '') : '';
  const t = exc.type;
  out += t.module !== 'builtins' && t.module !== '__main__' ? `${t.module}.${t.qualname}` : t.qualname;
  return out + `: ${guard(() => strOf(exc), '<exception str() failed>')}\n`;
}

function printRecursive(ctx: PrintContext, value: PyObject): void {
  printCauseAndContext(ctx, value);
  if (isExceptionGroup(value)) printGroup(ctx, value);
  else printException(ctx, value);
}

function printCauseAndContext(ctx: PrintContext, value: PyObject): void {
  ctx.seen.add(value);
  if (!(value instanceof PyBaseException)) return;
  if (value.cause) {
    if (!ctx.seen.has(value.cause)) printChained(ctx, value.cause, 'The above exception was the direct cause of the following exception:\n');
    return;
  }
  if (value.suppressContext) return;
  if (value.context && !ctx.seen.has(value.context)) {
    printChained(ctx, value.context, 'During handling of the above exception, another exception occurred:\n');
  }
}

function printChained(ctx: PrintContext, value: PyObject, message: string): void {
  const needClose = ctx.needClose;
  printRecursive(ctx, value);
  ctx.needClose = needClose;
  ctx.writeMargin();
  ctx.out += '\n';
  ctx.writeMargin();
  ctx.out += message;
  ctx.writeMargin();
  ctx.out += '\n';
}

function printException(ctx: PrintContext, value: PyObject): void {
  const tb = value instanceof PyBaseException ? value.traceback : null;
  if (tb) {
    const group = isExceptionGroup(value);
    const headerMargin = group && ctx.groupDepth === 1 ? '+ ' : ctx.margin;
    ctx.out += ctx.indent + headerMargin + (group ? 'Exception Group Traceback (most recent call last):\n' : 'Traceback (most recent call last):\n');
    ctx.out += formatEntries(entriesOf(tb), ctx.indent + ctx.margin);
  }
  ctx.out += formatExceptionOnly(value, ctx.indent + ctx.margin);
}

/** print_exception_group: the group itself, then each sub-exception in a numbered box. */
function printGroup(ctx: PrintContext, value: PyBaseException): void {
  if (ctx.groupDepth > MAX_GROUP_DEPTH) {
    ctx.writeMargin();
    ctx.out += `... (max_group_depth is ${MAX_GROUP_DEPTH})\n`;
    return;
  }
  if (ctx.groupDepth === 0) ctx.groupDepth += 1;
  printException(ctx, value);
  const excs = groupExceptions(value);
  const n = excs.length <= MAX_GROUP_WIDTH ? excs.length : MAX_GROUP_WIDTH + 1;
  ctx.needClose = false;
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    // the closing line may be written by a nested call
    if (last) ctx.needClose = true;
    const truncated = i >= MAX_GROUP_WIDTH;
    ctx.out += ctx.indent + `${i === 0 ? '+-' : '  '}+---------------- ${truncated ? '...' : i + 1} ----------------\n`;
    ctx.groupDepth += 1;
    if (!truncated) printRecursive(ctx, excs[i]!);
    else {
      const remaining = excs.length - MAX_GROUP_WIDTH;
      ctx.writeMargin();
      ctx.out += `and ${remaining} more exception${remaining > 1 ? 's' : ''}\n`;
    }
    if (last && ctx.needClose) {
      ctx.out += ctx.indent + '+------------------------------------\n';
      ctx.needClose = false;
    }
    ctx.groupDepth -= 1;
  }
  if (ctx.groupDepth === 1) ctx.groupDepth -= 1;
}

// ---------------------------------------------------------------- traceback entries

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

/** One entry; each line starts with `prefix` (the indent and margin inside a group). */
function formatEntry(e: Entry, prefix: string): string {
  let out = `${prefix}  File "${e.filename}", line ${e.lineno}, in ${e.name}\n`;
  const line = sourceLine(e.filename, e.lineno);
  if (line === null) return out;
  const stripped = line.trim();
  if (!stripped) return out;
  out += `${prefix}    ${stripped}\n`;
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
    out += prefix + '    ' + ' '.repeat(start - strippedCharacters);
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

function formatEntries(entries: Entry[], prefix: string): string {
  let out = '';
  let last: Entry | null = null;
  let count = 0;
  const repeated = (n: number) => `${prefix}  [Previous line repeated ${n} more time${n > 1 ? 's' : ''}]\n`;
  for (const e of entries) {
    if (last && e.filename === last.filename && e.lineno === last.lineno && e.name === last.name) {
      count++;
      if (count > 3) continue;
    } else {
      if (count > 3) out += repeated(count - 3);
      last = e;
      count = 1;
    }
    out += formatEntry(e, prefix);
  }
  if (count > 3) out += repeated(count - 3);
  return out;
}

// ---------------------------------------------------------------- the exception line

/**
 * The exception line: `Type: message` (qualified name unless from builtins/__main__),
 * then the notes; `prefix` is the indent and margin inside a group.
 */
export function formatExceptionOnly(exc: PyObject, prefix = ''): string {
  const t = exc.type;
  let name = t.qualname;
  if (t.module !== 'builtins' && t.module !== '__main__') name = `${t.module}.${name}`;
  const located = syntaxErrorLocation(exc, prefix);
  if (located !== null) return located + `${prefix}${name}: ${syntaxErrorMessage(exc)}\n` + formatNotes(exc, prefix);
  let msg: string;
  try {
    msg = strOf(exc);
  } catch (e) {
    if (e instanceof PyRaise) decref(e.exc);
    msg = '<exception str() failed>';
  }
  if (exc instanceof PyBaseException && t.isSubtypeOf(E.NameError!)) msg += nameErrorSuggestion(exc);
  else if (exc instanceof PyBaseException && t.isSubtypeOf(E.AttributeError!)) msg += attributeErrorSuggestion(exc);
  return (msg ? `${prefix}${name}: ${msg}\n` : `${prefix}${name}\n`) + formatNotes(exc, prefix);
}

/** offer_suggestions_for_attribute_error: the closest name in dir(obj). */
function attributeErrorSuggestion(exc: PyBaseException): string {
  const name = exceptionMember(exc, 'name');
  const obj = exceptionMember(exc, 'obj');
  if (!(name instanceof PyStr) || name.type !== strType || obj === null) return '';
  let names: PyObject;
  try {
    names = call(dictGetStr(builtinsDict(), 'dir')!, [newref(obj)]);
  } catch (e) {
    // CPython clears an error from dir() and prints no suggestion
    if (e instanceof PyRaise) {
      decref(e.exc);
      return '';
    }
    throw e;
  }
  const items = names instanceof PyList ? names.items.filter((k): k is PyStr => k instanceof PyStr).map((k) => k.v) : [];
  decref(names);
  const found = suggestName(name.v, [items]);
  return found === null ? '' : `. Did you mean: '${found}'?`;
}

/** ". Did you mean: 'x'?" for a NameError with a name (the eval loop's), from its innermost frame. */
function nameErrorSuggestion(exc: PyBaseException): string {
  const name = exceptionMember(exc, 'name');
  let tb = exc.traceback as PyTraceback | null;
  if (!(name instanceof PyStr) || tb === null) return '';
  while (tb.next) tb = tb.next as PyTraceback;
  const f = tb.frame.frame;
  const keys = (d: PyObject) => (d instanceof PyDict ? dictItems(d).map(([k]) => k).filter((k): k is PyStr => k instanceof PyStr).map((k) => k.v) : []);
  const found = suggestName(name.v, [f.code.varnames, keys(f.globals), keys(f.builtins)]);
  return found === null ? '' : `. Did you mean: '${found}'?`;
}

/**
 * The `  File ..., line N` block printed for a SyntaxError with a location, or null
 * (print_error_text writes the source and carets without the group margin).
 */
function syntaxErrorLocation(exc: PyObject, prefix: string): string | null {
  if (!(exc instanceof PyBaseException) || !exc.type.isSubtypeOf(E.SyntaxError!) || !exc.dict) return null;
  const get = (n: string) => dictGetStr(exc.dict!, n);
  const filename = get('filename');
  const lineno = get('lineno');
  if (!(filename instanceof PyStr) || !(lineno instanceof PyInt)) return null;
  let out = `${prefix}  File "${filename.v}", line ${lineno.v}\n`;
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

/** print_exception_notes: each line of each note, after the margin. */
function formatNotes(exc: PyObject, prefix: string): string {
  if (!(exc instanceof PyBaseException) || !guard(() => hasAttr(exc, '__notes__'), false)) return '';
  let notes: PyObject;
  try {
    notes = getAttr(exc, '__notes__');
  } catch (e) {
    if (e instanceof PyRaise) decref(e.exc);
    return '';
  }
  let out = '';
  try {
    const isSequence = notes.type.getitem !== null && !(notes instanceof PyStr) && notes.type !== bytesType;
    if (!isSequence) return `${prefix}${guard(() => repr(notes), '<__notes__ repr() failed>')}\n`;
    const n = guard(() => length(notes), 0);
    for (let i = 0; i < n; i++) {
      const text = guard(() => {
        const index = newInt(i);
        try {
          const note = getItem(notes, index);
          try {
            return strOf(note);
          } finally {
            decref(note);
          }
        } finally {
          decref(index);
        }
      }, null);
      if (text === null) out += '<note str() failed>';
      else for (const line of text.match(/[^\n\r]*(\r\n|\r|\n)|[^\n\r]+$/g) ?? []) out += prefix + line;
      out += '\n';
    }
  } finally {
    decref(notes);
  }
  return out;
}

/** Run `fn`; a Python exception inside becomes `fallback` (the printer never raises). */
function guard<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PyRaise) {
      decref(e.exc);
      return fallback;
    }
    throw e;
  }
}

// ---------------------------------------------------------------- for the traceback module

/**
 * The report split as traceback.format_exception() returns it: the header, one chunk per
 * frame, the exception line(s), and the chaining messages between exceptions.
 */
export function formatExceptionChunks(exc: PyObject, chain = true, seen = new Set<PyObject>()): string[] {
  if (isExceptionGroup(exc)) return [formatException(exc)];
  seen.add(exc);
  const out: string[] = [];
  if (exc instanceof PyBaseException) {
    if (chain && exc.cause && !seen.has(exc.cause)) {
      out.push(...formatExceptionChunks(exc.cause, chain, seen));
      out.push('\nThe above exception was the direct cause of the following exception:\n\n');
    } else if (chain && exc.context && !exc.suppressContext && !seen.has(exc.context)) {
      out.push(...formatExceptionChunks(exc.context, chain, seen));
      out.push('\nDuring handling of the above exception, another exception occurred:\n\n');
    }
    if (exc.traceback) {
      out.push('Traceback (most recent call last):\n');
      out.push(...formatTracebackChunks(exc.traceback));
    }
  }
  out.push(formatExceptionOnly(exc));
  return out;
}

/** traceback.format_tb(): one chunk per frame (with repetition elided as CPython does). */
export function formatTracebackChunks(tb: PyObject | null): string[] {
  const text = formatEntries(entriesOf(tb), '');
  return text.split(/(?=^ {2}(?:File|\[Previous))/m).filter((piece) => piece.length > 0);
}

/** One frame of a traceback or stack, for traceback.FrameSummary. */
export type FrameInfo = { filename: string; lineno: number; name: string; line: string };

export function tracebackFrames(tb: PyObject | null): FrameInfo[] {
  return entriesOf(tb).map((e) => ({ filename: e.filename, lineno: e.lineno, name: e.name, line: (sourceLine(e.filename, e.lineno) ?? '').trim() }));
}

/** The frames from the outermost to `f` (traceback.extract_stack). */
export function stackFrames(f: Frame | null): FrameInfo[] {
  const out: FrameInfo[] = [];
  for (let g = f; g; g = g.back) {
    const lineno = g.instr ? g.instr.line : g.lineno;
    out.push({ filename: g.code.filename, lineno, name: g.code.name, line: (sourceLine(g.code.filename, lineno) ?? '').trim() });
  }
  return out.reverse();
}
