import type { Matrix } from '../../src/linalg/matrix.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { seededRandom } from '../helpers/fixtures.js';

/** A seeded random logistic problem; `spread` scales w, so |z| reaches about spread·√p. */
export interface Problem {
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly s: Float64Array | undefined;
  readonly w: Float64Array;
  readonly b: number;
}

export function randomProblem(
  seed: number,
  rows: number,
  cols: number,
  weighted: boolean,
  spread: number,
): Problem {
  const rnd = seededRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = (rnd() - 0.5) * 4;
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) y[i] = rnd() < 0.4 ? 1 : 0;
  const s = weighted ? Float64Array.from({ length: rows }, () => rnd() * 3) : undefined;
  const w = Float64Array.from({ length: cols }, () => (rnd() - 0.5) * spread);
  return { X: { rows, cols, data }, y, s, w, b: (rnd() - 0.5) * spread };
}

/**
 * The magnitudes behind each output of a gradient pass: (1/S)·Σ sᵢ|rᵢ·xᵢⱼ| per coefficient,
 * (1/S)·Σ sᵢ|rᵢ| for the intercept, and the loss itself (a sum of positive terms). Two
 * summation orders of the same terms can differ by about ε·(these), however much the terms
 * cancel, so kernels are compared relative to them.
 */
export function termScales(problem: Problem): { grad: Float64Array; loss: number } {
  const { X, y, s, w, b } = problem;
  const { rows: m, cols: p, data } = X;
  const grad = new Float64Array(p + 1);
  let total = 0;
  let loss = 0;
  for (let i = 0; i < m; i++) {
    const si = s === undefined ? 1 : s[i];
    let z = b;
    for (let j = 0; j < p; j++) z += w[j] * data[i * p + j];
    const r = Math.abs(si * (sigmoid(z) - y[i]));
    for (let j = 0; j < p; j++) grad[j] += r * Math.abs(data[i * p + j]);
    grad[p] += r;
    loss += si * Math.abs(z) + si;
    total += si;
  }
  for (let j = 0; j <= p; j++) grad[j] /= total;
  return { grad, loss: loss / total };
}

/** Largest |a − b| / scale over the outputs; loss first. */
export function scaledError(
  lossA: number,
  gradA: Float64Array,
  lossB: number,
  gradB: Float64Array,
  scales: { grad: Float64Array; loss: number },
): number {
  let worst = Math.abs(lossA - lossB) / Math.max(Math.abs(lossB), 1e-300);
  for (let j = 0; j < gradA.length; j++) {
    worst = Math.max(worst, Math.abs(gradA[j] - gradB[j]) / Math.max(scales.grad[j], 1e-300));
  }
  return worst;
}
