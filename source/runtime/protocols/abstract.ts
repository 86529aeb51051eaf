/**
 * The abstract object protocols of Objects/abstract.c and Objects/object.c: attribute
 * access, calls, operators with their reflected-operand rules, comparison, truth,
 * hashing, repr/str, iteration and subscription. Every function returns new references
 * and raises Python exceptions with CPython's messages.
 */
import { EQ, GE, GT, LE, LT, NE, PyObject, PyType, type BinarySlotName, type InplaceSlotName, type RichOp, type PyHash } from '../objects/object.js';
import { lookup, typeType } from '../objects/typeobject.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, PyBaseException, exceptionSetMember } from '../objects/exceptions.js';
import { NotImplemented, None } from '../objects/singletons.js';
import { False, True, PyInt, intType, boolType, type IntValue, newBool } from '../objects/int.js';
import { PyStr, internStr, newStr, strType } from '../objects/str.js';
import { rt } from '../runtime.js';

// ---------------------------------------------------------------- naming helpers

export function typeName(o: PyObject): string {
  return o.type.tpName;
}

export function addressOf(o: PyObject): string {
  return '0x' + o.addr.toString(16).padStart(12, '0');
}

// ---------------------------------------------------------------- attributes

/** getattr(o, name): new reference, AttributeError when missing. */
export function getAttr(o: PyObject, name: string): PyObject {
  try {
    const f = o.type.getattro;
    if (f !== null) return f(o, name);
    return genericGetAttr(o, name);
  } catch (e) {
    if (e instanceof PyRaise) attributeErrorContext(e.exc, o, name);
    throw e;
  }
}

/**
 * set_attribute_error_context (PyObject_GetAttr, 3.11): an AttributeError leaving an
 * attribute lookup records the name and the object (a reference to it), which the
 * traceback's "Did you mean" reads.
 */
function attributeErrorContext(exc: PyObject, o: PyObject, name: string): void {
  if (!(exc instanceof PyBaseException) || !exc.type.isSubtypeOf(E.AttributeError!)) return;
  exceptionSetMember(exc, 'name', internStr(name));
  exceptionSetMember(exc, 'obj', newref(o));
}

/** getattr(o, name, None)-style lookup (_PyObject_LookupAttr): null instead of AttributeError. */
export function getAttrOrNull(o: PyObject, name: string): PyObject | null {
  try {
    const f = o.type.getattro;
    return f !== null ? f(o, name) : genericGetAttr(o, name);
  } catch (e) {
    if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.AttributeError!)) {
      decref(e.exc);
      return null;
    }
    throw e;
  }
}

export function setAttr(o: PyObject, name: string, value: PyObject | null): void {
  const f = o.type.setattro;
  if (f !== null) f(o, name, value);
  else genericSetAttr(o, name, value);
}

export function isDataDescriptor(d: PyObject): boolean {
  return d.type.descrSet !== null;
}

/** PyObject_GenericGetAttr. */
export function genericGetAttr(o: PyObject, name: string): PyObject {
  const t = o.type;
  const descr = lookup(t, name);
  let get = null;
  if (descr !== null) {
    get = descr.type.descrGet;
    if (get !== null && descr.type.descrSet !== null) return get(descr, o, t);
  }
  const inst = t.instanceGet;
  if (inst !== null) {
    const v = inst(o, name);
    if (v !== null) return newref(v);
  }
  if (get !== null) return get(descr!, o, t);
  if (descr !== null) return newref(descr);
  throw attributeError(o, name);
}

export function attributeError(o: PyObject, name: string): PyRaise {
  if (o instanceof PyType) return pyError(E.AttributeError!, `type object '${o.name}' has no attribute '${name}'`);
  return pyError(E.AttributeError!, `'${typeName(o)}' object has no attribute '${name}'`);
}

/** PyObject_GenericSetAttr (value borrowed; null deletes). */
export function genericSetAttr(o: PyObject, name: string, value: PyObject | null): void {
  const t = o.type;
  const descr = lookup(t, name);
  if (descr !== null && descr.type.descrSet !== null) {
    descr.type.descrSet(descr, o, value);
    return;
  }
  const inst = t.instanceSet;
  if (inst !== null) {
    if (value !== null) incref(value);
    if (inst(o, name, value)) return;
    if (value !== null) {
      decref(value);
    } else {
      throw pyError(E.AttributeError!, `'${typeName(o)}' object has no attribute '${name}'`);
    }
  }
  if (descr === null) throw pyError(E.AttributeError!, `'${typeName(o)}' object has no attribute '${name}'`);
  throw pyError(E.AttributeError!, `'${typeName(o)}' object attribute '${name}' is read-only`);
}

