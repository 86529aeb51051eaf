/**
 * collections.deque, as Modules/_collectionsmodule.c builds it: a doubly linked list of
 * 64-slot blocks. Only the block bookkeeping is modelled (leftindex / rightindex), because
 * that is what sys.getsizeof reports: 216 + 528 per block, blocks =
 * ⌈(leftindex + len) / 64⌉ (deque_sizeof); an empty deque starts centred at index 32,
 * so deque() is 760 with the GC header [M: 3.11.7].
 */
import { PyObject, PyType, type Visit } from '../../objects/object.js';
import { nativeType, defineGetter } from '../../objects/native-type.js';
import { rt } from '../../runtime.js';
import { decref, incref, newref } from '../../heap/refcount.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { EventKind } from '../../../events/kinds.js';
import { None, newNone, newNotImplemented } from '../../objects/singletons.js';
import { newInt } from '../../objects/int.js';
import { newStr } from '../../objects/str.js';
import { indexSlot, newTuple } from '../../objects/tuple.js';
import { PySlice } from '../../objects/range.js';
import { normalizeIndex, compareSequences, indexOf } from '../../objects/sequence.js';
import { bindArgs, defineMethods, exactlyOne, noArgs, positional } from '../../builtins/args.js';
import { getIter, iterNext, repr, reprEnter, reprLeave, richCompareBool, indexValue, hashNotImplemented, EQ } from '../../protocols/abstract.js';
import { addClassGetItem } from '../../objects/generic-alias.js';
import { labelSlot } from '../../objects/slot-labels.js';

const BLOCKLEN = 64;
const CENTER = (BLOCKLEN - 1) >> 1;
/** sizeof(block): 64 item pointers plus the two links. */
const BLOCK_BYTES = BLOCKLEN * 8 + 16;

export class PyDeque extends PyObject {
  /** Items in order; the live ones are items[head .. head + length). */
  items: PyObject[] = [];
  head = 0;
  length = 0;
  leftindex = CENTER + 1;
  rightindex = CENTER;
  /** -1: unbounded. */
  maxlen = -1;
  /** Bumped by every mutation that iterators must notice (deque->state). */
  state = 0;
  constructor(type: PyType) {
    super(type);
  }
  at(i: number): PyObject {
    return this.items[this.head + i]!;
  }
  toArray(): PyObject[] {
    return this.items.slice(this.head, this.head + this.length);
  }
}

export class PyDequeIter extends PyObject {
  constructor(
    type: PyType,
    public deque: PyDeque | null,
    public index: number,
    public counter: number,
    readonly state: number,
  ) {
    super(type);
  }
}

function blocks(d: PyDeque): number {
  return Math.floor((d.leftindex + d.length + BLOCKLEN - 1) / BLOCKLEN);
}

/** Report a change of block count as a size change of the deque. */
function afterBlocksChange(d: PyDeque, before: number): void {
  if (blocks(d) !== before) rt.heap.resized(d);
}

// ---------------------------------------------------------------- the four ends

/** append, stealing `item`; trims from the left when maxlen is exceeded. */
export function dequeAppend(d: PyDeque, item: PyObject): void {
  const before = blocks(d);
  if (d.rightindex === BLOCKLEN - 1) d.rightindex = -1;
  d.rightindex++;
  d.items[d.head + d.length] = item;
  d.length++;
  d.state++;
  rt.ev.refAdded(d.serial, item.serial, indexSlot(d.length - 1));
  afterBlocksChange(d, before);
  if (d.maxlen >= 0 && d.length > d.maxlen) decref(dequePopLeft(d));
}

export function dequeAppendLeft(d: PyDeque, item: PyObject): void {
  const before = blocks(d);
  if (d.leftindex === 0) d.leftindex = BLOCKLEN;
  d.leftindex--;
  if (d.head === 0) {
    const gap = Math.max(16, d.length);
    d.items = new Array<PyObject>(gap).concat(d.items.slice(0, d.length));
    d.head = gap;
  }
  d.head--;
  d.items[d.head] = item;
  d.length++;
  d.state++;
  if (d.length > 1) rt.ev.emit(EventKind.ItemsShifted, d.serial, 0, 1);
  rt.ev.refAdded(d.serial, item.serial, indexSlot(0));
  afterBlocksChange(d, before);
  if (d.maxlen >= 0 && d.length > d.maxlen) decref(dequePop(d));
}

