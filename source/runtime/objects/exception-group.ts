/**
 * BaseExceptionGroup and ExceptionGroup (PEP 654), after CPython 3.11's
 * Objects/exceptions.c: the constructor's rules, `message`/`exceptions`, str(),
 * derive/split/subgroup (exceptiongroup_split_recursive, exceptiongroup_subset), and the
 * two operations except* runs on them (exception_group_match, _PyExc_PrepReraiseStar).
 *
 * BaseExceptionGroup is a static type; ExceptionGroup is a heap type that
 * create_exception_group_class makes at start-up with type(), bases
 * (BaseExceptionGroup, Exception).
 */
import { PyObject, PyType } from './object.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { rt } from '../runtime.js';
import { E, PyBaseException, exceptionMember, exceptionSetField, exceptionSetMember } from './exceptions.js';
import { None, newNone } from './singletons.js';
import { PyStr, newStr, internStr } from './str.js';
import { PyTuple, newTuple, tupleType } from './tuple.js';
import { newList, listAppend, type PyList } from './list.js';
import { dictType, newDict, dictSetSteal, dictGetStr } from './dict.js';
import { newSet, setAdd, setContains } from './set.js';
import { newIntValue } from './int.js';
import { functionType } from './function.js';
import { typeType } from './typeobject.js';
import { createClass } from './classes.js';
import { defineAttribute, defineMethods, exactlyOne } from '../builtins/args.js';
import { newGetSetDescriptor } from './descriptors.js';
import {
  call, callMethod, checkRecursion, getAttrOrNull, isTrue, iterateToArray, setAttr, str as strOf, typeName,
} from '../protocols/abstract.js';

/** Is `o` an exception group (an instance of BaseExceptionGroup)? */
export function isExceptionGroup(o: PyObject): o is PyBaseException {
  return o instanceof PyBaseException && o.type.isSubtypeOf(E.BaseExceptionGroup!);
}

/** The group's exceptions tuple (borrowed items). */
export function groupExceptions(g: PyBaseException): PyObject[] {
  return (exceptionMember(g, 'exceptions') as PyTuple).items;
}

/** The group's message (borrowed). */
function groupMessage(g: PyBaseException): PyObject {
  return exceptionMember(g, 'message')!;
}

// ---------------------------------------------------------------- the types

/** BaseExceptionGroup's slots and methods (before the slot wrappers are made from them). */
export function installExceptionGroupMethods(): void {
  const base = E.BaseExceptionGroup!;
  base.newInstance = groupNew;
  base.init = (o, args, kw) => {
    if (kw && kw.length) throw pyError(E.TypeError!, `${o.type.name}() takes no keyword arguments`);
    E.BaseException!.init!(o, args, kw);
  };
  base.str = (o) => {
    const g = o as PyBaseException;
    const n = groupExceptions(g).length;
    return newStr(`${strOf(groupMessage(g))} (${n} sub-exception${n > 1 ? 's' : ''})`);
  };
  const dealloc = base.dealloc!;
  // BaseExceptionGroup_clear: msg and excs go first, then BaseException's fields.
  base.dealloc = (o) => {
    const g = o as PyBaseException;
    exceptionSetMember(g, 'message', null);
    exceptionSetMember(g, 'exceptions', null);
    dealloc(o);
  };
  for (const name of ['message', 'exceptions']) {
    defineAttribute(base, name, newGetSetDescriptor(name, base, (o) => newref(exceptionMember(o as PyBaseException, name) ?? None), () => {
      throw pyError(E.AttributeError!, 'readonly attribute');
    }));
  }
  defineMethods(base, {
    derive: (self, args, kw) => derive(self as PyBaseException, exactlyOne('derive', args, kw)),
    split: (self, args, kw) => {
      const parts = splitRecursive(self!, matcherOf(exactlyOne('split', args, kw)), true);
      return newTuple([parts.match ?? newNone(), parts.rest ?? newNone()]);
    },
    subgroup: (self, args, kw) => splitRecursive(self!, matcherOf(exactlyOne('subgroup', args, kw)), false).match ?? newNone(),
  });
}