export function hasAttr(o: PyObject, name: string): boolean {
  const v = getAttrOrNull(o, name);
  if (v === null) return false;
  decref(v);
  return true;
}

// ---------------------------------------------------------------- calls

/** Call `callable` with `args` (references stolen); the last kwnames.length are keywords. */
export function call(callable: PyObject, args: PyObject[], kwnames: readonly string[] | null = null): PyObject {
  const f = callable.type.call;
  if (f === null) {
    for (const a of args) decref(a);
    throw pyError(E.TypeError!, `'${typeName(callable)}' object is not callable`);
  }
  return f(callable, args, kwnames);
}

/** Call with borrowed arguments. */
export function callBorrowed(callable: PyObject, args: readonly PyObject[], kwnames: readonly string[] | null = null): PyObject {
  for (const a of args) incref(a);
  return call(callable, args.slice(), kwnames);
}

/** o.name(*args) with borrowed `o` and borrowed args; CPython's LOAD_METHOD + CALL. */
export function callMethod(o: PyObject, name: string, args: readonly PyObject[] = []): PyObject {
  const m = loadMethod(o, name);
  for (const a of args) incref(a);
  if (m.self !== null) {
    try {
      return call(m.func, [m.self, ...args]);
    } finally {
      decref(m.func);
    }
  }
  try {
    return call(m.func, args.slice());
  } finally {
    decref(m.func);
  }
}

/** Look up a method without creating a bound method when it is a plain function (LOAD_METHOD). */
export function loadMethod(o: PyObject, name: string): { func: PyObject; self: PyObject | null } {
  const t = o.type;
  if (t.getattro === null || t.getattro === genericGetAttr) {
    const descr = lookup(t, name);
    if (descr !== null && isMethodLike(descr)) {
      const inst = t.instanceGet;
      const shadow = inst !== null ? inst(o, name) : null;
      if (shadow === null) {
        incref(descr);
        incref(o);
        return { func: descr, self: o };
      }
    }
  }
  return { func: getAttr(o, name), self: null };
}

/** Set by the function module: does this descriptor bind like a method (function, method_descriptor)? */
let methodLike: (d: PyObject) => boolean = () => false;
export function bindMethodLike(fn: (d: PyObject) => boolean): void {
  methodLike = fn;
}
function isMethodLike(d: PyObject): boolean {
  return methodLike(d);
}

// ---------------------------------------------------------------- numbers

const OPERATOR_SYMBOLS: Record<BinarySlotName, string> = {
  add: '+', sub: '-', mul: '*', matmul: '@', truediv: '/', floordiv: '//', mod: '%', divmod: 'divmod()',
  pow: '** or pow()', lshift: '<<', rshift: '>>', and: '&', or: '|', xor: '^',
};

/** binary_op1: try the left operand's slot, the right one's, subclass first. */
export function binaryOp1(a: PyObject, b: PyObject, slot: BinarySlotName): PyObject {
  const slotA = a.type.number[slot];
  let slotB = b.type !== a.type ? b.type.number[slot] : null;
  if (slotB === slotA) slotB = null;
  if (slotA !== null) {
    if (slotB !== null && b.type.isSubtypeOf(a.type)) {
      const r = slotB(a, b);
      if (r !== NotImplemented) return r;
      decref(r);
      slotB = null;
    }
    const r = slotA(a, b);
    if (r !== NotImplemented) return r;
    decref(r);
  }
  if (slotB !== null) {
    const r = slotB(a, b);
    if (r !== NotImplemented) return r;
    decref(r);
  }
  incref(NotImplemented);
  return NotImplemented;
}

export function binaryOp(a: PyObject, b: PyObject, slot: BinarySlotName): PyObject {
  const r = binaryOp1(a, b, slot);
  if (r !== NotImplemented) return r;
  decref(r);
  // PyNumber_Add / PyNumber_Multiply fall back to the sequence protocol.
  if (slot === 'add' && a.type.concat !== null) return a.type.concat(a, b);
  if (slot === 'mul') {
    if (a.type.repeat !== null) return sequenceRepeat(a.type.repeat, a, b);
    if (b.type.repeat !== null) return sequenceRepeat(b.type.repeat, b, a);
  }
  throw binaryTypeError(a, b, OPERATOR_SYMBOLS[slot]);
}

