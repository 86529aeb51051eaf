/**
 * A hash map from positive 32-bit integers to 32-bit integers, in two typed arrays
 * (open addressing, linear probing, deletion by backward shift so that no tombstones
 * pile up). Projections index live objects by serial with it: lookups allocate
 * nothing, and a checkpoint copies it with two memcpy's.
 */
const EMPTY = 0;

export class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  /** Fibonacci hashing: the top bits of key times 2^32/phi. */
  private slotOf(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The value stored under `key` (a positive integer below 2^32), or -1. */
  get(key: number): number {
    const keys = this.keys;
    const k = key | 0;
    let i = this.slotOf(k);
    for (;;) {
      const at = keys[i]!;
      if (at === k) return this.values[i]!;
      if (at === EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const k = key | 0;
    let i = this.slotOf(k);
    for (;;) {
      const at = keys[i]!;
      if (at === k) {
        this.values[i] = value;
        return;
      }
      if (at === EMPTY) {
        keys[i] = k;
        this.values[i] = value;
        this.size++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  delete(key: number): boolean {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    const k = key | 0;
    let i = this.slotOf(k);
    for (;;) {
      const at = keys[i]!;
      if (at === EMPTY) return false;
      if (at === k) break;
      i = (i + 1) & mask;
    }
    // Backward shift: pull later members of the probe run into the hole when their home
    // slot does not lie (cyclically) between the hole and their position.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const kj = keys[j]!;
      if (kj === EMPTY) break;
      const home = this.slotOf(kj);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = kj;
        values[hole] = values[j]!;
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    this.size--;
    return true;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const cap = oldKeys.length * 2;
    this.keys = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY) this.set(k, oldValues[i]!);
    }
  }

  clear(): void {
    this.keys.fill(0);
    this.size = 0;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength * 2;
  }
}
