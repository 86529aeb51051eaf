/**
 * The collector's doubly linked object lists (CPython's PyGC_Head lists): one per
 * generation, plus scratch lists during a collection. The order of a list is the order
 * objects were tracked, which decides the order of __del__ calls in a collection.
 */
import type { PyObject } from '../objects/object.js';

import type { GcLink } from '../objects/object.js';
export type GcNode = GcLink;

export class GcList {
  /** Sentinel: head.gcNext is the first object, head.gcPrev the last. */
  readonly head: GcNode;
  length = 0;
  constructor() {
    const head: GcNode = { gcPrev: null, gcNext: null };
    head.gcPrev = head;
    head.gcNext = head;
    this.head = head;
  }

  append(o: PyObject): void {
    const head = this.head;
    const last = head.gcPrev!;
    o.gcPrev = last;
    o.gcNext = head;
    last.gcNext = o;
    head.gcPrev = o;
    this.length++;
  }

  remove(o: PyObject): void {
    o.gcPrev!.gcNext = o.gcNext;
    o.gcNext!.gcPrev = o.gcPrev;
    o.gcPrev = null;
    o.gcNext = null;
    this.length--;
  }

  get isEmpty(): boolean {
    return this.head.gcNext === this.head;
  }

  first(): PyObject | null {
    const n = this.head.gcNext!;
    return n === this.head ? null : (n as PyObject);
  }

  /** Move every object of `other` to the end of this list (gc_list_merge). */
  merge(other: GcList): void {
    if (other.isEmpty) return;
    const head = this.head;
    const last = head.gcPrev!;
    const oFirst = other.head.gcNext!;
    const oLast = other.head.gcPrev!;
    last.gcNext = oFirst;
    oFirst.gcPrev = last;
    oLast.gcNext = head;
    head.gcPrev = oLast;
    this.length += other.length;
    other.head.gcNext = other.head;
    other.head.gcPrev = other.head;
    other.length = 0;
  }

  /** A snapshot of the members, in order (safe to iterate while the list changes). */
  toArray(): PyObject[] {
    const out: PyObject[] = [];
    for (let n = this.head.gcNext!; n !== this.head; n = n.gcNext!) out.push(n as PyObject);
    return out;
  }
}