/** seq * n: n must be an index (sequence_repeat). */
function sequenceRepeat(repeat: (s: PyObject, n: number) => PyObject, seq: PyObject, n: PyObject): PyObject {
  if (n.type.number.index === null) {
    throw pyError(E.TypeError!, `can't multiply sequence by non-int of type '${typeName(n)}'`);
  }
  const v = indexValue(n);
  if (typeof v === 'bigint') {
    if (v < 0n) return repeat(seq, 0);
    // beyond Py_ssize_t: OverflowError; within it, the repeat itself runs out of memory
    if (v > 0x7fffffffffffffffn) throw pyError(E.OverflowError!, "cannot fit 'int' into an index-sized integer");
    return repeat(seq, Number(v));
  }
  return repeat(seq, v);
}

function binaryTypeError(a: PyObject, b: PyObject, symbol: string): PyRaise {
  return pyError(E.TypeError!, `unsupported operand type(s) for ${symbol}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** a op= b: the in-place slot first, then the binary operation. */
export function inplaceOp(a: PyObject, b: PyObject, slot: Exclude<BinarySlotName, 'divmod'>): PyObject {
  const islot = a.type.number[`i${slot}` as InplaceSlotName];
  if (islot !== null) {
    const r = islot(a, b);
    if (r !== NotImplemented) return r;
    decref(r);
  }
  const r = binaryOp1(a, b, slot);
  if (r !== NotImplemented) return r;
  decref(r);
  if (slot === 'add') {
    const f = a.type.inplaceConcat ?? a.type.concat;
    if (f !== null) return f(a, b);
  }
  if (slot === 'mul') {
    const f = a.type.inplaceRepeat ?? a.type.repeat;
    if (f !== null) return sequenceRepeat(f, a, b);
    if (b.type.repeat !== null) return sequenceRepeat(b.type.repeat, b, a);
  }
  throw binaryTypeError(a, b, OPERATOR_SYMBOLS[slot] + '=');
}

export function unaryOp(o: PyObject, which: 'neg' | 'pos' | 'invert' | 'abs'): PyObject {
  const f = o.type.number[which];
  if (f !== null) return f(o);
  const symbol = which === 'neg' ? '-' : which === 'pos' ? '+' : which === 'invert' ? '~' : 'abs()';
  throw pyError(E.TypeError!, which === 'abs' ? `bad operand type for abs(): '${typeName(o)}'` : `bad operand type for unary ${symbol}: '${typeName(o)}'`);
}

/** operator.index(o): the exact int value of an object with __index__. */
export function indexValue(o: PyObject): IntValue {
  if (o instanceof PyInt && (o.type === intType || o.type === boolType)) return o.v;
  const f = o.type.number.index;
  if (f === null) throw pyError(E.TypeError!, `'${typeName(o)}' object cannot be interpreted as an integer`);
  const r = f(o);
  try {
    if (!(r instanceof PyInt)) throw pyError(E.TypeError!, `__index__ returned non-int (type ${typeName(r)})`);
    return r.v;
  } finally {
    decref(r);
  }
}

/** An index that must fit in a machine word (Py_ssize_t). */
export function indexSize(o: PyObject, errorType: PyType | null = null): number {
  const v = indexValue(o);
  if (typeof v === 'bigint') {
    throw pyError(errorType ?? E.IndexError!, `cannot fit '${typeName(o)}' into an index-sized integer`);
  }
  return v;
}

// ---------------------------------------------------------------- comparison

const SWAPPED: RichOp[] = [GT, GE, EQ, NE, LT, LE];
const COMPARE_SYMBOLS = ['<', '<=', '==', '!=', '>', '>='];

/** PyObject_RichCompare: new reference. */
export function richCompare(a: PyObject, b: PyObject, op: RichOp): PyObject {
  let checkedReverse = false;
  const ta = a.type;
  const tb = b.type;
  if (ta !== tb && tb.richcompare !== null && tb.isSubtypeOf(ta)) {
    checkedReverse = true;
    const r = tb.richcompare(b, a, SWAPPED[op]!);
    if (r !== NotImplemented) return r;
    decref(r);
  }
  if (ta.richcompare !== null) {
    const r = ta.richcompare(a, b, op);
    if (r !== NotImplemented) return r;
    decref(r);
  }
  if (!checkedReverse && tb.richcompare !== null) {
    const r = tb.richcompare(b, a, SWAPPED[op]!);
    if (r !== NotImplemented) return r;
    decref(r);
  }
  if (op === EQ) return newBool(a === b);
  if (op === NE) return newBool(a !== b);
  throw pyError(E.TypeError!, `'${COMPARE_SYMBOLS[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** PyObject_RichCompareBool: identity implies equality for == and !=. */
export function richCompareBool(a: PyObject, b: PyObject, op: RichOp): boolean {
  if (a === b) {
    if (op === EQ) return true;
    if (op === NE) return false;
  }
  const r = richCompare(a, b, op);
  if (r === True) {
    decref(r);
    return true;
  }
  if (r === False) {
    decref(r);
    return false;
  }
  try {
    return isTrue(r);
  } finally {
    decref(r);
  }
}

export function equals(a: PyObject, b: PyObject): boolean {
  return richCompareBool(a, b, EQ);
}

// ---------------------------------------------------------------- truth, hash

export function isTrue(o: PyObject): boolean {
  if (o === True) return true;
  if (o === False || o === None) return false;
  const t = o.type;
  const nb = t.number.bool;
  if (nb !== null) return nb(o);
  if (t.length !== null) return t.length(o) > 0;
  return true;
}

export function hashOf(o: PyObject): PyHash {
  const f = o.type.hash;
  if (f === null) throw pyError(E.TypeError!, `unhashable type: '${typeName(o)}'`);
  return f(o);
}

/** The hash slot of unhashable types (PyObject_HashNotImplemented): inherited like any slot. */
export function hashNotImplemented(o: PyObject): PyHash {
  throw pyError(E.TypeError!, `unhashable type: '${typeName(o)}'`);
}

// ---------------------------------------------------------------- repr and str

const reprInProgress = new Set<PyObject>();

/**
 * Py_ReprEnter/Leave: returns false when `o` is already being repr'd (a cycle). CPython
 * keeps the objects being repr'd in a list stored in the thread state's dict, both made
 * by the first repr of a container (two GC objects that then live on).
 */
export function reprEnter(o: PyObject): boolean {
  if (reprInProgress.has(o)) return false;
  if (!rt.state.has('thread state dict')) makeReprList();
  reprInProgress.add(o);
  return true;
}

function makeReprList(): void {
  const d = newDictForRepr();
  rt.state.set('thread state dict', d);
  const list = newListForRepr();
  dictSetStealForRepr(d, list);
}
let newDictForRepr: () => PyObject;
let newListForRepr: () => PyObject;
let dictSetStealForRepr: (d: PyObject, list: PyObject) => void;
/** dict.ts and list.ts are imported after this module; bootstrap binds them. */
export function bindReprListFactories(dict: () => PyObject, list: () => PyObject, set: (d: PyObject, list: PyObject) => void): void {
  newDictForRepr = dict;
  newListForRepr = list;
  dictSetStealForRepr = set;
}
export function reprLeave(o: PyObject): void {
  reprInProgress.delete(o);
}

/** repr(o) as a JS string. */
export function repr(o: PyObject): string {
  const f = o.type.repr;
  if (f === null) return defaultRepr(o);
  const r = callReprSlot(f, o, '__repr__');
  const s = r.v;
  decref(r);
  return s;
}

/** str(o) as a JS string. */
export function str(o: PyObject): string {
  if (o.type === strType) return (o as PyStr).v;
  const f = o.type.str ?? o.type.repr;
  if (f === null) return defaultRepr(o);
  const r = callReprSlot(f, o, '__str__');
  const s = r.v;
  decref(r);
  return s;
}

/** str(o) as a new str object. */
export function strObject(o: PyObject): PyStr {
  if (o.type === strType) return newref(o as PyStr);
  const f = o.type.str ?? o.type.repr;
  if (f === null) return newStr(defaultRepr(o));
  return callReprSlot(f, o, '__str__');
}

export function reprObject(o: PyObject): PyStr {
  const f = o.type.repr;
  if (f === null) return newStr(defaultRepr(o));
  return callReprSlot(f, o, '__repr__');
}

function callReprSlot(f: (o: PyObject) => PyObject, o: PyObject, name: string): PyStr {
  checkRecursion(' while getting the repr of an object');
  rt.depth++;
  let r: PyObject;
  try {
    r = f(o);
  } finally {
    rt.depth--;
  }
  if (!(r instanceof PyStr)) {
    const tn = typeName(r);
    decref(r);
    throw pyError(E.TypeError!, `${name} returned non-string (type ${tn})`);
  }
  return r;
}

export function defaultRepr(o: PyObject): string {
  const t = o.type;
  const prefix = t.module && t.module !== 'builtins' ? `${t.module}.` : '';
  return `<${prefix}${t.qualname} object at ${addressOf(o)}>`;
}

/** Raise RecursionError when the Python-level depth reached the limit. */
export function checkRecursion(where = ''): void {
  if (rt.depth >= rt.recursionLimit) {
    throw pyError(E.RecursionError!, `maximum recursion depth exceeded${where}`);
  }
}

// ---------------------------------------------------------------- iteration

export function getIter(o: PyObject): PyObject {
  const f = o.type.iter;
  if (f !== null) {
    const it = f(o);
    if (it.type.iternext === null) {
      const tn = typeName(it);
      decref(it);
      throw pyError(E.TypeError!, `iter() returned non-iterator of type '${tn}'`);
    }
    return it;
  }
  if (o.type.getitem !== null && o.type !== typeType) return sequenceIterFactory(o);
  throw pyError(E.TypeError!, `'${typeName(o)}' object is not iterable`);
}

let sequenceIterFactory: (o: PyObject) => PyObject;
export function bindSequenceIter(fn: (o: PyObject) => PyObject): void {
  sequenceIterFactory = fn;
}

/** next(it): a new reference, or null when exhausted (StopIteration is swallowed). */
export function iterNext(it: PyObject): PyObject | null {
  const f = it.type.iternext;
  if (f === null) throw pyError(E.TypeError!, `'${typeName(it)}' object is not an iterator`);
  return f(it);
}

/** Drain an iterable into a JS array of new references. */
export function iterateToArray(o: PyObject): PyObject[] {
  const it = getIter(o);
  const out: PyObject[] = [];
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) out.push(x);
  } catch (e) {
    for (const x of out) decref(x);
    throw e;
  } finally {
    decref(it);
  }
  return out;
}

