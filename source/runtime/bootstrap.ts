/**
 * Start-up: create the builtin types and static objects of a fresh interpreter, in
 * dependency order (type and object first, then the types whose objects the others
 * need: str for names, dict for type dictionaries, ...), the builtins and sys modules,
 * the collector, and the free lists as a 3.11 script finds them.
 */
import { PyType } from './objects/object.js';
import { builtinTypes, setRootTypes, typeType, objectType, lookup, inheritSlots, setAfterTypeCreated } from './objects/typeobject.js';
import { rt, type Runtime } from './runtime.js';
import { decref, incref, newref } from './heap/refcount.js';
import { initStrType, initStrSingletons, makeStatic, newStr, internStr, strType } from './objects/str.js';
import { initIntTypes, initIntSingletons, intType, newInt } from './objects/int.js';
import { initFloatType, floatFreeList } from './objects/float.js';
import { initSingletonTypes, initSingletons, None, newNone } from './objects/singletons.js';
import { initTupleType, initEmptyTuple, tupleFreeLists } from './objects/tuple.js';
import { initListType, listFreeList, listType } from './objects/list.js';
import { initDictType, newDict, dictSetSteal, dictFreeList, dictKeysFreeList, bindDictProtocols, dictType } from './objects/dict.js';
import { initSetTypes, bindSetProtocols, setType } from './objects/set.js';
import { initBytesType, initBytesSingletons } from './objects/bytes.js';
import { initRangeTypes, rangeType, PyRange, sliceType } from './objects/range.js';
import { initComplexType } from './objects/complex.js';
import { initFunctionTypes } from './objects/function.js';
import { initExceptionTypes } from './objects/exceptions.js';
import { createExceptionGroupClass } from './objects/exception-group.js';
import { initDescriptorTypes, newGetSetDescriptor } from './objects/descriptors.js';
import { initObjectSlots, initTypeSlots, initSuperType, createClass } from './objects/classes.js';
import { initIteratorTypes, newRangeIter } from './objects/iterators.js';
import { initGeneratorType } from './objects/generator.js';
import { initModuleType, newModule } from './objects/module.js';
import { initWeakrefTypes } from './objects/weakref.js';
import { initSubclassDicts } from './objects/subclasses.js';
import { initTracebackTypes } from './interpreter/traceback.js';
import { initNumberSlots, installNumberMethods, bindNumberTruth } from './objects/number-methods.js';
import { initStrSlots } from './objects/str-methods.js';
import { initListSlots, initTupleSlots } from './objects/list-methods.js';
import { initDictSlots } from './objects/dict-methods.js';
import { initSetSlots } from './objects/set-methods.js';
import { initCallSlots } from './interpreter/call.js';
import { installBuiltins } from './builtins/functions.js';
import { installObjectMethods } from './objects/object-methods.js';
import { installRangeMethods } from './objects/range-methods.js';
import { installIteratorHints } from './objects/iter-hints.js';
import { installSlotMethods } from './objects/slot-methods.js';
import { applyStartupRefcounts } from './startup-refcounts.js';
import { initBytesSlots } from './objects/bytes-methods.js';
import { initByteArrayType, initByteArraySlots } from './objects/bytearray.js';
import { initGenericAliasTypes } from './objects/generic-alias.js';
import { initMappingProxyType } from './objects/mappingproxy.js';
import { defineAttribute } from './builtins/args.js';
import { setBuiltinsDict } from './builtins/registry.js';
import { createSysModule } from './modules/sys.js';
import { createGcModule } from './modules/gc.js';
import { bindTypeType } from './interpreter/ops.js';
import { equals, hashOf, isTrue, hashNotImplemented, bindReprListFactories } from './protocols/abstract.js';
import { newList } from './objects/list.js';
import type { PyDict } from './objects/dict.js';
import { runFinalizerSafely } from './interpreter/finalizer.js';
import './modules/weakref.js';
import { createAtexitModule } from './modules/atexit.js';
import './modules/library.js';

/** Builtin types with a tp_vectorcall in CPython 3.11 (grep of Objects/ and Python/bltinmodule.c). */
const VECTORCALL_TYPES = new Set(['type', 'super', 'tuple', 'enumerate', 'reversed', 'dict', 'range', 'list', 'set', 'frozenset', 'float', 'bool', 'filter', 'map']);

