import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { featureScaling } from '../../src/model/featureScaling.js';
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
