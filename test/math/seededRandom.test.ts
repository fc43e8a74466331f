import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom, shuffleInPlace, xoshiro128StarStar } from '../../src/math/seededRandom.js';
import { shuffled } from '../../src/selection/shuffled.js';

const draw = (seed: number, n: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random.uint32());
};

describe('seededRandom', () => {
  it('xoshiro128** from state [1, 2, 3, 4] gives the reference outputs', () => {
    // The test vector of the reference C code, also used by Rust's rand_xoshiro.
    const random = xoshiro128StarStar(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => random.uint32());
    expect(out).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
      4258142804,
    ]);
  });

  it('the same seed gives the same stream; different seeds give different streams', () => {
    expect(draw(42, 20)).toEqual(draw(42, 20));
    const seeds = [0, 1, 2, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, -(2 ** 40)];
    const firsts = seeds.map((s) => draw(s, 4).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('integer(n) stays in [0, n) and is close to uniform (chi-squared test, 10 bins)', () => {
    const random = seededRandom(7);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const v = random.integer(10);
      if (!(Number.isInteger(v) && v >= 0 && v < 10)) outside++;
      else counts[v]++;
    }
    expect(outside).toBe(0);
    const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // the 0.999 quantile of χ²(9)
  });

  it('float() lies in [0, 1) with mean near 1/2', () => {
    const random = seededRandom(3);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = random.float();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('shuffled', () => {
  it('returns a permutation and leaves its input alone', () => {
    const input = Int32Array.from({ length: 50 }, (_, i) => i * 3);
    const copy = Int32Array.from(input);
    const out = shuffled(input, seededRandom(1));
    expect(input).toEqual(copy);
    expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from(input));
    expect(Array.from(out)).not.toEqual(Array.from(input));
  });

  it('puts each element first about equally often (Fisher–Yates is uniform)', () => {
    const random = seededRandom(11);
    const first = [0, 0, 0, 0];
    for (let t = 0; t < 40_000; t++) first[shuffled(Int32Array.of(0, 1, 2, 3), random)[0]]++;
    for (const c of first) expect(Math.abs(c / 40_000 - 0.25)).toBeLessThan(0.01);
  });
});

describe('shuffleInPlace', () => {
  it('shuffleInPlace returns a permutation of its input (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 200 }),
        (seed, n) => {
          const order = Uint32Array.from({ length: n }, (_, i) => i);
          shuffleInPlace(order, seededRandom(seed));
          const sorted = Array.from(order).sort((x, y) => x - y);
          return sorted.every((v, i) => v === i);
        },
      ),
    );
  });

  it('every position receives every element about equally often', () => {
    const counts = new Float64Array(16);
    const random = seededRandom(99);
    const order = new Uint32Array(4);
    for (let trial = 0; trial < 40000; trial++) {
      order.set([0, 1, 2, 3]);
      shuffleInPlace(order, random);
      for (let pos = 0; pos < 4; pos++) counts[pos * 4 + order[pos]]++;
    }
    for (const c of counts) expect(Math.abs(c / 10000 - 1)).toBeLessThan(0.05);
  });
});