/** Free lists a 3.11.7 script starts with (sys._debugmallocstats() at start). */
// dictKeys: minimal str-keys tables waiting for reuse; measured with sys.getallocatedblocks()
// while creating {'a': i} dicts at the top of a 3.11.7 script (71; Debian's 3.11.2 has 14).
const STARTUP_FREE_LISTS = { list: 40, dict: 8, dictKeys: 71, float: 4, tuple: [0, 4, 8, 2, 2, 3, 0, 8, 6, 1, 0, 1, 3, 5, 1, 2, 2, 2, 3, 1, 6] };

export function bootstrap(runtime: Runtime): void {
  runtime.activate();
  builtinTypes.length = 0;
  setAfterTypeCreated(null);
  const typeT = new PyType(null, 'type', { gc: true }, 880);
  const objectT = new PyType(null, 'object', {}, 16);
  typeT.type = typeT;
  objectT.type = typeT;
  objectT.mro = [objectT];
  typeT.base = objectT;
  typeT.bases = [objectT];
  typeT.mro = [typeT, objectT];
  setRootTypes(typeT, objectT);
  builtinTypes.push(objectT, typeT);

  initStrType();
  initIntTypes();
  initFloatType();
  initSingletonTypes();
  initTupleType();
  initListType();
  initDictType();
  initSetTypes();
  initBytesType();
  initByteArrayType();
  initRangeTypes();
  initComplexType();
  initFunctionTypes();
  initExceptionTypes();
  initDescriptorTypes();
  initIteratorTypes();
  initGeneratorType();
  initModuleType();
  initWeakrefTypes();
  initTracebackTypes();
  initSuperType((name) => {
    const t = new PyType(typeT, name, { gc: true }, 40);
    t.base = objectT;
    t.bases = [objectT];
    t.mro = [t, objectT];
    builtinTypes.push(t);
    return t;
  });

  // Allocate the static objects: types, singletons, caches.
  for (const t of builtinTypes) {
    rt.heap.allocate(t, false);
    makeStatic(t);
  }
  initSingletons();
  initStrSingletons();
  initIntSingletons();
  initBytesSingletons();
  initEmptyTuple();

  // From now on a new builtin type (created by a module or a view) is allocated at once.
  setAfterTypeCreated((t) => {
    rt.heap.allocate(t, false);
    makeStatic(t);
    t.dict = newDict();
    makeStatic(t.dict);
  });
  // Type dictionaries, then slots and the methods in them.
  for (const t of builtinTypes) {
    if (t.dict === null) {
      t.dict = newDict();
      makeStatic(t.dict);
    }
  }
  // Types inherit object's slots (they were created before object's slots were set).
  initObjectSlots();
  initTypeSlots();
  initCallSlots();
  initNumberSlots();
  initStrSlots();
  initListSlots();
  initTupleSlots();
  initDictSlots();
  initSetSlots();
  initBytesSlots();
  initByteArraySlots();
  bindDictProtocols(hashOf, equals);
  bindSetProtocols(hashOf, equals);
  bindNumberTruth(isTrue);
  bindTypeType(typeT);
  bindReprListFactories(
    () => newDict(),
    () => newList([]),
    (d, list) => dictSetSteal(d as PyDict, newStr('Py_Repr'), list),
  );
  runtime.runFinalizer = runFinalizerSafely;

  installNumberMethods();
  installObjectMethods();
  installRangeMethods();
  installIteratorHints();
  for (const t of builtinTypes) installSlotMethods(t);
  // Now that every builtin type has its own slots, subtypes inherit what they lack
  // (PyType_Ready's inherit_slots), in creation order so that bases come first.
  for (const t of builtinTypes) fillInheritedSlots(t);
  for (const t of [listType, dictType, setType, sliceType]) {
    t.hash = hashNotImplemented;
    defineAttribute(t, '__hash__', newNone()); // list.__hash__ is None
  }
  // ExceptionGroup is a class made with type() (create_exception_group_class).
  createExceptionGroupClass();
  // Types made like an extension module's (their dunder methods come from their own slots).
  initGenericAliasTypes();
  initMappingProxyType();

  // builtins, sys.modules, sys, gc
  const builtins = newDict();
  setBuiltinsDict(builtins);
  const builtinsModule = newModule('builtins', builtins);
  runtime.state.set('builtins module', builtinsModule);
  installBuiltins();
  const modules = newDict();
  runtime.state.set('sys.modules', modules);
  dictSetSteal(modules, internStr('builtins'), newref(builtinsModule));
  const sys = createSysModule();
  dictSetSteal(modules, internStr('sys'), sys);
  // The collector needs the gc module's state from the start (the runtime holds the
  // module); it enters sys.modules at the script's first `import gc`, as in CPython.
  createGcModule();
  // A module a 3.11 interpreter has imported before the script runs (weakref, built on
  // first import as start-up objects, needs it for finalize).
  dictSetSteal(modules, internStr('atexit'), newref(createAtexitModule()));

  initSubclassDicts(builtinTypes);
  for (const t of builtinTypes) if (VECTORCALL_TYPES.has(t.name)) t.vectorcall = true;
  populateFreeLists();
  // Types were allocated before their size slots existed: report their final sizes.
  for (const t of builtinTypes) rt.heap.resized(t);
  applyStartupRefcounts(builtins);
  settleStartupHeap();
  settleStartupMemory();
  rt.heap.startingUp = false;
  // Calibrated once start-up is over, so that the log's first ProcessMemory is the start.
  rt.heap.allocator.calibrateStart();
}

