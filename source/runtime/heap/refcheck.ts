/**
 * The debug invariant of reference counting, switched on by RuntimeOptions.checking
 * (the tests do): every object's refcount equals the references pointing at it — the
 * references of the object graph, which objects and frames report as RefAdded /
 * RefRemoved events ("freed" and "frame exited" drop all of a node's references), plus
 * the ones the interpreter itself holds (modules and lists it keeps, the "roots").
 *
 * A refcount below its incoming references is the dangerous error (the collector would
 * take the object for garbage while it is referenced, CPython's "refcount is too small"):
 * it is checked whenever a collection starts. Equality — no leaked reference either — can
 * only be checked where no temporary is held by the interpreter's own code: at the end of
 * the program, after finalization.
 */
import { AllocFlags, EventKind, makeSlot, SlotKind } from '../../events/kinds.js';
import { WEAK_REFERENT_LABEL } from '../objects/weakref.js';
import { PyObject } from '../objects/object.js';
import type { Runtime } from '../runtime.js';

/** Objects created static (or made so) have counts near 1e9 that nothing explains. */
const STATIC_REFCOUNT = 500_000_000;

export class RefcountError extends Error {}

export class RefLedger {
  /** serial → references pointing at it from live nodes (objects and frames). */
  private readonly incoming = new Map<number, number>();
  /** source serial → target serial → how many references. */
  private readonly outgoing = new Map<number, Map<number, number>>();
  private readonly staticSerials = new Set<number>();
  /** Events already read. */
  private cursor = 0;

  constructor(private readonly rt: Runtime) {}

  /** Read the events logged since the last call; returns the serials whose count of references changed. */
  private catchUp(): Set<number> {
    const touched = new Set<number>();
    const { incoming, outgoing } = this;
    const ev = this.rt.ev;
    const start = this.cursor;
    if (start >= ev.count) return touched;
    // A weakref's edge to its referent is drawn in the graph but holds no reference.
    const weak = makeSlot(SlotKind.Label, ev.strings.intern(WEAK_REFERENT_LABEL));
    ev.forEach((e) => {
      if ((e.kind === EventKind.RefAdded || e.kind === EventKind.RefRemoved) && e.c === weak) return;
      switch (e.kind) {
        case EventKind.RefAdded: {
          incoming.set(e.b, (incoming.get(e.b) ?? 0) + 1);
          let m = outgoing.get(e.a);
          if (!m) outgoing.set(e.a, (m = new Map()));
          m.set(e.b, (m.get(e.b) ?? 0) + 1);
          touched.add(e.b);
          break;
        }
        case EventKind.RefRemoved: {
          const m = outgoing.get(e.a);
          const n = m?.get(e.b) ?? 0;
          if (n === 0) throw new RefcountError(`the log removes a reference ${e.a} → ${e.b} it never added`);
          if (n === 1) m!.delete(e.b);
          else m!.set(e.b, n - 1);
          incoming.set(e.b, incoming.get(e.b)! - 1);
          touched.add(e.b);
          break;
        }
        case EventKind.Freed:
        case EventKind.FreedToFreeList:
        case EventKind.FrameReleased:
          this.dropNode(e.a, touched);
          break;
        case EventKind.Allocated:
          if (e.f & AllocFlags.Static) this.staticSerials.add(e.a);
          break;
        default:
          break;
      }
    }, start);
    this.cursor = ev.count;
    return touched;
  }

  private dropNode(serial: number, touched: Set<number>): void {
    const m = this.outgoing.get(serial);
    if (!m) return;
    for (const [target, n] of m) {
      this.incoming.set(target, this.incoming.get(target)! - n);
      touched.add(target);
    }
    this.outgoing.delete(serial);
  }

  private isStatic(o: PyObject): boolean {
    return o.rc >= STATIC_REFCOUNT || this.staticSerials.has(o.serial);
  }

  /** Every live object whose references changed has at least as many counted references. */
  checkNotTooSmall(): void {
    const live = this.rt.heap.live;
    if (live === null) return;
    for (const serial of this.catchUp()) {
      const o = live.get(serial);
      if (o === undefined) continue;
      const refs = this.incoming.get(serial) ?? 0;
      if (o.rc < refs) {
        throw new RefcountError(`refcount is too small: ${describe(o)} has refcount ${o.rc} but ${refs} references point at it`);
      }
    }
  }

  /**
   * At the end of a program: every live object's refcount is exactly its references from
   * live objects plus the interpreter's own (roots). Returns the discrepancies.
   */
  exactMismatches(): string[] {
    const live = this.rt.heap.live;
    if (live === null) return [];
    this.catchUp();
    const roots = rootCounts(this.rt);
    const out: string[] = [];
    for (const [serial, o] of live) {
      if (this.isStatic(o)) continue;
      const expected = (this.incoming.get(serial) ?? 0) + (roots.get(o) ?? 0);
      if (o.rc !== expected) {
        out.push(`${describe(o)}: refcount ${o.rc}, references ${expected}${o.rc > expected ? ' (leaked)' : ' (too small)'}`);
      }
    }
    return out;
  }
}

function describe(o: PyObject): string {
  const v = (o as unknown as { v?: unknown }).v;
  const value = typeof v === 'string' ? ` ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}` : '';
  return `${o.type.name} object${value} (serial ${o.serial})`;
}

/**
 * References the runtime holds in its own state: the PyObjects among rt.state's values,
 * found through plain JavaScript objects, arrays and map keys (not through other objects).
 */
function rootCounts(rt: Runtime): Map<PyObject, number> {
  const counts = new Map<PyObject, number>();
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number): void => {
    if (v instanceof PyObject) {
      counts.set(v, (counts.get(v) ?? 0) + 1);
      return;
    }
    if (v === null || typeof v !== 'object' || depth > 3 || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) for (const [k, x] of v) {
      walk(k, depth + 1);
      walk(x, depth + 1);
    }
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (Object.getPrototypeOf(v) === Object.prototype) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  for (const value of rt.state.values()) walk(value, 0);
  return counts;
}