/** create_exception_group_class: PyErr_NewException("builtins.ExceptionGroup", bases). */
export function createExceptionGroupClass(): void {
  const base = E.BaseExceptionGroup!;
  const namespace = newDict();
  dictSetSteal(namespace, internStr('__module__'), internStr('builtins'));
  try {
    E.ExceptionGroup = createClass({ metatype: typeType, name: 'ExceptionGroup', bases: [base, E.Exception!], namespace, kwnames: [], kwvalues: [] });
  } finally {
    decref(namespace);
  }
}

/** BaseExceptionGroup.__new__(cls, message, exceptions). */
function groupNew(type: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const positional = args.slice(0, args.length - (kw ? kw.length : 0));
  if (positional.length !== 2) {
    throw pyError(E.TypeError!, `BaseExceptionGroup.__new__() takes exactly 2 arguments (${positional.length} given)`);
  }
  const [message, given] = positional as [PyObject, PyObject];
  if (!(message instanceof PyStr)) {
    throw pyError(E.TypeError!, `BaseExceptionGroup.__new__() argument 1 must be str, not ${typeName(message)}`);
  }
  if (given.type.getitem === null || given.type.isSubtypeOf(dictType)) {
    throw pyError(E.TypeError!, 'second argument (exceptions) must be a sequence');
  }
  const excs = given.type === tupleType ? newref(given as PyTuple) : newTuple(iterateToArray(given));
  let cls = type;
  try {
    if (excs.items.length === 0) throw pyError(E.ValueError!, 'second argument (exceptions) must be a non-empty sequence');
    let nestedBaseExceptions = false;
    excs.items.forEach((exc, i) => {
      if (!(exc instanceof PyBaseException)) throw pyError(E.ValueError!, `Item ${i} of second argument (exceptions) is not an exception`);
      if (!exc.type.isSubtypeOf(E.Exception!)) nestedBaseExceptions = true;
    });
    if (cls === E.ExceptionGroup) {
      if (nestedBaseExceptions) throw pyError(E.TypeError!, 'Cannot nest BaseExceptions in an ExceptionGroup');
    } else if (cls === E.BaseExceptionGroup) {
      // all Exception subclasses: wrap them in an ExceptionGroup
      if (!nestedBaseExceptions) cls = E.ExceptionGroup!;
    } else if (nestedBaseExceptions && cls.isSubtypeOf(E.Exception!)) {
      throw pyError(E.TypeError!, `Cannot nest BaseExceptions in '${cls.name}'`);
    }
  } catch (e) {
    decref(excs);
    throw e;
  }
  const self = E.BaseException!.newInstance!(cls, args, kw) as PyBaseException;
  exceptionSetMember(self, 'message', newref(message));
  exceptionSetMember(self, 'exceptions', excs);
  return self;
}

/** _PyExc_CreateExceptionGroup: BaseExceptionGroup(msg, excs) with `excs` borrowed. */
export function createExceptionGroup(message: string, excs: PyObject): PyObject {
  return call(E.BaseExceptionGroup!, [newStr(message), newref(excs)]);
}

/** BaseExceptionGroup.derive: a group of the same message, always built by BaseExceptionGroup. */
function derive(self: PyBaseException, excs: PyObject): PyObject {
  return call(E.BaseExceptionGroup!, [newref(groupMessage(self)), newref(excs)]);
}

// ---------------------------------------------------------------- split

type Matcher =
  | { readonly kind: 'type'; readonly value: PyObject }
  | { readonly kind: 'predicate'; readonly value: PyObject }
  /** The ids (as int objects) of leaf exceptions to keep (exception_group_projection). */
  | { readonly kind: 'ids'; readonly value: PyObject };

