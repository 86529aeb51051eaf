/**
 * Python source of the weakref containers, compiled when `weakref` is first imported
 * (CPython also implements them in Python, in Lib/weakref.py). Written for heapscope.
 */
export const WEAKREF_PY = String.raw`
class KeyedRef(ref):
    """A weak reference that remembers the dictionary key it belongs to."""
    __slots__ = ('key',)

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        pass


class WeakValueDictionary:
    """A mapping whose values are held weakly: an entry vanishes with its value."""

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=ref(self)):
            self = selfref()
            if self is not None and self.data.get(wr.key) is wr:
                del self.data[wr.key]
        self._remove = remove
        self.data = {}
        self.update(other, **kw)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        return sum(1 for wr in self.data.values() if wr() is not None)

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __iter__(self):
        for key, wr in list(self.data.items()):
            if wr() is not None:
                yield key

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def keys(self):
        return list(self)

    def values(self):
        return [o for o in (wr() for wr in list(self.data.values())) if o is not None]

    def items(self):
        out = []
        for key, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((key, o))
        return out

    def pop(self, key, *default):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), /, **kw):
        if hasattr(other, 'items'):
            other = other.items()
        for key, value in other:
            self[key] = value
        for key, value in kw.items():
            self[key] = value

    def copy(self):
        new = WeakValueDictionary()
        for key, value in self.items():
            new[key] = value
        return new


class WeakKeyDictionary:
    """A mapping whose keys are held weakly: an entry vanishes with its key."""

    def __init__(self, dict=None):
        self.data = {}
        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                try:
                    del self.data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __len__(self):
        return len(self.data)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def keys(self):
        return list(self)

    def values(self):
        return [v for wr, v in list(self.data.items()) if wr() is not None]

    def items(self):
        return [(wr(), v) for wr, v in list(self.data.items()) if wr() is not None]

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kw):
        if dict is not None:
            if hasattr(dict, 'items'):
                dict = dict.items()
            for key, value in dict:
                self[key] = value
        for key, value in kw.items():
            self[key] = value


class WeakSet:
    """A set of weakly held objects."""

    def __init__(self, data=None):
        self.data = set()
        def remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                self.data.discard(item)
        self._remove = remove
        if data is not None:
            for item in data:
                self.add(item)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __repr__(self):
        return repr(set(self))


class finalize:
    """Call func(*args, **kwargs) when obj is garbage collected (at most once)."""
    _registry = {}

    def __init__(self, obj, func, /, *args, **kwargs):
        self._key = object()
        self._ref = ref(obj, self)
        finalize._registry[self._key] = (func, args, kwargs)
        self.atexit = True

    def __call__(self, _=None):
        info = finalize._registry.pop(self._key, None)
        if info is not None:
            func, args, kwargs = info
            return func(*args, **(kwargs or {}))

    def detach(self):
        obj = self._ref()
        info = finalize._registry.pop(self._key, None)
        if obj is not None and info is not None:
            return (obj,) + info

    def peek(self):
        obj = self._ref()
        info = finalize._registry.get(self._key)
        if obj is not None and info is not None:
            return (obj,) + info

    @property
    def alive(self):
        return self._key in finalize._registry

    def __repr__(self):
        obj = self._ref()
        if obj is None:
            return '<finalize object at %#x; dead>' % id(self)
        return '<finalize object at %#x; for %r at %#x>' % (id(self), type(obj).__name__, id(obj))
`;
