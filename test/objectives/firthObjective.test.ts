import { describe, expect, it } from 'vitest';
import { FirthObjective } from '../../src/objectives/firthObjective.js';
import type { TwiceDifferentiableObjective } from '../../src/solvers/objective.js';
import { expectHessianVectorProductMatchesFiniteDifferences } from '../helpers/derivativeChecks.js';
import { seededRandom } from '../helpers/fixtures.js';

function firth(seed: number, m: number, p: number, weighted: boolean): FirthObjective {
  const rand = seededRandom(seed);
  const data = new Float64Array(m * p);
  for (let k = 0; k < data.length; k++) data[k] = (rand() - 0.4) * 3 + (k % p);
  const y = new Float64Array(m).map(() => (rand() < 0.35 ? 1 : 0));
  const center = Float64Array.from({ length: p }, (_, j) => j + 0.3);
  const scale = Float64Array.from({ length: p }, (_, j) => 0.5 + j);
  return new FirthObjective({
    X: { rows: m, cols: p, data },
    y,
    sampleWeight: weighted ? new Float64Array(m).map(() => rand() * 2) : undefined,
    fitIntercept: true,
    l2: 0,
    center,
    scale,
    penalizeScaled: false,
  });
}

/** The objective with its exact Hessian as `hessian` and H·v as the product. */
function exact(objective: FirthObjective): TwiceDifferentiableObjective {
  const d = objective.dimension;
  const H = new Float64Array(d * d);
  return {
    dimension: d,
    valueAndGradient: (x, g) => objective.valueAndGradient(x, g),
    hessian: (x, out) => objective.trueHessian(x, out),
    hessianVectorProduct: (x, v, out) => {
      objective.trueHessian(x, H);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += H[a * d + c] * v[c];
        out[a] = s;
      }
    },
  };
}

describe('FirthObjective.trueHessian', () => {
  for (const weighted of [false, true]) {
    it(`equals central differences of the modified score (${weighted ? '' : 'un'}weighted)`, () => {
      const objective = firth(weighted ? 3 : 4, 60, 5, weighted);
      const rand = seededRandom(9);
      const theta = Float64Array.from({ length: 6 }, () => rand() - 0.5);
      for (let k = 0; k < 6; k++) {
        const v = new Float64Array(6);
        v[k] = 1;
        expectHessianVectorProductMatchesFiniteDifferences(exact(objective), theta, v);
      }
    });
  }

  it('is symmetric and differs from the Fisher information that hessian returns', () => {
    const objective = firth(5, 40, 3, false);
    const theta = Float64Array.from([0.4, -0.2, 0.1, 0.3]);
    const H = new Float64Array(16);
    const fisher = new Float64Array(16);
    objective.trueHessian(theta, H);
    objective.hessian(theta, fisher);
    for (let a = 0; a < 4; a++) for (let c = 0; c < 4; c++) expect(H[a * 4 + c]).toBe(H[c * 4 + a]);
    expect(Math.max(...H.map((h, k) => Math.abs(h - fisher[k])))).toBeGreaterThan(1e-4);
  });
});