/** get_matcher_type: a (Python) function, an exception class or a tuple of them. */
function matcherOf(value: PyObject): Matcher {
  if (value.type === functionType) return { kind: 'predicate', value };
  if (isExceptionClass(value)) return { kind: 'type', value };
  if (value.type === tupleType && (value as PyTuple).items.every(isExceptionClass)) return { kind: 'type', value };
  throw pyError(E.TypeError!, 'expected a function, exception type or tuple of exception types');
}

function isExceptionClass(o: PyObject): boolean {
  return o instanceof PyType && o.isSubtypeOf(E.BaseException!);
}

/** PyErr_GivenExceptionMatches for a class or a tuple of classes. */
export function givenExceptionMatches(exc: PyObject, t: PyObject): boolean {
  if (t instanceof PyTuple) return t.items.some((x) => givenExceptionMatches(exc, x));
  return t instanceof PyType && exc.type.isSubtypeOf(t);
}

/** The int object id() gives for `o` (PyLong_FromVoidPtr). */
function idOf(o: PyObject): PyObject {
  return newIntValue(o.addr);
}

function checkMatch(exc: PyObject, m: Matcher): boolean {
  switch (m.kind) {
    case 'type':
      return givenExceptionMatches(exc, m.value);
    case 'predicate': {
      const r = call(m.value, [newref(exc)]);
      try {
        return isTrue(r);
      } finally {
        decref(r);
      }
    }
    case 'ids': {
      if (isExceptionGroup(exc)) return false;
      const id = idOf(exc);
      try {
        return setContains(m.value as ReturnType<typeof newSet>, id);
      } finally {
        decref(id);
      }
    }
  }
}

type SplitResult = { match: PyObject | null; rest: PyObject | null };

/** exceptiongroup_split_recursive: the matching and (optionally) the other leaves, as groups. */
function splitRecursive(exc: PyObject, m: Matcher, constructRest: boolean): SplitResult {
  if (checkMatch(exc, m)) return { match: newref(exc), rest: null };
  if (!isExceptionGroup(exc)) return { match: null, rest: constructRest ? newref(exc) : null };
  const matchList = newList([]) as PyList;
  const restList = constructRest ? (newList([]) as PyList) : null;
  try {
    for (const e of groupExceptions(exc)) {
      // _Py_EnterRecursiveCall(" in exceptiongroup_split_recursive")
      checkRecursion(' in exceptiongroup_split_recursive');
      rt.depth++;
      let part: SplitResult;
      try {
        part = splitRecursive(e, m, constructRest);
      } finally {
        rt.depth--;
      }
      if (part.match) {
        listAppend(matchList, part.match);
        decref(part.match);
      }
      if (part.rest) {
        listAppend(restList!, part.rest);
        decref(part.rest);
      }
    }
    const match = subset(exc, matchList);
    let rest: PyObject | null = null;
    if (restList) {
      try {
        rest = subset(exc, restList);
      } catch (e) {
        xdecref(match);
        throw e;
      }
    }
    return { match, rest };
  } finally {
    decref(matchList);
    if (restList) decref(restList);
  }
}

/**
 * exceptiongroup_subset: orig.derive(excs) with orig's traceback, context, cause and a
 * copy of its notes; null for no exceptions.
 */
function subset(orig: PyBaseException, excs: PyList): PyObject | null {
  if (excs.items.length === 0) return null;
  const eg = callMethod(orig, 'derive', [excs]);
  try {
    if (!isExceptionGroup(eg)) throw pyError(E.TypeError!, 'derive must return an instance of BaseExceptionGroup');
    if (orig.traceback) exceptionSetField(eg, 'traceback', newref(orig.traceback));
    exceptionSetField(eg, 'context', orig.context ? newref(orig.context) : null);
    exceptionSetField(eg, 'cause', orig.cause ? newref(orig.cause) : null);
    eg.suppressContext = true; // PyException_SetCause
    const notes = getAttrOrNull(orig, '__notes__');
    if (notes !== null) {
      try {
        // a copy, so that the parts have independent notes lists
        if (notes.type.getitem !== null && !notes.type.isSubtypeOf(dictType)) {
          const copy = newList(iterateToArray(notes));
          try {
            setAttr(eg, '__notes__', copy);
          } finally {
            decref(copy);
          }
        }
      } finally {
        decref(notes);
      }
    }
    return eg;
  } catch (e) {
    decref(eg);
    throw e;
  }
}

