/** A projection's live nodes in the shape of runtime-heap.ts, for comparisons. */
import type { Projection } from '../../source/projections/projection.js';
import type { StringTable } from '../../source/events/log.js';
import { NodeFlags } from '../../source/projections/projection.js';
import { edgeDigest, edgeKey, type ExpectedNode } from './runtime-heap.js';

export function projectedNodes(p: Projection, strings: StringTable): Map<number, ExpectedNode> {
  const out = new Map<number, ExpectedNode>();
  p.forEachNode((serial) => {
    const n = p.node(serial, strings)!;
    const pairs: number[] = [];
    for (const r of p.referents(serial)) for (let i = 0; i < r.count; i++) pairs.push(r.serial, r.slot >>> 0);
    out.set(serial, {
      serial,
      type: n.type,
      size: n.size,
      refcount: n.refcount,
      address: n.address,
      generation: n.generation,
      finalized: (n.flags & NodeFlags.Finalized) !== 0,
      ...edgeDigest(pairs),
      edges: () => {
        const keys: string[] = [];
        for (let i = 0; i < pairs.length; i += 2) keys.push(edgeKey(pairs[i]!, pairs[i + 1]!));
        return keys.sort();
      },
    });
  });
  return out;
}

/** Differences between two node maps, as short readable lines (empty when equal). */
export function diffNodes(expected: Map<number, ExpectedNode>, actual: Map<number, ExpectedNode>, limit = 40): string[] {
  const out: string[] = [];
  for (const [s, e] of expected) {
    const a = actual.get(s);
    if (!a) {
      out.push(`missing ${e.type} #${s}`);
      continue;
    }
    for (const k of ['type', 'size', 'refcount', 'address', 'generation', 'finalized'] as const) {
      if (a[k] !== e[k]) out.push(`${e.type} #${s}: ${k} ${String(a[k])}, expected ${String(e[k])}`);
    }
    if (a.edgeCount !== e.edgeCount || a.edgeSum !== e.edgeSum) {
      const [ae, ee] = [a.edges(), e.edges()];
      const extra = ae.filter((x) => !ee.includes(x));
      const lost = ee.filter((x) => !ae.includes(x));
      out.push(`${e.type} #${s}: edges +[${extra.join(' ')}] -[${lost.join(' ')}]`);
    }
  }
  for (const [s, a] of actual) if (!expected.has(s)) out.push(`unexpected ${a.type} #${s}`);
  return out.slice(0, limit);
}

/** Everything but the nodes, as plain data (totals, types, collector, frames). */
export function projectionSummary(p: Projection, strings: StringTable): unknown {
  return {
    at: p.at,
    objects: p.objects,
    bytes: p.bytes,
    peakBytes: p.peakBytes,
    peakEvent: p.peakEvent,
    staticObjects: p.staticObjects,
    staticBytes: p.staticBytes,
    frames: p.frames,
    types: p.types(strings),
    count: [...p.count],
    threshold: [...p.threshold],
    enabled: p.enabled,
    generationSize: [...p.generationSize],
    generations: [0, 1, 2, 3].map((g) => p.generationMembers(g)),
    collecting: p.collecting,
    collections: p.collections,
    soFar: [p.unreachableSoFar, p.finalizersSoFar, p.weakrefsClearedSoFar, p.callbacksSoFar],
    stats: p.stats.map((s) => ({ ...s })),
    stack: p.stack(),
    depth: p.depth,
    line: [p.currentLine, p.currentFrame, p.lines, p.outputs],
  };
}