// ---------------------------------------------------------------- subscription

export function getItem(o: PyObject, key: PyObject): PyObject {
  const f = o.type.getitem;
  if (f !== null) return f(o, key);
  if (o instanceof PyType) {
    const m = getAttrOrNull(o, '__class_getitem__');
    if (m !== null) {
      try {
        return callBorrowed(m, [key]);
      } finally {
        decref(m);
      }
    }
    throw pyError(E.TypeError!, `type '${o.name}' is not subscriptable`);
  }
  throw pyError(E.TypeError!, `'${typeName(o)}' object is not subscriptable`);
}

export function setItem(o: PyObject, key: PyObject, value: PyObject): void {
  const f = o.type.setitem;
  if (f === null) throw pyError(E.TypeError!, `'${typeName(o)}' object does not support item assignment`);
  f(o, key, value);
}

export function delItem(o: PyObject, key: PyObject): void {
  const f = o.type.setitem;
  if (f === null) {
    if (o.type.getitem !== null) throw pyError(E.TypeError!, `'${typeName(o)}' object doesn't support item deletion`);
    throw pyError(E.TypeError!, `'${typeName(o)}' object does not support item deletion`);
  }
  f(o, key, null);
}

export function contains(container: PyObject, item: PyObject): boolean {
  const f = container.type.contains;
  if (f !== null) return f(container, item);
  // Fall back to iteration (PySequence_Contains → _PySequence_IterSearch).
  if (container.type.iter === null && container.type.getitem === null) {
    throw pyError(E.TypeError!, `argument of type '${typeName(container)}' is not iterable`);
  }
  const it = getIter(container);
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      const same = x === item || richCompareBool(x, item, EQ);
      decref(x);
      if (same) return true;
    }
    return false;
  } finally {
    decref(it);
  }
}

export function length(o: PyObject): number {
  const f = o.type.length;
  if (f === null) throw pyError(E.TypeError!, `object of type '${typeName(o)}' has no len()`);
  return f(o);
}

// ---------------------------------------------------------------- exceptions as values

/** Does the raised exception match `type` (an exception class or a tuple of them)? */
export function exceptionMatches(exc: PyObject, type: PyType): boolean {
  return exc.type.isSubtypeOf(type);
}

export function isBaseException(o: PyObject): o is PyBaseException {
  return o instanceof PyBaseException;
}

export { LT, LE, EQ, NE, GT, GE };
