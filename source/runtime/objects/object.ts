/**
 * The base of every Python object in the model, and the type object with its slots.
 *
 * Mirrors CPython's `PyObject` (refcount + type) and `PyTypeObject` (a table of slot
 * functions: repr, hash, richcompare, getattro, call, iter, number methods, traverse,
 * clear, ...). Builtin types fill their slots with TypeScript functions; classes defined
 * in Python get slots that look up their dunder methods (objects/typeobject.ts).
 */

/** A node of the collector's doubly linked lists (objects and list heads). */

/**
 * A Py_hash_t: a signed 64-bit value, held as a number when it is a safe integer and as a
 * bigint otherwise (hash(1.5) is 2**60 + 1), so that equal hashes always compare equal.
 */
export type PyHash = number | bigint;

/** The canonical PyHash for a signed 64-bit value. */
export function toPyHash(v: bigint): PyHash {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

export type GcLink = { gcPrev: GcLink | null; gcNext: GcLink | null };

/** GC list membership: -1 untracked, 0..2 a generation, 3 the permanent (frozen) one. */
export const UNTRACKED = -1;

export class PyObject {
  /** Exact reference count, as CPython's ob_refcnt. */
  rc = 1;
  /** Event serial: identifies the object in the event log (0 for not yet allocated). */
  serial = 0;
  /** The address reported by id(), from the allocator model. */
  addr = 0;
  /** Cyclic-GC list links and generation (only for GC-capable types). */
  gcPrev: GcLink | null = null;
  gcNext: GcLink | null = null;
  gcGen = UNTRACKED;
  /** Scratch field of the collector (gc_refs), and PEP 442's "finalized" bit. */
  gcRefs = 0;
  finalized = false;
  /** Weak references to this object, oldest first (CPython's tp_weaklist). */
  weakrefs: PyObject[] | null = null;

  constructor(public type: PyType) {}
}

export type Slot<A extends unknown[], R> = ((...args: A) => R) | null;

/** A visitor over an object's strong references, named for the event log's slot labels. */
export type Visit = (target: PyObject, slot: number) => void;

export type RichOp = 0 | 1 | 2 | 3 | 4 | 5; // Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE
export const LT = 0, LE = 1, EQ = 2, NE = 3, GT = 4, GE = 5;

export type BinarySlot = Slot<[PyObject, PyObject], PyObject>;
export type UnarySlot = Slot<[PyObject], PyObject>;

/** Number methods (CPython's PyNumberMethods); each returns NotImplemented when it cannot. */
export type NumberSlots = {
  add: BinarySlot; sub: BinarySlot; mul: BinarySlot; matmul: BinarySlot; truediv: BinarySlot;
  floordiv: BinarySlot; mod: BinarySlot; divmod: BinarySlot; pow: BinarySlot; lshift: BinarySlot;
  rshift: BinarySlot; and: BinarySlot; or: BinarySlot; xor: BinarySlot;
  iadd: BinarySlot; isub: BinarySlot; imul: BinarySlot; imatmul: BinarySlot; itruediv: BinarySlot;
  ifloordiv: BinarySlot; imod: BinarySlot; ipow: BinarySlot; ilshift: BinarySlot; irshift: BinarySlot;
  iand: BinarySlot; ior: BinarySlot; ixor: BinarySlot;
  neg: UnarySlot; pos: UnarySlot; invert: UnarySlot; abs: UnarySlot;
  int: UnarySlot; float: UnarySlot; index: UnarySlot;
  bool: Slot<[PyObject], boolean>;
};

export const BINARY_SLOT_NAMES = [
  'add', 'sub', 'mul', 'matmul', 'truediv', 'floordiv', 'mod', 'divmod', 'pow', 'lshift', 'rshift', 'and', 'or', 'xor',
] as const;
export type BinarySlotName = (typeof BINARY_SLOT_NAMES)[number];
export type InplaceSlotName = `i${Exclude<BinarySlotName, 'divmod'>}`;

function emptyNumberSlots(): NumberSlots {
  return {
    add: null, sub: null, mul: null, matmul: null, truediv: null, floordiv: null, mod: null, divmod: null,
    pow: null, lshift: null, rshift: null, and: null, or: null, xor: null,
    iadd: null, isub: null, imul: null, imatmul: null, itruediv: null, ifloordiv: null, imod: null, ipow: null,
    ilshift: null, irshift: null, iand: null, ior: null, ixor: null,
    neg: null, pos: null, invert: null, abs: null, int: null, float: null, index: null, bool: null,
  };
}

export type TypeFlags = {
  /** Has a GC header (+16 in getsizeof) and takes part in gc.get_count(). */
  gc: boolean;
  /** Defined by Python code (a heap type): instances hold a reference to it. */
  heap: boolean;
  /** Can be subclassed. */
  baseType: boolean;
  /** Instances can be weakly referenced. */
  weakrefable: boolean;
  /** 3.11 "managed dict": instances carry a dict pointer pair before the GC header. */
  managedDict: boolean;
  /** Instances keep their own __dict__ pointer (tp_dictoffset): functions, SimpleNamespace, partial. */
  ownDict: boolean;
};

export class PyType extends PyObject {
  name: string;
  qualname: string;
  module = 'builtins';
  base: PyType | null = null;
  bases: PyType[] = [];
  /** Method resolution order, this type first. */
  mro: PyType[] = [];
  /** The type's attribute dictionary (a PyDict, set up by the type machinery). */
  dict: import('./dict.js').PyDict | null = null;
  flags: TypeFlags;
  /** Fixed part of an instance's size without GC header (tp_basicsize) and per item. */
  basicSize: number;
  itemSize = 0;
  /** The event log's string id of the type name (types belong to one runtime). */
  nameId = -1;
  /** Names of __slots__ declared by this class (not inherited), and the slot offset base. */
  slotNames: string[] = [];
  slotCount = 0;
  /**
   * Every __slots__ entry of an instance, most derived class first: storage index and the
   * event log's label (instance-values.ts fills it at the first traverse or clear).
   */
  slotLayout: { readonly index: readonly number[]; readonly label: readonly number[] } | null = null;
  /** The MRO lookup cache (name → definition or null) and the global version it is valid for. */
  readonly attrCache = new Map<string, PyObject | null>();
  attrCacheVersion = 0;
  /** Per-class shared keys of instance attribute names (3.11 inline values). */
  sharedKeys: import('./instance-values.js').SharedKeys | null = null;
  /** Calling the type uses tp_vectorcall (3.11: list, dict, tuple, set, float, ...), not
   * _PyObject_MakeTpCall with an argument tuple. */
  vectorcall = false;
  /** tp_subclasses: {id(subclass): weakref(subclass)} (objects/subclasses.ts). */
  subclasses: import('./dict.js').PyDict | null = null;
  /** Instances keep a __dict__ pointer after their items (tp_dictoffset < 0: int, tuple subclasses). */
  itemDict = false;
  /** Py_TPFLAGS_IS_ABSTRACT: set by assigning a non-empty __abstractmethods__. */
  abstract = false;

  // ---- slots (null = not provided; inherited ones are copied at type creation)
  repr: Slot<[PyObject], PyObject> = null;
  str: Slot<[PyObject], PyObject> = null;
  hash: Slot<[PyObject], PyHash> = null;
  richcompare: Slot<[PyObject, PyObject, RichOp], PyObject> = null;
  /** Attribute get (new reference) / set / delete (value null); raise AttributeError. */
  getattro: Slot<[PyObject, string], PyObject> = null;
  setattro: Slot<[PyObject, string, PyObject | null], void> = null;
  /** The instance's own attribute storage (__dict__ or inline values): borrowed lookup. */
  instanceGet: Slot<[PyObject, string], PyObject | null> = null;
  /** Store (value stolen) or delete (null) in the instance storage; false if impossible/absent. */
  instanceSet: Slot<[PyObject, string, PyObject | null], boolean> = null;
  /** Call with arguments (owned by the caller) and optional keyword names for the tail. */
  call: Slot<[PyObject, PyObject[], readonly string[] | null], PyObject> = null;
  iter: Slot<[PyObject], PyObject> = null;
  /** Next item as a new reference, or null when exhausted (no StopIteration object). */
  iternext: Slot<[PyObject], PyObject | null> = null;
  /** tp_new and tp_init: args borrowed. */
  newInstance: Slot<[PyType, PyObject[], readonly string[] | null], PyObject> = null;
  init: Slot<[PyObject, PyObject[], readonly string[] | null], void> = null;
  descrGet: Slot<[PyObject, PyObject | null, PyObject], PyObject> = null;
  descrSet: Slot<[PyObject, PyObject, PyObject | null], void> = null;
  length: Slot<[PyObject], number> = null;
  getitem: Slot<[PyObject, PyObject], PyObject> = null;
  setitem: Slot<[PyObject, PyObject, PyObject | null], void> = null;
  contains: Slot<[PyObject, PyObject], boolean> = null;
  /** Sequence protocol (sq_concat, sq_repeat and in-place forms): tried after the number slots. */
  concat: Slot<[PyObject, PyObject], PyObject> = null;
  repeat: Slot<[PyObject, number], PyObject> = null;
  inplaceConcat: Slot<[PyObject, PyObject], PyObject> = null;
  inplaceRepeat: Slot<[PyObject, number], PyObject> = null;
  number: NumberSlots = emptyNumberSlots();
  /** Visit every strong reference the object holds (tp_traverse). */
  traverse: Slot<[PyObject, Visit], void> = null;
  /** Drop the object's references to break cycles (tp_clear). */
  clear: Slot<[PyObject], void> = null;
  /** Release everything the object owns when its refcount reaches zero (tp_dealloc). */
  dealloc: Slot<[PyObject], void> = null;
  /**
   * Its objects hold no references and are made with Heap.allocatePlain (exactly int: a
   * subclass is not plain), so dealloc() can take the short way (Heap.releasePlain).
   */
  plain = false;
  /** PEP 442 finalizer (__del__ of a class, generator close). */
  finalize: Slot<[PyObject], void> = null;
  /** __sizeof__ without the GC and managed-dict headers; sys.getsizeof adds those. */
  sizeof: Slot<[PyObject], number> = null;
  /** sys.getsizeof changes with every item added or removed (OrderedDict's nodes): the
   * container reports a resize event on each change, not only when its table grows. */
  sizeofFollowsItems = false;
  /** Bytes of the object's own block when they differ from sizeof (a list's item array
   * is a separate block), without headers. */
  objectSize: Slot<[PyObject], number> = null;
  /** The free list a freed instance goes to (list, dict, tuple, float), if any. */
  freeListFor: Slot<[PyObject], import('../heap/heap.js').FreeList | null> = null;

  /** sys.getsizeof(o): __sizeof__ plus the GC header and the managed-dict pre-header. */
  sizeofTotal(o: PyObject): number {
    return (this.sizeof !== null ? this.sizeof(o) : this.basicSize) + (this.flags.gc ? 16 : 0) + (this.flags.managedDict ? 16 : 0);
  }

  constructor(metatype: PyType | null, name: string, flags: Partial<TypeFlags> = {}, basicSize = 16) {
    // `type` itself is created before its metatype exists; bootstrap patches it.
    super(metatype as PyType);
    this.name = name;
    this.qualname = name;
    // Every type's flags have the same keys in the same order: allocation and release read
    // them for objects of any type, and one object shape keeps those reads fast.
    this.flags = {
      gc: flags.gc ?? false,
      heap: flags.heap ?? false,
      baseType: flags.baseType ?? true,
      weakrefable: flags.weakrefable ?? false,
      managedDict: flags.managedDict ?? false,
      ownDict: flags.ownDict ?? false,
    };
    this.basicSize = basicSize;
  }

  /** tp_name: what error messages show; builtin types of other modules include the module. */
  get tpName(): string {
    // A name that already says its module ("weakref.ProxyType") is the whole tp_name.
    return this.flags.heap || this.module === 'builtins' || this.name.includes('.') ? this.name : `${this.module}.${this.name}`;
  }

  isSubtypeOf(other: PyType): boolean {
    if (this === other) return true;
    const mro = this.mro;
    for (let i = 0; i < mro.length; i++) if (mro[i] === other) return true;
    return false;
  }
}

export function isInstance(o: PyObject, t: PyType): boolean {
  return o.type === t || o.type.isSubtypeOf(t);
}
