/**
 * Python source of heapscope's tracemalloc module (compiled on first import), written for
 * heapscope after the documented behaviour of CPython 3.11's Lib/tracemalloc.py: the same
 * classes, sort orders and text formats over the native _tracemalloc.
 */
export const TRACEMALLOC_PY = String.raw`
"""Trace the memory blocks Python allocates (CPython 3.11's tracemalloc API)."""
from _tracemalloc import (start, stop, is_tracing, clear_traces, get_traceback_limit,
                          get_traced_memory, reset_peak, get_tracemalloc_memory,
                          _get_traces, _get_object_traceback, _getline, _fnmatch)

_UNITS = ('B', 'KiB', 'MiB', 'GiB', 'TiB')


def _format_size(size, sign):
    # Three significant digits and a unit: "xx.x KiB" below 100 units, else "xxxx KiB"
    # up to 10 * 1024 of a unit before moving to the next one.
    for unit in _UNITS:
        if unit != 'B' and abs(size) < 100:
            return ('%+.1f %s' if sign else '%.1f %s') % (size, unit)
        if unit == 'TiB' or abs(size) < 10 * 1024:
            return ('%+.0f %s' if sign else '%.0f %s') % (size, unit)
        size /= 1024


class Frame:
    """One frame of a traceback: filename and line number."""
    __slots__ = ('_frame',)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __gt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return other._frame < self._frame

    def __le__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame <= other._frame

    def __ge__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return other._frame <= self._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return '%s:%s' % (self.filename, self.lineno)

    def __repr__(self):
        return '<Frame filename=%r lineno=%r>' % (self.filename, self.lineno)


class Traceback:
    """Frames from the oldest to the most recent (the native side gives them reversed)."""
    __slots__ = ('_frames', '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Frame(f) for f in self._frames[index])
        return Frame(self._frames[index])

    def __iter__(self):
        for f in self._frames:
            yield Frame(f)

    def __reversed__(self):
        for f in reversed(self._frames):
            yield Frame(f)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __gt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return other._frames < self._frames

    def __le__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames <= other._frames

    def __ge__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return other._frames <= self._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        text = '<Traceback %s' % (tuple(self),)
        if self._total_nframe is None:
            return text + '>'
        return text + ' total_nframe=%s>' % (self._total_nframe,)

    def format(self, limit=None, most_recent_first=False):
        if limit is None:
            frames = list(self)
        elif limit > 0:
            frames = list(self[-limit:])
        else:
            frames = list(self[:limit])
        if most_recent_first:
            frames.reverse()
        lines = []
        for frame in frames:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
            line = _getline(frame.filename, frame.lineno).strip()
            if line:
                lines.append('    %s' % line)
        return lines


def get_object_traceback(obj):
    """Traceback where obj was allocated, or None if it was not traced."""
    frames = _get_object_traceback(obj)
    if frames is None:
        return None
    return Traceback(frames)


class Trace:
    """One traced memory block: (domain, size, traceback, total_nframe)."""
    __slots__ = ('_trace',)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(self._trace[2], self._trace[3])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return '%s: %s' % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return '<Trace domain=%s size=%s, traceback=%r>' % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Trace(t) for t in self._traces[index])
        return Trace(self._traces[index])

    def __iter__(self):
        for t in self._traces:
            yield Trace(t)

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return '<Traces len=%s>' % len(self)


class Statistic:
    """Size and number of the traced blocks of one traceback (or line, or file)."""
    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.count == other.count)

    def __str__(self):
        text = '%s: size=%s, count=%i' % (self.traceback, _format_size(self.size, False), self.count)
        if self.count:
            text += ', average=%s' % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<Statistic traceback=%r size=%i count=%i>' % (self.traceback, self.size, self.count)

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    """A Statistic and its change since an older snapshot."""
    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff, self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback and self.size == other.size
                and self.size_diff == other.size_diff and self.count == other.count
                and self.count_diff == other.count_diff)

    def __str__(self):
        text = '%s: size=%s (%s), count=%i (%+i)' % (
            self.traceback, _format_size(self.size, False), _format_size(self.size_diff, True),
            self.count, self.count_diff)
        if self.count:
            text += ', average=%s' % _format_size(self.size / self.count, False)
        return text

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>' % (
            self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff), self.count, self.traceback)


def _normalize_filename(filename):
    if filename.endswith('.pyc'):
        filename = filename[:-1]
    return filename


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    """Keep (inclusive) or drop the traces whose frame matches filename_pattern [and lineno]."""

    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        if not _fnmatch(_normalize_filename(filename), self._filename_pattern):
            return False
        return self.lineno is None or lineno == self.lineno

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) ^ (not self.inclusive)

    def _match_traceback(self, traceback):
        if self.all_frames:
            for filename, lineno in traceback:
                if self._match_frame_impl(filename, lineno):
                    return self.inclusive
            return not self.inclusive
        filename, lineno = traceback[0]
        return self._match_frame(filename, lineno)

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        res = self._match_traceback(traceback)
        if self.domain is not None:
            if self.inclusive:
                return res and domain == self.domain
            return res or domain != self.domain
        return res


class DomainFilter(BaseFilter):
    """Keep (inclusive) or drop the traces of one allocator domain."""

    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        return (domain == self.domain) ^ (not self.inclusive)


class Snapshot:
    """The traces at one moment, and statistics over them."""

    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def dump(self, filename):
        raise NotImplementedError('heapscope does not support Snapshot.dump yet')

    @staticmethod
    def load(filename):
        raise NotImplementedError('heapscope does not support Snapshot.load yet')

    def _filter_trace(self, include_filters, exclude_filters, trace):
        if include_filters:
            matched = False
            for f in include_filters:
                if f._match(trace):
                    matched = True
                    break
            if not matched:
                return False
        for f in exclude_filters:
            if not f._match(trace):
                return False
        return True

    def filter_traces(self, filters):
        """A new Snapshot with the traces the filters keep (all of them for no filter)."""
        try:
            iter(filters)
        except TypeError:
            raise TypeError('filters must be a list of filters, not %s' % type(filters).__name__) from None
        if not filters:
            return Snapshot(self.traces._traces.copy(), self.traceback_limit)
        include_filters = [f for f in filters if f.inclusive]
        exclude_filters = [f for f in filters if not f.inclusive]
        kept = [t for t in self.traces._traces
                if self._filter_trace(include_filters, exclude_filters, t)]
        return Snapshot(kept, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError('unknown key_type: %r' % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError('cumulative mode cannot by used with key type %r' % key_type)
        stats = {}
        keys = {}
        for domain, size, frames, total_nframe in self.traces._traces:
            if cumulative:
                groups = frames
            else:
                groups = (frames,)
            for group in groups:
                traceback = keys.get(group)
                if traceback is None:
                    if not cumulative and key_type == 'traceback':
                        key = group
                    elif not cumulative and key_type == 'lineno':
                        key = group[:1]
                    elif not cumulative:
                        key = ((group[0][0], 0),)
                    elif key_type == 'lineno':
                        key = (group,)
                    else:
                        key = ((group[0], 0),)
                    traceback = Traceback(key)
                    keys[group] = traceback
                stat = stats.get(traceback)
                if stat is None:
                    stats[traceback] = Statistic(traceback, size, 1)
                else:
                    stat.size += size
                    stat.count += 1
        return stats

    def statistics(self, key_type, cumulative=False):
        """Statistics grouped by key_type ('traceback', 'lineno', 'filename'), biggest first."""
        result = list(self._group_by(key_type, cumulative).values())
        result.sort(reverse=True, key=Statistic._sort_key)
        return result

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        """StatisticDiff of every group between old_snapshot and this one, biggest change first."""
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        result = []
        for traceback, stat in new_group.items():
            old = old_group.pop(traceback, None)
            if old is None:
                result.append(StatisticDiff(traceback, stat.size, stat.size, stat.count, stat.count))
            else:
                result.append(StatisticDiff(traceback, stat.size, stat.size - old.size,
                                            stat.count, stat.count - old.count))
        for traceback, stat in old_group.items():
            result.append(StatisticDiff(traceback, 0, -stat.size, 0, -stat.count))
        result.sort(reverse=True, key=StatisticDiff._sort_key)
        return result


def take_snapshot():
    """A Snapshot of the traces now."""
    if not is_tracing():
        raise RuntimeError('the tracemalloc module must be tracing memory allocations to take a snapshot')
    return Snapshot(_get_traces(), get_traceback_limit())
`;
