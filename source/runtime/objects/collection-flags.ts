/**
 * The type flags pattern matching reads (PEP 634): Py_TPFLAGS_SEQUENCE and
 * Py_TPFLAGS_MAPPING, which CPython's static types set in their definitions and a class
 * takes from the first base along its MRO that has one (typeobject.c,
 * inherit_patma_flags), and _Py_TPFLAGS_MATCH_SELF, which makes `int(x)` bind the
 * subject itself.
 */
import type { PyType } from './object.js';

/** Static types by qualified tp_name (a table, so types added later need no flag code). */
const SEQUENCE = new Set(['list', 'tuple', 'range', 'memoryview', 'array.array', 'collections.deque']);
const MAPPING = new Set(['dict', 'mappingproxy']);
const MATCH_SELF = new Set(['bool', 'bytearray', 'bytes', 'dict', 'float', 'frozenset', 'int', 'list', 'set', 'str', 'tuple']);

function staticName(t: PyType): string | null {
  if (t.flags.heap) return null;
  return t.name.includes('.') || t.module === 'builtins' ? t.name : `${t.module}.${t.name}`;
}

type Kind = 'sequence' | 'mapping' | null;
/** Flags are fixed when a type is made (CPython does not revisit them either). */
const kinds = new WeakMap<PyType, Kind>();

/** MATCH_SEQUENCE / MATCH_MAPPING: which collection flag the type has, if any. */
export function collectionKind(t: PyType): Kind {
  const known = kinds.get(t);
  if (known !== undefined) return known;
  let kind: Kind = null;
  for (const c of t.mro) {
    const name = staticName(c);
    if (name === null) continue;
    if (SEQUENCE.has(name)) kind = 'sequence';
    else if (MAPPING.has(name)) kind = 'mapping';
    if (kind !== null) break;
  }
  kinds.set(t, kind);
  return kind;
}

/** _Py_TPFLAGS_MATCH_SELF, inherited from the builtin base (inherit_special). */
export function matchesSelf(t: PyType): boolean {
  for (const c of t.mro) {
    const name = staticName(c);
    if (name !== null && MATCH_SELF.has(name)) return true;
  }
  return false;
}