/**
 * The interpreter's own objects are old by the time a script starts: they sit in the
 * oldest generation, and the counters read as a 3.11.7 script finds them
 * (settleForScript sets the counts a script sees).
 */
function settleStartupHeap(): void {
  const heap = rt.heap;
  heap.mergeGenerations(0b011, 2);
  heap.longLivedTotal = heap.generationSize(2);
  heap.longLivedPending = 0;
  heap.count[0] = 249;
  heap.count[1] = 0;
  heap.count[2] = 2;
  heap.emitCounts(255);
  heap.emitSettings();
}

/**
 * Pools per size class in use when a 3.11.7 script starts (sys._debugmallocstats(): 235
 * pools in 4 arenas, 17 pools free). The model builds far fewer start-up objects than
 * CPython (no codecs, site, encodings ...); the rest of the interpreter's pools are
 * reserved as full ones, so that a script's first arenas are CPython's (the process memory
 * is calibrated to the measured start after this).
 */
const CPYTHON_START_POOLS = [
  1, 3, 13, 50, 37, 9, 6, 10, 3, 27, 3, 3, 7, 7, 6, 5, 5, 4, 3, 3, 3, 2, 3, 2, 6, 2, 2, 2, 2, 2, 2, 2,
];

function settleStartupMemory(): void {
  const allocator = rt.heap.allocator;
  const own = allocator.pymalloc.poolsPerClass();
  CPYTHON_START_POOLS.forEach((n, c) => allocator.pymalloc.reserveFullPools(c, Math.max(0, n - own[c]!)));
}

/** Slots left null on a type are taken from its bases, nearest first. */
function fillInheritedSlots(t: PyType): void {
  for (const base of t.mro.slice(1)) inheritSlots(t, base);
}

/**
 * The state a 3.11.7 script finds at its first line, set after the model has made
 * __main__ and compiled the script (CPython did that before): gc.get_count() ==
 * (249, 0, 2) for `import gc` alone (build- and script-dependent: compiling a function
 * costs CPython about ten more), the free lists of sys._debugmallocstats(), and the
 * unmodelled start-up objects (Heap.calibrateStartup).
 */
export function settleForScript(runtime: Runtime): void {
  const heap = runtime.heap;
  populateFreeLists();
  heap.count[0] = 249;
  heap.count[1] = 0;
  heap.count[2] = 2;
  heap.emitCounts(255);
  heap.calibrateStartup();
}

/** Free lists as sys._debugmallocstats() shows them when a 3.11.7 script starts. */
function populateFreeLists(): void {
  const heap = rt.heap;
  heap.settleFreeList(listFreeList, STARTUP_FREE_LISTS.list);
  heap.settleFreeList(dictFreeList, STARTUP_FREE_LISTS.dict);
  heap.settleFreeList(dictKeysFreeList, STARTUP_FREE_LISTS.dictKeys);
  heap.settleFreeList(floatFreeList, STARTUP_FREE_LISTS.float);
  STARTUP_FREE_LISTS.tuple.forEach((n, len) => {
    if (len > 0) heap.settleFreeList(tupleFreeLists[len]!, n);
  });
}

export { None, newNone, newStr, newInt, incref, decref, strType, intType, objectType, typeType, lookup, createClass, rangeType, PyRange, newRangeIter, newGetSetDescriptor };
