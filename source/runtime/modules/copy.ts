/**
 * The copy module, compiled from Python as CPython's is. Instances of ordinary
 * classes are copied through the default reduce protocol: object.__getstate__() hands
 * over the instance's __dict__ (materializing it) and the copy receives the state with
 * `y.__dict__.update(state)` (materializing the copy's), as in 3.11 (reference 1.6).
 * Written for heapscope.
 */
import { newModule, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newref } from '../heap/refcount.js';
import { rt } from '../runtime.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';

const COPY_PY = String.raw`
import types as _types
import weakref as _weakref


class Error(Exception):
    pass

error = Error


def _identity(x):
    return x


def _newobj(cls, *args):
    return cls.__new__(cls, *args)


def _default_reduce(x):
    # object.__reduce_ex__(4): copyreg.__newobj__ with __getnewargs__, the state from
    # __getstate__(), and the items of list and dict subclasses.
    cls = type(x)
    getnewargs = getattr(x, '__getnewargs__', None)
    args = tuple(getnewargs()) if getnewargs is not None else ()
    state = x.__getstate__()
    listitems = iter(x) if isinstance(x, list) else None
    dictitems = iter(x.items()) if isinstance(x, dict) else None
    return (_newobj, (cls,) + args, state, listitems, dictitems)


def _reduce(x):
    cls = type(x)
    reduce_ex = getattr(cls, '__reduce_ex__', None)
    if reduce_ex is not None and reduce_ex is not object.__reduce_ex__:
        return x.__reduce_ex__(4)
    reduce = getattr(cls, '__reduce__', None)
    if reduce is not None and reduce is not object.__reduce__:
        return x.__reduce__()
    return _default_reduce(x)


_copy_dispatch = {}
for _t in (type(None), int, float, bool, complex, str, tuple, bytes, frozenset, type, range, slice,
           property, _types.BuiltinFunctionType, type(Ellipsis), type(NotImplemented),
           _types.FunctionType, _weakref.ref):
    _copy_dispatch[_t] = _identity
_copy_dispatch[list] = list.copy
_copy_dispatch[dict] = dict.copy
_copy_dispatch[set] = set.copy
try:
    _copy_dispatch[bytearray] = bytearray.copy
except NameError:
    pass
del _t


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    copier = _copy_dispatch.get(cls)
    if copier is not None:
        return copier(x)
    if issubclass(cls, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo, deepcopy=None):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo, deepcopy=None):
    y = [deepcopy(a, memo) for a in x]
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            return tuple(y)
    return x


def _deepcopy_dict(x, memo, deepcopy=None):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _deepcopy_method(x, memo):
    return type(x)(x.__func__, deepcopy(x.__self__, memo))


_deepcopy_dispatch = {}
for _t in (type(None), type(Ellipsis), type(NotImplemented), int, float, bool, complex, bytes, str,
           _types.CodeType, type, range, _types.BuiltinFunctionType, _types.FunctionType,
           _weakref.ref, property):
    _deepcopy_dispatch[_t] = _deepcopy_atomic
del _t
_deepcopy_dispatch[_types.MethodType] = _deepcopy_method


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls is list:
        y = _deepcopy_list(x, memo, deepcopy)
    elif cls is tuple:
        y = _deepcopy_tuple(x, memo, deepcopy)
    elif cls is dict:
        y = _deepcopy_dict(x, memo, deepcopy)
    else:
        copier = _deepcopy_dispatch.get(cls)
        if copier is not None:
            y = copier(x, memo)
        elif issubclass(cls, type):
            y = x
        else:
            copier = getattr(x, '__deepcopy__', None)
            if copier is not None:
                y = copier(memo)
            else:
                rv = _reduce(x)
                if isinstance(rv, str):
                    y = x
                else:
                    y = _reconstruct(x, memo, *rv)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None, *, deepcopy=deepcopy):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y

`;

provideModule('copy', () => {
  let m = rt.state.get('copy') as PyModule | undefined;
  if (!m) {
    m = newModule('copy');
    runPythonModuleSource(m, COPY_PY, '<heapscope copy>');
    rt.state.set('copy', m);
  }
  return newref(m);
});
