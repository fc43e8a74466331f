/**
 * A seeded stream of pseudo-random numbers: the same seed gives the same stream on every
 * platform, so folds, splits and stochastic gradient descent are reproducible bit for bit.
 * Not for cryptography.
 */
export interface SeededRandom {
  /** The next 32-bit unsigned integer, uniform on [0, 2³²). */
  uint32(): number;
  /** A uniform integer in [0, n), without modulo bias; `n` is an integer in [1, 2³²]. */
  integer(n: number): number;
  /** A uniform number in [0, 1) with 32 random bits. */
  float(): number;
}

const TWO_32 = 4294967296;

/**
 * The random stream of a seed: xoshiro128** (Blackman and Vigna, 2018, "Scrambled linear
 * pseudorandom number generators"; period 2¹²⁸ − 1, passes BigCrush), its 128-bit state filled
 * by SplitMix32 (the golden-ratio Weyl sequence 0x9e3779b9 hashed by MurmurHash3's fmix32
 * finalizer), as the xoshiro authors recommend for seeding. Math.random is never used: it
 * cannot be seeded.
 *
 * Distinct seeds give distinct states: the low 32 bits seed the SplitMix sequence, the high bits
 * (of a safe integer) are hashed into the third state word.
 *
 * @param seed - a safe integer (negative values and values ≥ 2³² are fine); validated by callers.
 * @example
 * const random = seededRandom(42);
 * random.integer(6); // the same die roll for seed 42 everywhere
 */
export function seededRandom(seed: number): SeededRandom {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_32) >>> 0;
  let weyl = lo;
  const splitMix = (): number => {
    weyl = (weyl + 0x9e3779b9) >>> 0;
    return fmix32(weyl);
  };
  const s0 = splitMix();
  const s1 = splitMix();
  const s2 = splitMix() ^ fmix32(hi);
  const s3 = splitMix();
  return xoshiro128StarStar(s0, s1, s2, s3);
}

/**
 * xoshiro128** from an explicit state (not all zero), as the reference C code `xoshiro128starstar.c`:
 * output `rotl(s1·5, 7)·9`, then the xorshift-rotate state update. Exposed for known-answer tests.
 */
export function xoshiro128StarStar(
  state0: number,
  state1: number,
  state2: number,
  state3: number,
): SeededRandom {
  let s0 = state0 >>> 0;
  let s1 = state1 >>> 0;
  let s2 = state2 >>> 0;
  let s3 = state3 >>> 0;
  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    uint32,
    // Rejection sampling: draws in the top partial block [limit, 2³²) would favour small values.
    integer(n: number): number {
      const limit = TWO_32 - (TWO_32 % n);
      let r = uint32();
      while (r >= limit) r = uint32();
      return r % n;
    },
    float: () => uint32() / TWO_32,
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** MurmurHash3's 32-bit finalizer: a bijection on 32-bit integers with full avalanche. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Shuffles `indices` in place by Fisher–Yates (Durstenfeld's version, Knuth's algorithm P):
 * for i = n − 1 … 1 swap entry i with a uniform j ∈ [0, i] (`random.integer`, without modulo
 * bias), so every permutation is equally likely. Draws n − 1 numbers.
 *
 * @example
 * const order = Uint32Array.from({ length: 5 }, (_, i) => i);
 * shuffleInPlace(order, seededRandom(1)); // a fixed permutation of 0…4
 */
export function shuffleInPlace(indices: Uint32Array | Int32Array, random: SeededRandom): void {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const t = indices[i];
    indices[i] = indices[j];
    indices[j] = t;
  }
}
