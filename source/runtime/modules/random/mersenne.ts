/**
 * _random.Random: the MT19937 Mersenne Twister of Modules/_randommodule.c, so that
 * random.seed(n) followed by random(), getrandbits() ... produces CPython's numbers.
 * Seeding: an int seeds by its absolute value split into 32-bit words (least
 * significant first, init_by_array); other objects by their hash as an unsigned
 * 64-bit value; None from the host's entropy. getsizeof 2520 (16 + index + 624 words).
 */
import { PyObject, PyType } from '../../objects/object.js';
import { nativeType } from '../../objects/native-type.js';
import { rt } from '../../runtime.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None, newNone } from '../../objects/singletons.js';
import { PyInt, newInt, newIntValue, normalize } from '../../objects/int.js';
import { newFloat } from '../../objects/float.js';
import { PyTuple, newTuple } from '../../objects/tuple.js';
import { defineMethods, exactlyOne, noArgs, positional } from '../../builtins/args.js';
import { hashOf, indexValue, typeName } from '../../protocols/abstract.js';

const N = 624;
const M = 397;

export class MersenneTwister {
  readonly mt = new Uint32Array(N);
  index = N + 1;

  initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  initByArray(key: Uint32Array): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }

  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random(): 53 random bits as a float in [0, 1) (genrand_res53). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** getrandbits(k) for k > 0, words filled least significant first. */
  bits(k: number): bigint | number {
    if (k <= 32) return this.nextUint32() >>> (32 - k);
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.nextUint32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }

  /** Seed from a non-negative integer: its 32-bit words, least significant first. */
  seedInt(n: bigint): void {
    const words: number[] = [];
    if (n === 0n) words.push(0);
    while (n > 0n) {
      words.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    this.initByArray(Uint32Array.from(words));
  }

  seedEntropy(): void {
    // node:crypto only when needed: loading it costs every start-up ~5 ms.
    const bytes = process.getBuiltinModule('node:crypto').randomBytes(N * 4);
    this.initByArray(new Uint32Array(bytes.buffer, bytes.byteOffset, N));
  }
}

export class PyRandom extends PyObject {
  readonly gen = new MersenneTwister();
  constructor(type: PyType) {
    super(type);
  }
}

function seedFrom(r: PyRandom, arg: PyObject | undefined): void {
  if (arg === undefined || arg === None) {
    r.gen.seedEntropy();
    return;
  }
  let n: bigint;
  if (arg instanceof PyInt) {
    const v = BigInt(arg.v);
    n = v < 0n ? -v : v;
  } else {
    n = BigInt.asUintN(64, BigInt(hashOf(arg)));
  }
  r.gen.seedInt(n);
}

export function createRandomCoreType(): PyType {
  const t = nativeType('Random', { module: '_random', gc: false, basicSize: 2520 }, (t) => {
    t.newInstance = (type, args, kw) => {
      if (type === t && kw && kw.length) throw pyError(E.TypeError!, 'Random() takes no keyword arguments');
      if (type === t && args.length > 1) throw pyError(E.TypeError!, `Random() expected at most 1 argument, got ${args.length}`);
      const r = new PyRandom(type);
      rt.heap.allocate(r, type.flags.gc);
      seedFrom(r, args[0]);
      return r;
    };
    t.init = () => {};
  });
  defineMethods(t, {
    random: (self, args, kw) => {
      noArgs('random', args, kw);
      return newFloat((self as PyRandom).gen.nextDouble());
    },
    seed: (self, args, kw) => {
      const [n] = positional('seed', args, kw, 0, 1);
      seedFrom(self as PyRandom, n);
      return newNone();
    },
    getrandbits: (self, args, kw) => {
      const k = Number(indexValue(exactlyOne('getrandbits', args, kw)));
      if (k < 0) throw pyError(E.ValueError!, 'number of bits must be non-negative');
      if (k === 0) return newInt(0);
      const v = (self as PyRandom).gen.bits(k);
      return typeof v === 'number' ? newInt(v) : newIntValue(normalize(v));
    },
    getstate: (self, args, kw) => {
      noArgs('getstate', args, kw);
      const g = (self as PyRandom).gen;
      const items: PyObject[] = Array.from(g.mt, (w) => newInt(w));
      items.push(newInt(g.index));
      return newTuple(items);
    },
    setstate: (self, args, kw) => {
      const state = exactlyOne('setstate', args, kw);
      if (!(state instanceof PyTuple)) throw pyError(E.TypeError!, 'state vector must be a tuple');
      if (state.items.length !== N + 1) throw pyError(E.ValueError!, 'state vector is the wrong size');
      const g = (self as PyRandom).gen;
      const words = state.items.map((x) => {
        if (!(x instanceof PyInt)) throw pyError(E.TypeError!, `'${typeName(x)}' object cannot be interpreted as an integer`);
        return Number(BigInt.asUintN(32, BigInt(x.v)));
      });
      const index = Number((state.items[N] as PyInt).v);
      if (index < 0 || index > N) throw pyError(E.ValueError!, 'invalid state');
      for (let i = 0; i < N; i++) g.mt[i] = words[i]!;
      g.index = index;
      return newNone();
    },
  });
  return t;
}
