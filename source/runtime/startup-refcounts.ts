/**
 * Reference counts of the objects that exist when a CPython 3.11 main script starts: the
 * statically allocated ones (small ints, one-character strs and bytes, '', b'', (), the
 * interpreter's identifier strings) start near 999999999, and the whole start-up (site,
 * encodings, the frozen modules) holds more references to them and to None, True, the
 * builtin types and functions. heapscope does not run that start-up, so it gives these
 * objects the counts measured from python3 (test/python/measure_startup_refcounts.py),
 * which excludes every reference made by the script itself. The script's own references
 * are then added as it is compiled and run, as in CPython.
 */
import table from './data/startup-refcounts.json' with { type: 'json' };
import type { PyObject } from './objects/object.js';
import type { PyDict } from './objects/dict.js';
import { dictGetStr } from './objects/dict.js';
import { newInt, True, False } from './objects/int.js';
import { newStr, internStr } from './objects/str.js';
import { newBytes } from './objects/bytes.js';
import { newEmptyTuple } from './objects/tuple.js';
import { None, NotImplemented, Ellipsis } from './objects/singletons.js';
import { rt } from './runtime.js';

/**
 * Give each start-up object its measured count. A count below the references heapscope's own
 * start-up already holds is raised to those, so that no object can be freed early.
 */
export function applyStartupRefcounts(builtins: PyDict): void {
  // Through heap.setRefcount: the event log must see every count.
  const set = (o: PyObject, count: number, owned: boolean) => {
    const held = owned ? o.rc - 1 : o.rc;
    rt.heap.setRefcount(o, Math.max(count, held));
  };
  table.ints.forEach((count, i) => set(newInt(i - 5), count, true));
  table.latin1.forEach((count, i) => set(newStr(String.fromCharCode(i)), count, true));
  table.bytes1.forEach((count, i) => set(newBytes(Uint8Array.of(i)), count, true));
  set(newStr(''), table.empty.str, true);
  set(newBytes(new Uint8Array(0)), table.empty.bytes, true);
  set(newEmptyTuple(), table.empty.tuple, true);
  const singletons: Record<string, PyObject> = { None, True, False, Ellipsis, NotImplemented };
  for (const [name, count] of Object.entries(table.singletons)) set(singletons[name]!, count, false);
  // Builtin types start at 1 in CPython (heapscope starts them near 999999999 so that no
  // imbalance can free one): they take the measured count as it is.
  for (const [name, count] of Object.entries(table.builtins)) {
    const o = dictGetStr(builtins, name);
    if (o !== null) rt.heap.setRefcount(o, count);
  }
  for (const [s, count] of Object.entries(table.strings)) {
    set(internStr(s), count, true);
  }
}
