import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { plainGradientKernel } from '../../src/kernels/gradientKernel.js';
import { seededRandom } from '../helpers/fixtures.js';
import {
  expectGradientMatchesFiniteDifferences,
  expectHessianAgreesWithProduct,
  expectHessianVectorProductMatchesFiniteDifferences,
} from '../helpers/derivativeChecks.js';

function problem(
  seed: number,
  m: number,
  p: number,
  weighted: boolean,
): { X: Matrix; y: Float64Array; s: Float64Array | undefined } {
  const rand = seededRandom(seed);
  const data = new Float64Array(m * p);
  // Columns on different scales and offsets, as in real data.
  for (let i = 0; i < m; i++)
    for (let j = 0; j < p; j++) data[i * p + j] = (rand() - 0.3) * 10 ** (j % 3) + j;
  const y = new Float64Array(m).map(() => (rand() < 0.4 ? 1 : 0));
  const s = weighted ? new Float64Array(m).map(() => rand() * 3) : undefined;
  return { X: { rows: m, cols: p, data }, y, s };
}

const cases = [
  {
    name: 'intercept, no weights, no penalty',
    fitIntercept: true,
    weighted: false,
    l2: 0,
    penalizeScaled: false,
    scaled: false,
  },
  {
    name: 'no intercept',
    fitIntercept: false,
    weighted: false,
    l2: 0,
    penalizeScaled: false,
    scaled: false,
  },
  {
    name: 'weights and L2',
    fitIntercept: true,
    weighted: true,
    l2: 0.3,
    penalizeScaled: false,
    scaled: false,
  },
  {
    name: 'scaled coordinates, L2 on original units',
    fitIntercept: true,
    weighted: true,
    l2: 0.3,
    penalizeScaled: false,
    scaled: true,
  },
  {
    name: 'standardized, L2 on the standardized scale',
    fitIntercept: true,
    weighted: false,
    l2: 0.05,
    penalizeScaled: true,
    scaled: true,
  },
  {
    name: 'standardized without intercept',
    fitIntercept: false,
    weighted: true,
    l2: 0.05,
    penalizeScaled: true,
    scaled: true,
  },
];

describe('LogisticObjective', () => {
  for (const c of cases) {
    const { X, y, s } = problem(7, 40, 4, c.weighted);
    const scaling = c.scaled
      ? featureScaling(X, s, c.fitIntercept)
      : { center: new Float64Array(4), scale: new Float64Array(4).fill(1) };
    const objective = new LogisticObjective({
      X,
      y,
      sampleWeight: s,
      fitIntercept: c.fitIntercept,
      l2: c.l2,
      center: scaling.center,
      scale: scaling.scale,
      penalizeScaled: c.penalizeScaled,
    });
    const d = objective.dimension;
    const rand = seededRandom(11);
    const theta = new Float64Array(d).map(() => (rand() - 0.5) * (c.scaled ? 1 : 0.1));
    const v = new Float64Array(d).map(() => rand() - 0.5);

    it(`gradient matches central finite differences (${c.name})`, () => {
      expectGradientMatchesFiniteDifferences(objective, theta);
    });

    it(`Hessian-vector product matches finite differences of the gradient (${c.name})`, () => {
      expectHessianVectorProductMatchesFiniteDifferences(objective, theta, v);
    });

    it(`the full Hessian times v equals the Hessian-vector product (${c.name})`, () => {
      expectHessianAgreesWithProduct(objective, theta, v);
    });

    it(`maps coordinates to original units and back (${c.name})`, () => {
      const w = new Float64Array(4);
      const b = objective.toOriginal(theta, w);
      const back = new Float64Array(d);
      objective.fromOriginal(w, b, back);
      for (let k = 0; k < d; k++) expect(back[k]).toBeCloseTo(theta[k], 12);
    });
  }
});

describe('LogisticObjective at the point of its last evaluation', () => {
  it('returns the same F and gradient without another data pass (L-BFGS hands Newton its last point)', () => {
    const { X, y, s } = problem(21, 300, 4, true);
    const scaling = featureScaling(X, s, true);
    const kernel = plainGradientKernel(X, y, s);
    let passes = 0;
    const counted = {
      ...kernel,
      lossAndGradient: (w: Float64Array, b: number, g: Float64Array): number => {
        passes++;
        return kernel.lossAndGradient(w, b, g);
      },
    };
    const objective = new LogisticObjective({
      X,
      y,
      sampleWeight: s,
      fitIntercept: true,
      l2: 0.2,
      center: scaling.center,
      scale: scaling.scale,
      penalizeScaled: false,
      gradientKernel: counted,
    });
    const theta = Float64Array.from([0.3, -0.2, 0.1, 0.05, -0.4]);
    const g1 = new Float64Array(5);
    const g2 = new Float64Array(5);
    const f1 = objective.valueAndGradient(theta, g1);
    // A Hessian-vector product in between reuses the raw-gradient scratch: still the same.
    objective.hessianVectorProduct(theta, Float64Array.from([1, 0, 0, 0, 0]), new Float64Array(5));
    const f2 = objective.valueAndGradient(Float64Array.from(theta), g2);
    expect(passes).toBe(1);
    expect(f2).toBe(f1);
    expect(Array.from(g2)).toEqual(Array.from(g1));
    expect(objective.logLoss(theta)).toBe(objective.logLoss(Float64Array.from(theta)));
    expect(passes).toBe(1);
    theta[0] += 1e-9;
    objective.valueAndGradient(theta, g2);
    expect(passes).toBe(2);
  });
});