/** pop(): the rightmost item (owned). */
export function dequePop(d: PyDeque): PyObject {
  if (d.length === 0) throw pyError(E.IndexError!, 'pop from an empty deque');
  const before = blocks(d);
  const i = d.head + d.length - 1;
  const item = d.items[i]!;
  d.items[i] = undefined as unknown as PyObject;
  d.length--;
  d.state++;
  d.rightindex--;
  if (d.rightindex < 0) {
    if (d.length) d.rightindex = BLOCKLEN - 1;
    else recenter(d);
  }
  rt.ev.refRemoved(d.serial, item.serial, indexSlot(d.length));
  afterBlocksChange(d, before);
  return item;
}

export function dequePopLeft(d: PyDeque): PyObject {
  if (d.length === 0) throw pyError(E.IndexError!, 'pop from an empty deque');
  const before = blocks(d);
  const item = d.items[d.head]!;
  d.items[d.head] = undefined as unknown as PyObject;
  d.head++;
  d.length--;
  d.state++;
  d.leftindex++;
  if (d.leftindex === BLOCKLEN) {
    if (d.length) d.leftindex = 0;
    else recenter(d);
  }
  if (d.length === 0) {
    d.items = [];
    d.head = 0;
  } else if (d.head > 64 && d.head > d.length) {
    d.items = d.items.slice(d.head, d.head + d.length);
    d.head = 0;
  }
  rt.ev.refRemoved(d.serial, item.serial, indexSlot(0));
  if (d.length) rt.ev.emit(EventKind.ItemsShifted, d.serial, 1, -1 >>> 0);
  afterBlocksChange(d, before);
  return item;
}

function recenter(d: PyDeque): void {
  d.leftindex = CENTER + 1;
  d.rightindex = CENTER;
}

/**
 * _deque_rotate: only the block indices are simulated (chunk by chunk, as the C code
 * moves items), so that the block count afterwards is CPython's; the items themselves
 * are rotated in the array.
 */
export function dequeRotate(d: PyDeque, n: number): void {
  const len = d.length;
  const half = len >> 1;
  if (len <= 1) return;
  if (n > half || n < -half) {
    n %= len;
    if (n > half) n -= len;
    else if (n < -half) n += len;
  }
  if (n === 0) return;
  d.state++;
  const before = blocks(d);
  let { leftindex, rightindex } = d;
  let k = n;
  while (k > 0) {
    if (leftindex === 0) {
      leftindex = BLOCKLEN;
    }
    let m = k;
    if (m > rightindex + 1) m = rightindex + 1;
    if (m > leftindex) m = leftindex;
    rightindex -= m;
    leftindex -= m;
    k -= m;
    if (rightindex < 0) {
      rightindex = BLOCKLEN - 1;
    }
  }
  while (k < 0) {
    if (rightindex === BLOCKLEN - 1) {
      rightindex = -1;
    }
    let m = -k;
    if (m > BLOCKLEN - leftindex) m = BLOCKLEN - leftindex;
    if (m > BLOCKLEN - 1 - rightindex) m = BLOCKLEN - 1 - rightindex;
    leftindex += m;
    rightindex += m;
    k += m;
    if (leftindex === BLOCKLEN) {
      leftindex = 0;
    }
  }
  d.leftindex = leftindex;
  d.rightindex = rightindex;
  // Rotate the items: n > 0 moves the last n to the front.
  const items = d.toArray();
  const shift = ((n % len) + len) % len;
  const rotated = items.slice(len - shift).concat(items.slice(0, len - shift));
  for (let i = 0; i < len; i++) rt.ev.refRemoved(d.serial, items[i]!.serial, indexSlot(i));
  d.items = rotated;
  d.head = 0;
  for (let i = 0; i < len; i++) rt.ev.refAdded(d.serial, rotated[i]!.serial, indexSlot(i));
  afterBlocksChange(d, before);
}

/** deque_clear: empty, centred in one fresh block; items released first to last. */
export function dequeClear(d: PyDeque): void {
  if (d.length === 0) return;
  const before = blocks(d);
  const old = d.toArray();
  d.items = [];
  d.head = 0;
  d.length = 0;
  recenter(d);
  d.state++;
  for (let i = 0; i < old.length; i++) rt.ev.refRemoved(d.serial, old[i]!.serial, indexSlot(i));
  afterBlocksChange(d, before);
  for (const x of old) decref(x);
}

