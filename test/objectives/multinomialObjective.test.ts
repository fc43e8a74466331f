import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import { logSumExp } from '../../src/math/logSumExp.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { MultinomialObjective } from '../../src/objectives/multinomialObjective.js';
import { seededRandom } from '../helpers/fixtures.js';
import {
  expectGradientMatchesFiniteDifferences,
  expectHessianAgreesWithProduct,
  expectHessianVectorProductMatchesFiniteDifferences,
} from '../helpers/derivativeChecks.js';

const K = 3;
const P = 4;

function problem(
  seed: number,
  m: number,
  weighted: boolean,
): { X: Matrix; y: Int32Array; s: Float64Array | undefined } {
  const rand = seededRandom(seed);
  const data = new Float64Array(m * P);
  // Columns on different scales and offsets, as in real data.
  for (let i = 0; i < m; i++)
    for (let j = 0; j < P; j++) data[i * P + j] = (rand() - 0.3) * 10 ** (j % 3) + j;
  const y = new Int32Array(m).map(() => Math.floor(rand() * K));
  const s = weighted ? new Float64Array(m).map(() => rand() * 3) : undefined;
  return { X: { rows: m, cols: P, data }, y, s };
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
    l2: 0.1,
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
    name: 'standardized without intercept, weighted',
    fitIntercept: false,
    weighted: true,
    l2: 0.05,
    penalizeScaled: true,
    scaled: true,
  },
];

/** The objective written out directly from its definition, on original-unit (W, b). */
function directObjective(
  X: Matrix,
  y: Int32Array,
  s: Float64Array | undefined,
  W: Float64Array,
  b: Float64Array,
  l2: number,
  penalized: Float64Array,
): number {
  let loss = 0;
  let total = 0;
  const z = new Float64Array(K);
  for (let i = 0; i < X.rows; i++) {
    for (let k = 0; k < K; k++) {
      z[k] = b[k];
      for (let j = 0; j < P; j++) z[k] += W[k * P + j] * X.data[i * P + j];
    }
    const si = s === undefined ? 1 : s[i];
    loss += si * (logSumExp(z) - z[y[i]]);
    total += si;
  }
  let pen = 0;
  for (const t of penalized) pen += t * t;
  return loss / total + 0.5 * l2 * pen;
}

describe('MultinomialObjective', () => {
  for (const c of cases) {
    const { X, y, s } = problem(7, 40, c.weighted);
    const scaling = c.scaled
      ? featureScaling(X, s, c.fitIntercept)
      : { center: new Float64Array(P), scale: new Float64Array(P).fill(1) };
    const objective = new MultinomialObjective({
      X,
      y,
      classCount: K,
      sampleWeight: s,
      fitIntercept: c.fitIntercept,
      l2: c.l2,
      center: scaling.center,
      scale: scaling.scale,
      penalizeScaled: c.penalizeScaled,
    });
    const d = objective.dimension;
    const q = objective.stride;
    const rand = seededRandom(11);
    const theta = new Float64Array(d).map(() => (rand() - 0.5) * (c.scaled ? 1 : 0.1));
    const v = new Float64Array(d).map(() => rand() - 0.5);

    it(`has K blocks of p (+ 1) parameters (${c.name})`, () => {
      expect(q).toBe(P + (c.fitIntercept ? 1 : 0));
      expect(d).toBe(K * q);
    });

    it(`gradient matches central finite differences (${c.name})`, () => {
      expectGradientMatchesFiniteDifferences(objective, theta);
    });

    it(`Hessian-vector product matches finite differences of the gradient (${c.name})`, () => {
      expectHessianVectorProductMatchesFiniteDifferences(objective, theta, v);
    });

    it(`the full Hessian times v equals the Hessian-vector product, and is symmetric (${c.name})`, () => {
      expectHessianAgreesWithProduct(objective, theta, v);
    });

    it(`on centred parameters (Σₖ θₖ = 0) equals the direct formula (${c.name})`, () => {
      const centred = Float64Array.from(theta);
      for (let a = 0; a < q; a++) {
        let mean = 0;
        for (let k = 0; k < K; k++) mean += centred[k * q + a] / K;
        for (let k = 0; k < K; k++) centred[k * q + a] -= mean;
      }
      const W = new Float64Array(K * P);
      const b = new Float64Array(K);
      objective.toOriginal(centred, W, b);
      const penalized = c.penalizeScaled
        ? Float64Array.from({ length: K * P }, (_, t) => centred[Math.floor(t / P) * q + (t % P)])
        : W;
      const expected = directObjective(X, y, s, W, b, c.l2, penalized);
      const got = objective.valueAndGradient(centred, new Float64Array(d));
      expect(Math.abs(got - expected)).toBeLessThan(1e-13 * Math.abs(expected));
    });

    it(`does not mutate its inputs (${c.name})`, () => {
      const frozenTheta = Float64Array.from(theta);
      const frozenV = Float64Array.from(v);
      objective.valueAndGradient(theta, new Float64Array(d));
      objective.hessianVectorProduct(theta, v, new Float64Array(d));
      expect(theta).toEqual(frozenTheta);
      expect(v).toEqual(frozenV);
    });

    it(`maps coordinates to original units and back (${c.name})`, () => {
      const W = new Float64Array(K * P);
      const b = new Float64Array(K);
      objective.toOriginal(theta, W, b);
      const back = new Float64Array(d);
      objective.fromOriginal(W, b, back);
      for (let k = 0; k < d; k++) expect(back[k]).toBeCloseTo(theta[k], 12);
    });
  }

  it('the gradient sums to zero over the classes at a centred point (the gauge is inactive)', () => {
    const { X, y } = problem(3, 30, false);
    const objective = new MultinomialObjective({
      X,
      y,
      classCount: K,
      sampleWeight: undefined,
      fitIntercept: true,
      l2: 0.1,
      center: new Float64Array(P),
      scale: new Float64Array(P).fill(1),
      penalizeScaled: false,
    });
    const g = new Float64Array(objective.dimension);
    objective.valueAndGradient(new Float64Array(objective.dimension), g);
    const q = objective.stride;
    for (let a = 0; a < q; a++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += g[k * q + a];
      expect(Math.abs(sum)).toBeLessThan(1e-13);
    }
  });

  it('with two classes equals the binary objective in z₁ − z₀ (softmax generalizes the sigmoid)', () => {
    const { X } = problem(5, 25, false);
    const rand = seededRandom(9);
    const y = new Int32Array(X.rows).map(() => (rand() < 0.5 ? 1 : 0));
    const objective = new MultinomialObjective({
      X,
      y,
      classCount: 2,
      sampleWeight: undefined,
      fitIntercept: true,
      l2: 0,
      center: new Float64Array(P),
      scale: new Float64Array(P).fill(1),
      penalizeScaled: false,
    });
    const theta = new Float64Array(objective.dimension).map(() => rand() - 0.5);
    const f = objective.valueAndGradient(theta, new Float64Array(objective.dimension));
    let gauge = 0;
    for (let a = 0; a <= P; a++) gauge += (theta[a] + theta[P + 1 + a]) ** 2;
    let loss = 0;
    for (let i = 0; i < X.rows; i++) {
      let zd = theta[2 * P + 1] - theta[P];
      for (let j = 0; j < P; j++) zd += (theta[P + 1 + j] - theta[j]) * X.data[i * P + j];
      loss += Math.log1p(Math.exp(zd)) - y[i] * zd;
    }
    expect(f).toBeCloseTo(loss / X.rows + 0.25 * gauge, 13);
  });
});
