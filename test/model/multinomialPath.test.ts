import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { multinomialPath } from '../../src/model/multinomialPath.js';
import { train } from '../../src/model/train.js';
import type { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';

/** MASS::fgl (scripts/r-multinomial-path.R): 214 × 9, six glass types as strings. */
function loadFgl(): { X: number[][]; y: string[]; featureNames: string[] } {
  const file = fileURLToPath(new URL('../fixtures/path_fgl.csv', import.meta.url));
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const header = head.split(',');
  const cells = lines.map((line) => line.split(','));
  return {
    X: cells.map((c) => c.slice(0, -1).map(Number)),
    y: cells.map((c) => c[c.length - 1]),
    featureNames: header.slice(0, -1),
  };
}

interface SklearnPath {
  classes: string[];
  path: { C: number; coefficients: number[][]; intercepts: number[]; gradientNorm: number }[];
}
interface GlmnetPath {
  classes: string[];
  l1Ratio: number;
  fits: { C: number; coefficients: number[][]; intercepts: number[]; objective: number }[];
}

const fgl = loadFgl();

/**
 * The largest violation of the optimality conditions of scikit-learn's multinomial objective
 * divided by C·n, at original-unit (w, b): g = (1/n)·Σᵢ(pᵢ − yᵢ)xᵢ + (1 − α)/(C·n)·w must satisfy
 * g + α/(C·n)·sign(w) = 0 where w ≠ 0 and |g| ≤ α/(C·n) where w = 0; the intercepts' gradient is 0.
 */
function kktResidual(
  w: Float64Array,
  b: Float64Array,
  classes: readonly string[],
  C: number,
  alpha: number,
): number {
  const n = fgl.X.length;
  const K = classes.length;
  const p = fgl.X[0].length;
  const g = new Float64Array(K * p);
  const g0 = new Float64Array(K);
  fgl.X.forEach((x, i) => {
    const z = classes.map((_, k) => b[k] + x.reduce((s, v, j) => s + v * w[k * p + j], 0));
    const top = Math.max(...z);
    const e = z.map((v) => Math.exp(v - top));
    const sum = e.reduce((a, v) => a + v, 0);
    classes.forEach((c, k) => {
      const r = (e[k] / sum - (fgl.y[i] === c ? 1 : 0)) / n;
      g0[k] += r;
      for (let j = 0; j < p; j++) g[k * p + j] += r * x[j];
    });
  });
  const l1 = alpha / (C * n);
  let worst = Math.max(...Array.from(g0, Math.abs));
  for (let t = 0; t < K * p; t++) {
    const gt = g[t] + ((1 - alpha) / (C * n)) * w[t];
    worst = Math.max(
      worst,
      w[t] !== 0 ? Math.abs(gt + l1 * Math.sign(w[t])) : Math.max(0, Math.abs(gt) - l1),
    );
  }
  return worst;
}

describe('multinomialPath', () => {
  it("L2: equals scikit-learn's multinomial LogisticRegression at every C (fgl, raw features)", () => {
    /** scikit-learn 1.2.1 newton-cg, ‖∇‖∞ ≤ 1e-9 (scripts/sklearn-multinomial-path.py). */
    const ref = loadJson<SklearnPath>('sklearn_multinomial_path.json');
    const path = multinomialPath(fgl.X, fgl.y, {
      penalty: 'l2',
      Cs: ref.path.map((f) => f.C),
      tolerance: 1e-12,
    });
    expect(path.classes).toEqual(ref.classes);
    expect(path.converged.every(Boolean)).toBe(true);
    ref.path.forEach((fit, i) => {
      expect(path.Cs[i]).toBe(fit.C);
      // scikit-learn's newton-cg cannot get its gradient below 2e-11 to 5e-11 at C = 10 and 100
      // (nor can lbfgs), where the Hessian's smallest eigenvalue is about 1e-6: its coefficients
      // carry up to 2e-5 relative error there. Ours satisfy the optimality conditions to 1e-11.
      const tolerance = fit.C <= 1 ? 1e-6 : 3e-5;
      expect(
        kktResidual(path.coefficients[i], path.intercepts[i], path.classes as string[], fit.C, 0),
      ).toBeLessThan(1e-11);
      expect(maxRelativeError(path.coefficients[i], fit.coefficients.flat(), 1e-3)).toBeLessThan(
        tolerance,
      );
      expect(maxRelativeError(path.intercepts[i], fit.intercepts, 1e-3)).toBeLessThan(tolerance);
      expect(path.nonZero[i]).toBe(9);
    });
  });

  it('warm-started fits equal cold train fits, and the norm of w grows with C', () => {
    const Cs = [0.05, 0.5, 5];
    const path = multinomialPath(fgl.X, fgl.y, { penalty: 'l2', Cs, tolerance: 1e-11 });
    const norms = path.coefficients.map((w) => Math.hypot(...w));
    expect(norms[0]).toBeLessThan(norms[1]);
    expect(norms[1]).toBeLessThan(norms[2]);
    Cs.forEach((C, i) => {
      const model = train(fgl.X, fgl.y, {
        multiClass: 'multinomial',
        C,
        tolerance: 1e-11,
      }) as MultinomialLogisticRegressionModel;
      expect(maxRelativeError(path.coefficients[i], model.coefficients.flat(), 1e-3)).toBeLessThan(
        1e-6,
      );
    });
  });

  it("elastic net: equals glmnet family = 'multinomial' (alpha 0.5) along the grid", () => {
    /** glmnet 4.1.6, thresh 1e-14, λ = 1/(C·n) (scripts/r-multinomial-path.R). */
    const ref = loadJson<GlmnetPath>('r_glmnet_multinomial.json');
    const path = multinomialPath(fgl.X, fgl.y, {
      penalty: 'elasticnet',
      l1Ratio: ref.l1Ratio,
      Cs: ref.fits.map((f) => f.C),
      tolerance: 1e-12,
    });
    expect(path.classes).toEqual(ref.classes);
    ref.fits.forEach((fit, i) => {
      expect(path.converged[i]).toBe(true);
      // Our objective at our optimum is never above glmnet's at its own.
      expect(path.objectives[i]).toBeLessThanOrEqual(fit.objective + 1e-12);
      expect(Math.abs(path.objectives[i] - fit.objective)).toBeLessThan(1e-8);
      const ours = path.coefficients[i];
      const theirs = fit.coefficients.flat();
      // glmnet stops short of the optimum by up to 1.5e-4 relative at C = 10 (its objective is
      // 1.4e-12 above ours); ours meets the optimality conditions to 1e-10.
      expect(
        kktResidual(ours, path.intercepts[i], path.classes as string[], fit.C, ref.l1Ratio),
      ).toBeLessThan(1e-10);
      expect(maxRelativeError(ours, theirs, 1e-2)).toBeLessThan(3e-4);
      // The same zeros.
      expect(Array.from(ours, (v) => v === 0)).toEqual(theirs.map((v) => v === 0));
    });
  });

  it('L1: the default grid starts at the critical C with every coefficient 0, and features enter', () => {
    const path = multinomialPath(fgl.X, fgl.y, {
      penalty: 'l1',
      count: 8,
      span: 100,
      tolerance: 1e-10,
    });
    expect(path.Cs).toHaveLength(8);
    expect(path.nonZero[0]).toBe(0);
    expect(path.nonZero[1]).toBeGreaterThan(0);
    expect(path.nonZero[7]).toBeGreaterThanOrEqual(path.nonZero[1]);
    // Just below the critical C nothing enters; just above, something does.
    const C0 = path.Cs[0];
    expect(multinomialPath(fgl.X, fgl.y, { penalty: 'l1', Cs: [C0 * 0.999] }).nonZero[0]).toBe(0);
    expect(
      multinomialPath(fgl.X, fgl.y, { penalty: 'l1', Cs: [C0 * 1.01] }).nonZero[0],
    ).toBeGreaterThan(0);
  });

  it('does not mutate its inputs, and refuses positiveClass', () => {
    const X = Object.freeze(fgl.X.map((r) => Object.freeze([...r])));
    const y = Object.freeze([...fgl.y]);
    expect(() =>
      multinomialPath(X as number[][], y as string[], { penalty: 'l2', Cs: [1] }),
    ).not.toThrow();
    expect(() => multinomialPath(fgl.X, fgl.y, { Cs: [1], positiveClass: 'Con' })).toThrow(
      OptionError,
    );
  });
});