/** deque_extend: append every item of `iterable` (itself included, via a snapshot). */
export function dequeExtend(d: PyDeque, iterable: PyObject, left = false): void {
  // Space-saving heuristic of deque_extend / deque_extendleft: an empty deque starts
  // filling from the far end of its block.
  if (d.length === 0) {
    d.leftindex = left ? BLOCKLEN - 1 : 1;
    d.rightindex = left ? BLOCKLEN - 2 : 0;
  }
  if (iterable === d) {
    const snapshot = d.toArray().map((x) => newref(x));
    for (const x of snapshot) (left ? dequeAppendLeft : dequeAppend)(d, x);
    return;
  }
  const it = getIter(iterable);
  try {
    if (d.maxlen === 0) {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) decref(x);
      return;
    }
    for (let x = iterNext(it); x !== null; x = iterNext(it)) (left ? dequeAppendLeft : dequeAppend)(d, x);
  } finally {
    decref(it);
  }
}

/** del d[i]: rotate it to the front, pop it, rotate back (deque_del_item). */
function dequeDelItem(d: PyDeque, i: number): void {
  dequeRotate(d, -i);
  const item = dequePopLeft(d);
  dequeRotate(d, i);
  decref(item);
}

// ---------------------------------------------------------------- the type

export function newDeque(type: PyType): PyDeque {
  const d = new PyDeque(type);
  rt.heap.allocate(d, true);
  return d;
}

function dequeRepr(o: PyObject): string {
  const d = o as PyDeque;
  const name = d.type.name;
  if (!reprEnter(d)) return '[...]';
  let inner: string;
  try {
    inner = '[' + d.toArray().map((x) => repr(x)).join(', ') + ']';
  } finally {
    reprLeave(d);
  }
  return d.maxlen >= 0 ? `${name}(${inner}, maxlen=${d.maxlen})` : `${name}(${inner})`;
}

function copyDeque(d: PyDeque): PyDeque {
  const c = newDeque(d.type);
  c.maxlen = d.maxlen;
  dequeExtend(c, d);
  return c;
}

function itemIndex(d: PyDeque, key: PyObject): number {
  if (key instanceof PySlice) throw pyError(E.TypeError!, `sequence index must be integer, not 'slice'`);
  return normalizeIndex(indexOf(key, 'sequence'), d.length);
}