// ---------------------------------------------------------------- except*

/**
 * exception_group_match (CHECK_EG_MATCH): the part of `exc` matching `type` and the
 * rest, None for none. A naked exception that matches is wrapped in a new group.
 */
export function exceptionGroupMatch(exc: PyObject, type: PyObject): { match: PyObject; rest: PyObject } {
  if (givenExceptionMatches(exc, type)) {
    if (isExceptionGroup(exc)) return { match: newref(exc), rest: newNone() };
    const excs = newTuple([newref(exc)]);
    try {
      return { match: createExceptionGroup('', excs), rest: newNone() };
    } finally {
      decref(excs);
    }
  }
  if (isExceptionGroup(exc)) {
    const pair = callMethod(exc, 'split', [type]) as PyTuple;
    const [match, rest] = pair.items as [PyObject, PyObject];
    incref(match);
    incref(rest);
    decref(pair);
    return { match, rest };
  }
  return { match: newNone(), rest: newNone() };
}

function sameMetadata(a: PyBaseException, b: PyBaseException): boolean {
  return notesOf(a) === notesOf(b) && a.traceback === b.traceback && a.cause === b.cause && a.context === b.context;
}

/** The __notes__ value in the instance dict (borrowed), for identity checks. */
function notesOf(e: PyBaseException): PyObject | null {
  return e.dict ? dictGetStr(e.dict, '__notes__') : null;
}

/**
 * _PyExc_PrepReraiseStar: what a try-except* raises at its end, given the exception it
 * caught and the list of what its handlers raised or re-raised (the unhandled rest last).
 * Re-raised parts keep their place in the original's structure; raised ones become
 * siblings in a new group. Returns None for nothing to raise.
 */
export function prepReraiseStar(orig: PyObject, excs: PyList): PyObject {
  const items = excs.items;
  if (items.length === 0) return newNone();
  // a naked exception was caught and wrapped: at most one exception to raise
  if (!isExceptionGroup(orig)) return newref(items[0]!);
  const raised = newList([]) as PyList;
  const reraised = newList([]) as PyList;
  try {
    for (const e of items) {
      if (e === None) continue;
      listAppend(sameMetadata(e as PyBaseException, orig) ? reraised : raised, e);
    }
    const reraisedGroup = projection(orig, reraised);
    if (raised.items.length === 0) return reraisedGroup;
    if (reraisedGroup !== None) listAppend(raised, reraisedGroup);
    decref(reraisedGroup);
    if (raised.items.length > 1) return createExceptionGroup('', raised);
    return newref(raised.items[0]!);
  } finally {
    decref(raised);
    decref(reraised);
  }
}

/** exception_group_projection: the sub-group of `eg` with the leaves found in `keep`'s groups. */
function projection(eg: PyBaseException, keep: PyList): PyObject {
  const ids = newSet();
  try {
    for (const e of keep.items) collectLeafIds(e, ids);
    return splitRecursive(eg, { kind: 'ids', value: ids }, false).match ?? newNone();
  } finally {
    decref(ids);
  }
}

function collectLeafIds(exc: PyObject, ids: ReturnType<typeof newSet>): void {
  if (exc === None) return;
  if (!isExceptionGroup(exc)) {
    const id = idOf(exc);
    setAdd(ids, id);
    decref(id);
    return;
  }
  for (const e of groupExceptions(exc)) collectLeafIds(e, ids);
}

