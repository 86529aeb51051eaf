/**
 * A typed-array column saved for a checkpoint, in blocks that are shared with the
 * previous checkpoint wherever they did not change. Most of a heap does not change
 * between two checkpoints (the interpreter's own objects above all), so a checkpoint
 * costs memory for what changed, and copying it back stays one pass.
 */
export type Column = Int32Array | Float64Array | Int8Array | Uint32Array;

export type SavedColumn = { readonly length: number; readonly blocks: readonly Column[] };

const BLOCK = 1024;

function sameRange(a: Column, from: number, block: Column): boolean {
  for (let i = 0; i < block.length; i++) if (a[from + i] !== block[i]) return false;
  return true;
}

/** Save a[0, length), reusing blocks of `previous` (the same column's last save) that are equal. */
export function saveColumn(a: Column, length: number, previous: SavedColumn | undefined, cost: { bytes: number }): SavedColumn {
  const blocks: Column[] = [];
  for (let from = 0, b = 0; from < length; from += BLOCK, b++) {
    const end = Math.min(length, from + BLOCK);
    const old = previous?.blocks[b];
    if (old !== undefined && old.length === end - from && sameRange(a, from, old)) {
      blocks.push(old);
      continue;
    }
    const copy = a.slice(from, end);
    cost.bytes += copy.byteLength;
    blocks.push(copy);
  }
  return { length, blocks };
}

/** Copy a saved column back into `a` (which must hold at least `saved.length` entries). */
export function loadColumn(a: Column, saved: SavedColumn): void {
  let at = 0;
  for (const block of saved.blocks) {
    a.set(block as never, at);
    at += block.length;
  }
}
