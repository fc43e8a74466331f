import { expect } from 'vitest';
import type { TwiceDifferentiableObjective } from '../../src/solvers/objective.js';

const STEP = 1e-6;

/** ∇F(θ) equals central finite differences of F, coordinate by coordinate, to 1e-7 (relative above 1). */
export function expectGradientMatchesFiniteDifferences(
  objective: TwiceDifferentiableObjective,
  theta: Float64Array,
): void {
  const d = objective.dimension;
  const g = new Float64Array(d);
  objective.valueAndGradient(theta, g);
  const tmp = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[k] += STEP;
    minus[k] -= STEP;
    const fd =
      (objective.valueAndGradient(plus, tmp) - objective.valueAndGradient(minus, tmp)) / (2 * STEP);
    expect(Math.abs(g[k] - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
  }
}

/** ∇²F(θ)·v equals central finite differences of ∇F along v, to 1e-7 (relative above 1). */
export function expectHessianVectorProductMatchesFiniteDifferences(
  objective: TwiceDifferentiableObjective,
  theta: Float64Array,
  v: Float64Array,
): void {
  const d = objective.dimension;
  const hv = new Float64Array(d);
  objective.hessianVectorProduct(theta, v, hv);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  objective.valueAndGradient(
    theta.map((t, k) => t + STEP * v[k]),
    gp,
  );
  objective.valueAndGradient(
    theta.map((t, k) => t - STEP * v[k]),
    gm,
  );
  for (let k = 0; k < d; k++) {
    const fd = (gp[k] - gm[k]) / (2 * STEP);
    expect(Math.abs(hv[k] - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
  }
}

/** The full Hessian is exactly symmetric and times v gives the Hessian-vector product (1e-10). */
export function expectHessianAgreesWithProduct(
  objective: TwiceDifferentiableObjective,
  theta: Float64Array,
  v: Float64Array,
): void {
  const d = objective.dimension;
  const H = new Float64Array(d * d);
  objective.hessian(theta, H);
  const hv = new Float64Array(d);
  objective.hessianVectorProduct(theta, v, hv);
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let b = 0; b < d; b++) s += H[a * d + b] * v[b];
    expect(Math.abs(s - hv[a])).toBeLessThan(1e-10 * Math.max(1, Math.abs(hv[a])));
    for (let b = 0; b < d; b++) expect(H[a * d + b]).toBe(H[b * d + a]);
  }
}
