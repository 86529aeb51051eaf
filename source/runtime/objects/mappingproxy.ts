/**
 * mappingproxy (types.MappingProxyType): a read-only view of a mapping; `cls.__dict__`
 * returns one over the class's dict (descrobject.c). getsizeof 40 (16 + mapping + GC).
 */
import { PyObject, PyType, type Visit } from './object.js';
import { nativeType } from './native-type.js';
import { rt } from '../runtime.js';
import { decref, incref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { newStr } from './str.js';
import { PyList } from './list.js';
import { PyTuple } from './tuple.js';
import { defineMethods, positional } from '../builtins/args.js';
import { binaryOp, callMethod, contains, getItem, getIter, length, repr, richCompare, str, typeName } from '../protocols/abstract.js';
import { bindMappingProxy } from './classes.js';
import { labelSlot } from './slot-labels.js';

export class PyMappingProxy extends PyObject {
  constructor(
    type: PyType,
    readonly mapping: PyObject,
  ) {
    super(type);
  }
}

export let mappingProxyType: PyType;

const mappingSlot = () => labelSlot('mapping');

/** A proxy over `mapping` (borrowed). */
export function newMappingProxy(mapping: PyObject): PyMappingProxy {
  incref(mapping);
  const p = new PyMappingProxy(mappingProxyType, mapping);
  rt.heap.allocate(p, true);
  rt.ev.refAdded(p.serial, mapping.serial, mappingSlot());
  return p;
}

function isMapping(o: PyObject): boolean {
  return o.type.getitem !== null && !(o instanceof PyList) && !(o instanceof PyTuple);
}

const of = (o: PyObject) => (o as PyMappingProxy).mapping;

export function initMappingProxyType(): void {
  mappingProxyType = nativeType('mappingproxy', { gc: true, baseType: false, basicSize: 24 }, (t) => {
    t.newInstance = (_t, args, kw) => {
      const [m] = positional('mappingproxy', args, kw, 1, 1);
      if (!isMapping(m!)) throw pyError(E.TypeError!, `mappingproxy() argument must be a mapping, not ${typeName(m!)}`);
      return newMappingProxy(m!);
    };
    t.traverse = (o, visit: Visit) => visit(of(o), mappingSlot());
    t.dealloc = (o) => decref(of(o));
    t.repr = (o) => newStr(`mappingproxy(${repr(of(o))})`);
    t.str = (o) => newStr(str(of(o)));
    t.getitem = (o, k) => getItem(of(o), k);
    t.length = (o) => length(of(o));
    t.contains = (o, k) => contains(of(o), k);
    t.iter = (o) => getIter(of(o));
    t.richcompare = (o, other, op) => richCompare(of(o), other, op);
    t.number.or = (a, b) => {
      const x = a instanceof PyMappingProxy ? a.mapping : a;
      const y = b instanceof PyMappingProxy ? b.mapping : b;
      return binaryOp(x, y, 'or');
    };
  });
  const forward = (name: string) => (self: PyObject | null, args: PyObject[]) => callMethod(of(self!), name, args);
  defineMethods(mappingProxyType, {
    get: forward('get'),
    keys: forward('keys'),
    values: forward('values'),
    items: forward('items'),
    copy: forward('copy'),
    __reversed__: forward('__reversed__'),
    __ior__: () => {
      throw pyError(E.TypeError!, `'|=' is not supported by mappingproxy; use '|' instead`);
    },
  });
  bindMappingProxy((cls: PyType) => newMappingProxy(cls.dict!));
}
