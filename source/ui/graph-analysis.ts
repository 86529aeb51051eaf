/**
 * What the object graph panel marks, derived from a projection: which objects are garbage
 * waiting for the collector (unreachable but not freed) and which sit in reference cycles.
 *
 * Reachability follows the collector's own reasoning (gcmodule.c, update_refs and
 * subtract_refs): an object whose reference count is higher than the references the
 * graph shows to it is held from outside the graph (the interpreter, a C stack), so it is
 * a root; so is every frame on the stack. Everything reachable from a root is alive; the
 * rest is garbage. Cycles are the strongly connected components with more than one node
 * (or a node referring to itself), found with Tarjan's algorithm.
 *
 * Both walk every node and reference: O(objects + references), so the dashboard computes
 * them for a paused program (or a small heap), once per position.
 */
import { NodeFlags, type Projection } from '../projections/projection.js';

export type GraphAnalysis = {
  /** Serials of objects unreachable from any root, in increasing order. */
  readonly garbage: readonly number[];
  readonly isGarbage: (serial: number) => boolean;
  readonly inCycle: (serial: number) => boolean;
  /** Nodes looked at. */
  readonly nodes: number;
};

export function analyseGraph(p: Projection): GraphAnalysis {
  // Dense indices for the nodes.
  const serials: number[] = [];
  const frames: boolean[] = [];
  p.forEachNode((serial, isFrame) => {
    serials.push(serial);
    frames.push(isFrame);
  });
  const n = serials.length;
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(serials[i]!, i);

  // References as adjacency arrays (CSR), and the references each node receives.
  const start = new Int32Array(n + 1);
  const targets: number[] = [];
  const internal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = targets.length;
    for (const r of p.referents(serials[i]!)) {
      const j = index.get(r.serial);
      if (j === undefined) continue;
      targets.push(j);
      internal[j] = internal[j]! + r.count;
    }
  }
  start[n] = targets.length;

  // Roots: frames on the stack, objects held from outside the graph.
  const alive = new Uint8Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    const serial = serials[i]!;
    const root = frames[i] ? isOnStack(p, serial) : p.refcount(serial) > internal[i]!;
    if (root) {
      alive[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length) {
    const i = stack.pop()!;
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const j = targets[e]!;
      if (!alive[j]) {
        alive[j] = 1;
        stack.push(j);
      }
    }
  }
  const garbage: number[] = [];
  for (let i = 0; i < n; i++) if (!alive[i] && !frames[i]) garbage.push(serials[i]!);
  garbage.sort((a, b) => a - b);
  const garbageSet = new Set(garbage);

  const cyclic = cycles(n, start, targets);
  return {
    garbage,
    isGarbage: (s) => garbageSet.has(s),
    inCycle: (s) => {
      const i = index.get(s);
      return i !== undefined && cyclic[i] === 1;
    },
    nodes: n,
  };
}

function isOnStack(p: Projection, serial: number): boolean {
  const info = p.node(serial, { get: () => '' });
  return info !== null && (info.flags & NodeFlags.OnStack) !== 0;
}

/** 1 for every node in a cycle: Tarjan's strongly connected components, without recursion. */
function cycles(n: number, start: Int32Array, targets: readonly number[]): Uint8Array {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const out = new Uint8Array(n);
  const next = new Int32Array(n);
  const scc: number[] = [];
  const call: number[] = [];
  let counter = 0;
  const visit = (v: number) => {
    order[v] = low[v] = counter++;
    next[v] = start[v]!;
    scc.push(v);
    onStack[v] = 1;
    call.push(v);
  };
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    visit(root);
    while (call.length) {
      const v = call[call.length - 1]!;
      if (next[v]! < start[v + 1]!) {
        const w = targets[next[v]!]!;
        next[v]!++;
        if (w === v) out[v] = 1;
        else if (order[w] === -1) visit(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      call.pop();
      const parent = call[call.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
      if (low[v] !== order[v]) continue;
      // v is the root of a component: everything above it on the stack belongs to it.
      const members: number[] = [];
      let w: number;
      do {
        w = scc.pop()!;
        onStack[w] = 0;
        members.push(w);
      } while (w !== v);
      if (members.length > 1) for (const m of members) out[m] = 1;
    }
  }
  return out;
}
