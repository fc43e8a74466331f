import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { seededRandom } from '../helpers/fixtures.js';

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
      const g = new Float64Array(d);
      objective.valueAndGradient(theta, g);
      const tmp = new Float64Array(d);
      for (let k = 0; k < d; k++) {
        const h = 1e-6;
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[k] += h;
        minus[k] -= h;
        const fd =
          (objective.valueAndGradient(plus, tmp) - objective.valueAndGradient(minus, tmp)) /
          (2 * h);
        expect(Math.abs(g[k] - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
      }
    });

    it(`Hessian-vector product matches finite differences of the gradient (${c.name})`, () => {
      const hv = new Float64Array(d);
      objective.hessianVectorProduct(theta, v, hv);
      const h = 1e-6;
      const gp = new Float64Array(d);
      const gm = new Float64Array(d);
      objective.valueAndGradient(
        theta.map((t, k) => t + h * v[k]),
        gp,
      );
      objective.valueAndGradient(
        theta.map((t, k) => t - h * v[k]),
        gm,
      );
      for (let k = 0; k < d; k++) {
        const fd = (gp[k] - gm[k]) / (2 * h);
        expect(Math.abs(hv[k] - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
      }
    });

    it(`the full Hessian times v equals the Hessian-vector product (${c.name})`, () => {
      const H = new Float64Array(d * d);
      objective.hessian(theta, H);
      const hv = new Float64Array(d);
      objective.hessianVectorProduct(theta, v, hv);
      for (let a = 0; a < d; a++) {
        let s2 = 0;
        for (let b = 0; b < d; b++) s2 += H[a * d + b] * v[b];
        expect(Math.abs(s2 - hv[a])).toBeLessThan(1e-10 * Math.max(1, Math.abs(hv[a])));
        for (let b = 0; b < d; b++) expect(H[a * d + b]).toBe(H[b * d + a]);
      }
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
