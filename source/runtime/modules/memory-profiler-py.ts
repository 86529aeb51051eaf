/**
 * Python source of heapscope's memory_profiler module (compiled on first import), written
 * for heapscope after memory_profiler 0.61's public API. The tracing and the table are
 * native (_memory_profiler.CodeMap); memory is heapscope's modelled RSS in MiB.
 */
export const MEMORY_PROFILER_PY = String.raw`
"""Line-by-line memory usage of Python functions (memory_profiler 0.61's API).

heapscope's figures come from its model of CPython's allocators, so they are the same on
every run; the real package samples the process RSS through psutil.
"""
import sys
from _memory_profiler import CodeMap, memory, peak, peak_reset

__version__ = '0.61.0'


class LineProfiler:
    """Records the memory after each line of the functions added to it."""

    def __init__(self, **kw):
        self.code_map = CodeMap()
        self.enable_count = 0
        self.max_mem = kw.get('max_mem', None)
        if self.max_mem is not None:
            raise NotImplementedError('heapscope does not support LineProfiler(max_mem=...) yet')

    def __call__(self, func=None, precision=1):
        if func is None:
            def inner_partial(f):
                return self.__call__(f, precision=precision)
            return inner_partial
        self.add_function(func)
        f = self.wrap_function(func)
        f.__module__ = func.__module__
        f.__name__ = func.__name__
        f.__doc__ = func.__doc__
        f.__dict__.update(getattr(func, '__dict__', {}))
        return f

    def add_function(self, func):
        """Profile the lines of func (and of the functions and comprehensions inside it)."""
        self.code_map.add(func)

    def wrap_function(self, func):
        def f(*args, **kwds):
            self.enable_by_count()
            try:
                return func(*args, **kwds)
            finally:
                self.disable_by_count()
        return f

    def enable_by_count(self):
        if self.enable_count == 0:
            self.enable()
        self.enable_count += 1

    def disable_by_count(self):
        if self.enable_count > 0:
            self.enable_count -= 1
            if self.enable_count == 0:
                self.disable()

    def enable(self):
        self.code_map.enable()

    def disable(self):
        self.code_map.disable()

    def __enter__(self):
        self.enable_by_count()

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.disable_by_count()


def show_results(prof, stream=None, precision=1):
    """Write the table of every profiled function to stream (sys.stdout by default)."""
    if stream is None:
        stream = sys.stdout
    stream.write(prof.code_map.report(precision))


def profile(func=None, stream=None, precision=1, backend='psutil'):
    """Decorator: run the function under a LineProfiler and print its table when it returns."""
    if func is None:
        def inner_wrapper(f):
            return profile(f, stream=stream, precision=precision, backend=backend)
        return inner_wrapper

    def wrapper(*args, **kwargs):
        prof = LineProfiler(backend=backend)
        val = prof(func)(*args, **kwargs)
        show_results(prof, stream=stream, precision=precision)
        return val

    for name in ('__module__', '__name__', '__qualname__', '__doc__'):
        try:
            setattr(wrapper, name, getattr(func, name))
        except AttributeError:
            pass
    wrapper.__dict__.update(getattr(func, '__dict__', {}))
    wrapper.__wrapped__ = func
    return wrapper


def memory_usage(proc=-1, interval=.1, timeout=None, timestamps=False,
                 include_children=False, multiprocess=False, max_usage=False,
                 retval=False, stream=None, backend=None, max_iterations=None):
    """Memory of this process in MiB, or of a call: proc is a callable or (f, args, kw).

    For a call, heapscope returns [memory before, highest memory during, memory after]
    (the real one samples every interval from a child process, and calls a short function
    again with a shorter interval until it has five samples). For the process itself, one
    sample per interval over timeout (one without timeout).
    """
    if timestamps or stream is not None:
        raise NotImplementedError('heapscope does not support memory_usage(timestamps=..., stream=...) yet')
    if callable(proc):
        proc = (proc, (), {})
    if isinstance(proc, (list, tuple)):
        if len(proc) == 1:
            f, args, kw = proc[0], (), {}
        elif len(proc) == 2:
            f, args, kw = proc[0], proc[1], {}
        elif len(proc) == 3:
            f, args, kw = proc[0], proc[1], proc[2]
        else:
            raise ValueError
        before = memory()
        peak_reset()
        returned = f(*args, **kw)
        samples = [before, peak(), memory()]
        result = max(samples) if max_usage else samples
        if retval:
            return result, returned
        return result
    count = 1 if timeout is None else int(round(timeout / interval))
    samples = [memory() for _ in range(count)]
    return max(samples) if max_usage else samples
`;