export function createDequeTypes(): { deque: PyType; iter: PyType; reverseIter: PyType } {
  const iterSlot = (o: PyObject) => makeIterSlot(o);
  const makeIter = (name: string, reverse: boolean) =>
    nativeType(name, { module: '_collections', gc: true, baseType: false, basicSize: 48 }, (t) => {
      t.iter = (o) => newref(o);
      t.iternext = (o) => {
        const it = o as PyDequeIter;
        const d = it.deque;
        if (d === null || it.counter === 0) return null;
        if (d.state !== it.state) {
          it.counter = 0;
          throw pyError(E.RuntimeError!, 'deque mutated during iteration');
        }
        const item = d.at(it.index);
        it.index += reverse ? -1 : 1;
        it.counter--;
        return newref(item);
      };
      t.traverse = (o, visit: Visit) => {
        const it = o as PyDequeIter;
        if (it.deque) visit(it.deque, iterSlot(o));
      };
      t.dealloc = (o) => {
        const d = (o as PyDequeIter).deque;
        if (d) decref(d);
      };
      defineMethods(t, {
        __length_hint__: (self) => newInt((self as PyDequeIter).counter),
      });
    });
  const iterType = makeIter('_deque_iterator', false);
  const reverseIterType = makeIter('_deque_reverse_iterator', true);
  const newIter = (d: PyDeque, reverse: boolean) => {
    incref(d);
    const it = new PyDequeIter(reverse ? reverseIterType : iterType, d, reverse ? d.length - 1 : 0, d.length, d.state);
    rt.heap.allocate(it, true);
    rt.ev.refAdded(it.serial, d.serial, makeIterSlot(it));
    return it;
  };

  const deque = nativeType('deque', { module: 'collections', gc: true, weakrefable: true, basicSize: 216 }, (t) => {
    t.newInstance = (type) => newDeque(type);
    t.init = (o, args, kw) => {
      const [iterable, maxlen] = bindArgs('deque', args, kw, ['iterable', 'maxlen'], 0);
      const d = o as PyDeque;
      if (maxlen !== undefined && maxlen !== None) {
        const v = indexValue(maxlen);
        if (v < 0) throw pyError(E.ValueError!, 'maxlen must be non-negative');
        d.maxlen = Number(v);
      }
      if (d.length) dequeClear(d);
      if (iterable !== undefined) dequeExtend(d, iterable);
    };
    t.sizeof = (o) => 216 + BLOCK_BYTES * blocks(o as PyDeque);
    t.traverse = (o, visit: Visit) => {
      const d = o as PyDeque;
      for (let i = 0; i < d.length; i++) visit(d.at(i), indexSlot(i));
    };
    t.clear = (o) => dequeClear(o as PyDeque);
    t.dealloc = (o) => {
      const d = o as PyDeque;
      const old = d.toArray();
      d.items = [];
      d.length = 0;
      for (const x of old) decref(x);
    };
    t.length = (o) => (o as PyDeque).length;
    t.iter = (o) => newIter(o as PyDeque, false);
    t.repr = (o) => newStr(dequeRepr(o));
    t.hash = hashNotImplemented;
    t.getitem = (o, key) => {
      const d = o as PyDeque;
      const i = itemIndex(d, key);
      if (i < 0) throw pyError(E.IndexError!, 'deque index out of range');
      return newref(d.at(i));
    };
    t.setitem = (o, key, value) => {
      const d = o as PyDeque;
      const i = itemIndex(d, key);
      if (i < 0) throw pyError(E.IndexError!, 'deque index out of range');
      if (value === null) {
        dequeDelItem(d, i);
        return;
      }
      const old = d.at(i);
      incref(value);
      d.items[d.head + i] = value;
      rt.ev.refRemoved(d.serial, old.serial, indexSlot(i));
      rt.ev.refAdded(d.serial, value.serial, indexSlot(i));
      decref(old);
    };
    t.contains = (o, x) => {
      const d = o as PyDeque;
      const state = d.state;
      for (let i = 0; i < d.length; i++) {
        const item = newref(d.at(i));
        let same: boolean;
        try {
          same = richCompareBool(item, x, EQ);
        } finally {
          decref(item);
        }
        if (d.state !== state) throw pyError(E.RuntimeError!, 'deque mutated during iteration');
        if (same) return true;
      }
      return false;
    };
    t.richcompare = (a, b, op) => {
      if (!(a instanceof PyDeque) || !(b instanceof PyDeque)) return newNotImplemented();
      return compareSequences(a.toArray(), b.toArray(), op);
    };
    t.concat = (a, b) => {
      if (!(b instanceof PyDeque)) {
        throw pyError(E.TypeError!, `can only concatenate ${a.type.name} (not "${b.type.name}") to ${a.type.name}`);
      }
      const c = copyDeque(a as PyDeque);
      dequeExtend(c, b);
      return c;
    };
    t.inplaceConcat = (a, b) => {
      dequeExtend(a as PyDeque, b);
      return newref(a);
    };
    t.repeat = (a, n) => {
      const c = copyDeque(a as PyDeque);
      repeatInPlace(c, n);
      return c;
    };
    t.inplaceRepeat = (a, n) => {
      repeatInPlace(a as PyDeque, n);
      return newref(a);
    };
  });
  defineGetter(deque, 'maxlen', (o) => ((o as PyDeque).maxlen < 0 ? newNone() : newInt((o as PyDeque).maxlen)));
  const self = (o: PyObject | null) => o as PyDeque;
  defineMethods(deque, {
    append: (o, args, kw) => {
      dequeAppend(self(o), newref(exactlyOne('deque.append', args, kw)));
      return newNone();
    },
    appendleft: (o, args, kw) => {
      dequeAppendLeft(self(o), newref(exactlyOne('deque.appendleft', args, kw)));
      return newNone();
    },
    pop: (o, args, kw) => {
      noArgs('deque.pop', args, kw);
      return dequePop(self(o));
    },
    popleft: (o, args, kw) => {
      noArgs('deque.popleft', args, kw);
      return dequePopLeft(self(o));
    },
    extend: (o, args, kw) => {
      dequeExtend(self(o), exactlyOne('deque.extend', args, kw));
      return newNone();
    },
    extendleft: (o, args, kw) => {
      dequeExtend(self(o), exactlyOne('deque.extendleft', args, kw), true);
      return newNone();
    },
    clear: (o, args, kw) => {
      noArgs('deque.clear', args, kw);
      dequeClear(self(o));
      return newNone();
    },
    copy: (o) => copyDeque(self(o)),
    __copy__: (o) => copyDeque(self(o)),
    count: (o, args, kw) => {
      const d = self(o);
      const x = exactlyOne('deque.count', args, kw);
      const state = d.state;
      let n = 0;
      for (let i = 0; i < d.length; i++) {
        if (richCompareBool(d.at(i), x, EQ)) n++;
        if (d.state !== state) throw pyError(E.RuntimeError!, 'deque mutated during iteration');
      }
      return newInt(n);
    },
    index: (o, args, kw) => {
      const d = self(o);
      const [x, start, stop] = positional('index', args, kw, 1, 3);
      const bound = (v: PyObject | undefined, dflt: number) => {
        if (v === undefined) return dflt;
        let i = Number(indexValue(v));
        if (i < 0) i = Math.max(0, i + d.length);
        return Math.min(i, d.length);
      };
      const lo = bound(start, 0);
      const hi = bound(stop, d.length);
      const state = d.state;
      for (let i = lo; i < hi; i++) {
        const same = richCompareBool(d.at(i), x!, EQ);
        if (d.state !== state) throw pyError(E.RuntimeError!, 'deque mutated during iteration');
        if (same) return newInt(i);
      }
      throw pyError(E.ValueError!, `${repr(x!)} is not in deque`);
    },
    insert: (o, args, kw) => {
      const d = self(o);
      const [where, x] = positional('insert', args, kw, 2, 2);
      const n = d.length;
      const index = Number(indexValue(where!));
      if (d.maxlen === n) throw pyError(E.IndexError!, 'deque already at its maximum size');
      if (index >= n) dequeAppend(d, newref(x!));
      else if (index <= -n || index === 0) dequeAppendLeft(d, newref(x!));
      else {
        dequeRotate(d, -index);
        if (index < 0) dequeAppend(d, newref(x!));
        else dequeAppendLeft(d, newref(x!));
        dequeRotate(d, index);
      }
      return newNone();
    },
    remove: (o, args, kw) => {
      const d = self(o);
      const x = exactlyOne('deque.remove', args, kw);
      const state = d.state;
      for (let i = 0; i < d.length; i++) {
        const item = newref(d.at(i));
        let same: boolean;
        try {
          same = richCompareBool(item, x, EQ);
        } finally {
          decref(item);
        }
        if (d.state !== state) throw pyError(E.IndexError!, 'deque mutated during remove().');
        if (same) {
          dequeDelItem(d, i);
          return newNone();
        }
      }
      throw pyError(E.ValueError!, `${repr(x)} is not in deque`);
    },
    reverse: (o, args, kw) => {
      noArgs('deque.reverse', args, kw);
      const d = self(o);
      const items = d.toArray();
      for (let i = 0; i < items.length; i++) rt.ev.refRemoved(d.serial, items[i]!.serial, indexSlot(i));
      items.reverse();
      d.items = items;
      d.head = 0;
      for (let i = 0; i < items.length; i++) rt.ev.refAdded(d.serial, items[i]!.serial, indexSlot(i));
      d.state++;
      return newNone();
    },
    rotate: (o, args, kw) => {
      const [n] = positional('rotate', args, kw, 0, 1);
      dequeRotate(self(o), n === undefined ? 1 : Number(indexValue(n)));
      return newNone();
    },
    __reversed__: (o) => newIter(self(o), true),
    __reduce__: (o) => {
      const d = self(o);
      const args = d.maxlen < 0 ? newTuple([]) : newTuple([newTuple([]), newInt(d.maxlen)]);
      return newTuple([newref(d.type), args, newNone(), newIter(d, false)]);
    },
  });
  addClassGetItem(deque);
  return { deque, iter: iterType, reverseIter: reverseIterType };
}

function makeIterSlot(_o: PyObject): number {
  return labelSlot('deque');
}

/** deque_inplace_repeat: clear for n <= 0, else append copies of the items n-1 times. */
function repeatInPlace(d: PyDeque, n: number): void {
  if (n <= 0) {
    dequeClear(d);
    return;
  }
  if (d.length === 0 || n === 1) return;
  if (d.length === 1 && d.maxlen >= 0 && n > d.maxlen) n = d.maxlen;
  const items = d.toArray().map((x) => newref(x));
  try {
    for (let i = 0; i < n - 1; i++) for (const x of items) dequeAppend(d, newref(x));
  } finally {
    for (const x of items) decref(x);
  }
}

