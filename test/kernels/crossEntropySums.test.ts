import { describe, expect, it } from 'vitest';
import { addCrossEntropySums, addHessianVectorSums } from '../../src/kernels/crossEntropySums.js';
import { crossEntropyGradient } from '../../src/kernels/crossEntropyGradient.js';
import { crossEntropyHessianVectorProduct } from '../../src/objectives/hessianVectorProduct.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { seededRandom } from '../helpers/fixtures.js';

const m = 257;
const p = 5;
const rand = seededRandom(3);
const data = Float64Array.from({ length: m * p }, () => rand() * 6 - 3);
const y = Float64Array.from({ length: m }, () => (rand() < 0.4 ? 1 : 0));
const s = Float64Array.from({ length: m }, () => rand() * 2);
const w = Float64Array.from({ length: p }, () => rand() - 0.5);
const b = 0.3;

/** The rows [start, end) of X as a matrix view. */
function rows(start: number, end: number): Matrix {
  return { rows: end - start, cols: p, data: data.subarray(start * p, end * p) };
}

describe('addCrossEntropySums', () => {
  it('over chunks in row order gives crossEntropyGradient bit for bit', () => {
    const whole = new Float64Array(p + 1);
    const loss = crossEntropyGradient({ rows: m, cols: p, data }, y, w, b, whole, s);
    const sums = new Float64Array(p + 3);
    for (const [start, end] of [
      [0, 100],
      [100, 101],
      [101, 257],
    ] as const) {
      addCrossEntropySums(
        rows(start, end),
        y.subarray(start, end),
        w,
        b,
        sums,
        s.subarray(start, end),
      );
    }
    const inv = 1 / sums[p + 2];
    expect(sums[p + 1] * inv).toBe(loss);
    for (let j = 0; j < p; j++) expect(sums[j] * inv).toBe(whole[j]);
    expect(sums[p] * inv).toBe(whole[p]);
  });
});

describe('addHessianVectorSums', () => {
  it('over chunks gives crossEntropyHessianVectorProduct bit for bit', () => {
    const v = Float64Array.from({ length: p + 1 }, () => rand() - 0.5);
    const whole = new Float64Array(p + 1);
    crossEntropyHessianVectorProduct({ rows: m, cols: p, data }, w, b, v, whole, s);
    const sums = new Float64Array(p + 2);
    addHessianVectorSums(rows(0, 50), w, b, v, sums, s.subarray(0, 50));
    addHessianVectorSums(rows(50, m), w, b, v, sums, s.subarray(50, m));
    const inv = 1 / sums[p + 1];
    for (let j = 0; j <= p; j++) expect(sums[j] * inv).toBe(whole[j]);
  });
});
