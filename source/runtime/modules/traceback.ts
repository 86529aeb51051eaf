/**
 * The traceback module: formatting comes from the interpreter's own traceback printer
 * (the same text as an uncaught exception, PEP 657 carets included); FrameSummary and
 * StackSummary are Python classes over it. Source lines are shown for the main script.
 */
import { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction } from '../objects/function.js';
import { rt } from '../runtime.js';
import { newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None } from '../objects/singletons.js';
import { newInt } from '../objects/int.js';
import { newStr } from '../objects/str.js';
import { newList } from '../objects/list.js';
import { newTuple } from '../objects/tuple.js';
import { positional } from '../builtins/args.js';
import { isTrue } from '../protocols/abstract.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { PyFrameObject } from '../interpreter/traceback.js';
import {
  formatExceptionChunks, formatExceptionOnly, formatTracebackChunks, tracebackFrames, stackFrames, type FrameInfo,
} from '../interpreter/exception-print.js';

const TRACEBACK_PY = String.raw`
import sys

__all__ = ['extract_stack', 'extract_tb', 'format_exception', 'format_exception_only', 'format_list',
           'format_stack', 'format_tb', 'print_exc', 'format_exc', 'print_exception', 'print_last',
           'print_stack', 'print_tb', 'clear_frames', 'FrameSummary', 'StackSummary', 'walk_stack', 'walk_tb']


class FrameSummary:
    """Information about a single frame from a traceback."""
    __slots__ = ('filename', 'lineno', 'end_lineno', 'colno', 'end_colno', 'name', '_line', 'locals')

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = {k: repr(v) for k, v in locals.items()} if locals else None
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno and
                    self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)

    def __len__(self):
        return 4

    @property
    def line(self):
        if self._line is None:
            return None
        return self._line.strip()


class StackSummary(list):
    """A list of FrameSummary objects, representing a stack of frames."""

    @classmethod
    def from_list(klass, a_list):
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format_frame_summary(self, frame_summary):
        row = ['  File "{}", line {}, in {}\n'.format(frame_summary.filename, frame_summary.lineno, frame_summary.name)]
        if frame_summary.line:
            row.append('    {}\n'.format(frame_summary.line.strip()))
        if frame_summary.locals:
            for name, value in sorted(frame_summary.locals.items()):
                row.append('    {name} = {value}\n'.format(name=name, value=value))
        return ''.join(row)

    def format(self):
        result = []
        last_file = last_line = last_name = None
        count = 0
        for frame_summary in self:
            if (last_file is None or last_file != frame_summary.filename or
                    last_line is None or last_line != frame_summary.lineno or
                    last_name is None or last_name != frame_summary.name):
                if count > 3:
                    count -= 3
                    result.append(f'  [Previous line repeated {count} more time{"s" if count > 1 else ""}]\n')
                last_file = frame_summary.filename
                last_line = frame_summary.lineno
                last_name = frame_summary.name
                count = 0
            count += 1
            if count > 3:
                continue
            result.append(self.format_frame_summary(frame_summary))
        if count > 3:
            count -= 3
            result.append(f'  [Previous line repeated {count} more time{"s" if count > 1 else ""}]\n')
        return result


def _summaries(frames, limit):
    if limit is not None:
        frames = frames[-limit:] if limit < 0 else frames[:limit]
    return StackSummary.from_list([FrameSummary(f, n, name, line=line) for f, n, name, line in frames])


def extract_tb(tb, limit=None):
    return _summaries(_tb_frames(tb), limit)


def extract_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    frames = _stack_frames(f)
    if limit is not None:
        frames = frames[-limit:]
    return _summaries(frames, None)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    if file is None:
        file = sys.stderr
    for item in StackSummary.from_list(extracted_list).format():
        print(item, file=file, end="")


def format_tb(tb, limit=None):
    chunks = _tb_chunks(tb)
    return chunks if limit is None else chunks[:limit]


def print_tb(tb, limit=None, file=None):
    if file is None:
        file = sys.stderr
    for item in format_tb(tb, limit):
        print(item, file=file, end="")


_sentinel = object()


def _exception_from(exc, value, tb):
    if value is _sentinel:
        return exc
    return value


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    value = _exception_from(exc, value, tb)
    if value is None:
        return ['NoneType: None\n']
    return _exc_chunks(value, chain)


def format_exception_only(exc, /, value=_sentinel):
    value = _exception_from(exc, value, None)
    if value is None:
        return ['NoneType: None\n']
    return [_exc_only(value)]


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(line, file=file, end="")


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exc_info()[1], limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exc_info()[1], limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, "last_value"):
        raise ValueError("no last exception")
    print_exception(sys.last_value, limit=limit, file=file, chain=chain)


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    return format_list(extract_stack(f, limit=limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe().f_back
    print_list(extract_stack(f, limit=limit), file=file)


def walk_stack(f):
    if f is None:
        f = sys._getframe().f_back.f_back
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def walk_tb(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def clear_frames(tb):
    while tb is not None:
        try:
            tb.tb_frame.clear()
        except RuntimeError:
            pass
        tb = tb.tb_next
`;

function frameTuples(frames: FrameInfo[]): PyObject {
  return newList(frames.map((f) => newTuple([newStr(f.filename), newInt(f.lineno), newStr(f.name), newStr(f.line)])));
}

function createTracebackModule(): PyModule {
  const m = newModule('traceback');
  const def = (name: string, impl: (args: PyObject[]) => PyObject, min: number, max: number) =>
    moduleSet(m, name, newBuiltinFunction(name, (_s, args, kw) => impl(positional(name, args, kw, min, max)), m));
  def('_exc_chunks', (a) => newList(formatExceptionChunks(a[0]!, a[1] === undefined || isTrue(a[1])).map((s) => newStr(s))), 1, 2);
  def('_exc_only', (a) => newStr(formatExceptionOnly(a[0]!)), 1, 1);
  def('_tb_chunks', (a) => newList(formatTracebackChunks(a[0] === None ? null : a[0]!).map((s) => newStr(s))), 1, 1);
  def('_tb_frames', (a) => frameTuples(tracebackFrames(a[0] === None ? null : a[0]!)), 1, 1);
  def('_stack_frames', (a) => {
    const f = a[0];
    if (!(f instanceof PyFrameObject)) throw pyError(E.TypeError!, 'a frame object is required');
    return frameTuples(stackFrames(f.frame));
  }, 1, 1);
  runPythonModuleSource(m, TRACEBACK_PY, '<heapscope traceback>');
  return m;
}

provideModule('traceback', () => {
  let m = rt.state.get('traceback') as PyModule | undefined;
  if (!m) {
    m = createTracebackModule();
    rt.state.set('traceback', m);
  }
  return newref(m);
});
