/**
 * Invariants of the modelled heap that hold between any two lines of a program (and at
 * its end), checked under `heapscope run --check` and by the fuzz tests. A minimal first
 * set, stated so that each is exact:
 *
 * - every live object has a reference count of at least 1;
 * - no live object holds a reference (tp_traverse) to a freed object;
 * - a reference count is at least the number of references live objects hold to it
 *   (the rest are external: frames, the interpreter's state) — gcmodule.c's
 *   "refcount is too small" assertion in update_refs/subtract_refs;
 * - every object on a collector generation list is live and records that generation.
 *
 * Needs the runtime's registry of live objects (RuntimeOptions.checking).
 */
import type { Runtime } from '../runtime.js';
import type { PyObject } from '../objects/object.js';

export type ViolationKind = 'not-checking' | 'refcount-below-one' | 'freed-reachable' | 'refcount-too-small' | 'gc-list';

export type Violation = {
  readonly kind: ViolationKind;
  /** One line naming the object (type, id, refcount) and what is wrong. */
  readonly message: string;
};

/** Check the heap of `runtime` now; an empty list when every invariant holds. */
export function checkInvariants(runtime: Runtime): Violation[] {
  const live = runtime.heap.live;
  if (live === null) return [{ kind: 'not-checking', message: 'the runtime was created without checking: true' }];
  const out: Violation[] = [];
  const incoming = new Map<PyObject, number>();
  for (const o of live.values()) {
    if (o.rc < 1) out.push({ kind: 'refcount-below-one', message: `${describe(o)} is live with refcount ${o.rc}` });
    o.type.traverse?.(o, (target) => {
      incoming.set(target, (incoming.get(target) ?? 0) + 1);
      if (target.serial !== 0 && !live.has(target.serial)) {
        out.push({ kind: 'freed-reachable', message: `${describe(o)} refers to freed ${describe(target)}` });
      }
    });
  }
  for (const [o, n] of incoming) {
    if (o.rc < n && live.has(o.serial)) {
      out.push({ kind: 'refcount-too-small', message: `${describe(o)} has refcount ${o.rc} but ${n} references from live objects` });
    }
  }
  runtime.heap.generations.forEach((list, gen) => {
    for (const o of list.toArray()) {
      if (!live.has(o.serial)) out.push({ kind: 'gc-list', message: `freed ${describe(o)} is still on gc list ${gen}` });
      else if (o.gcGen !== gen) out.push({ kind: 'gc-list', message: `${describe(o)} is on gc list ${gen} but records generation ${o.gcGen}` });
    }
  });
  return out;
}

function describe(o: PyObject): string {
  return `${o.type.name} object at 0x${o.addr.toString(16)} (serial ${o.serial})`;
}
