import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { formatSummary } from '../../src/inference/formatSummary.js';
import { OptionError } from '../../src/errors.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

interface GlmFit {
  coef_names: string[];
  coefficients: Record<string, number>;
  std_errors: Record<string, number>;
  z_values: Record<string, number>;
  p_values: Record<string, number>;
  deviance: number;
  null_deviance: number;
  aic: number;
  loglik: number;
  n: number;
}

const glm = loadJson<{ pima: { tight: GlmFit } }>('glm_unpenalized.json').pima.tight;
const pima = loadDataset('pima');
const names = glm.coef_names;
const ref = (field: Record<string, number>): number[] => names.map((n) => field[n]);

describe('summary of an unpenalized fit matches R summary(glm(y ~ ., binomial)) on pima', () => {
  for (const solver of ['newton', 'lbfgs'] as const) {
    const model = train(pima.X, pima.y, {
      penalty: 'none',
      solver,
      tolerance: 1e-10,
      featureNames: pima.featureNames,
    });
    const s = model.summary();
    it(`${solver}: estimates, standard errors, z values and p-values to 1e-6 relative`, () => {
      expect(s.coefficients.map((c) => c.name)).toEqual(names);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.estimate),
          ref(glm.coefficients),
        ),
      ).toBeLessThan(1e-6);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.stdError ?? NaN),
          ref(glm.std_errors),
        ),
      ).toBeLessThan(1e-6);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.z ?? NaN),
          ref(glm.z_values),
        ),
      ).toBeLessThan(1e-6);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.pValue ?? NaN),
          ref(glm.p_values),
          1e-300,
        ),
      ).toBeLessThan(1e-5);
    });
    it(`${solver}: deviance, null deviance, AIC and log-likelihood`, () => {
      expect(s.deviance).toBeCloseTo(glm.deviance, 7);
      expect(s.nullDeviance).toBeCloseTo(glm.null_deviance, 8);
      expect(s.aic).toBeCloseTo(glm.aic, 7);
      expect(s.logLikelihood).toBeCloseTo(glm.loglik, 7);
      expect(s.nObservations).toBe(glm.n);
      expect(s.bic).toBeCloseTo(glm.deviance + 9 * Math.log(768), 6);
      expect(s.lrDf).toBe(8);
      expect(s.lrStatistic).toBeCloseTo(glm.null_deviance - glm.deviance, 6);
      expect(s.pseudoR2).toBeCloseTo(1 - glm.deviance / glm.null_deviance, 10);
    });
  }

  it('Wald intervals are estimate ± 1.959964·se, odds ratios their exponentials', () => {
    const model = train(pima.X, pima.y, { penalty: 'none', solver: 'newton', tolerance: 1e-10 });
    const s = model.summary({ level: 0.9 });
    for (const c of s.coefficients) {
      expect(c.ciLower).toBeCloseTo(c.estimate - 1.6448536269514722 * (c.stdError ?? NaN), 12);
      expect(c.ciUpper).toBeCloseTo(c.estimate + 1.6448536269514722 * (c.stdError ?? NaN), 12);
      expect(c.oddsRatio).toBe(Math.exp(c.estimate));
      expect(c.oddsRatioLower).toBe(Math.exp(c.ciLower ?? NaN));
    }
  });

  it('works from the model JSON alone, without the data', () => {
    const model = train(pima.X, pima.y, {
      penalty: 'none',
      solver: 'newton',
      tolerance: 1e-10,
      featureNames: pima.featureNames,
    });
    const copy = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.summary()).toEqual(model.summary());
    const text = formatSummary(copy.summary());
    expect(text).toMatch(/^Coefficients:/);
    expect(text).toMatch(/\(Intercept\)\s+-8\.40470\s+0\.716636\s+-11\.728\s+<2e-16\s+\*\*\*/);
    expect(text).toMatch(/Residual deviance: 723\.45/);
    expect(text).toMatch(/AIC: 741\.45/);
  });

  it('respects sample weights: integer weights equal duplicated rows', () => {
    const X = [] as number[][];
    const y = [] as number[];
    const w = [] as number[];
    const Xd = [] as number[][];
    const yd = [] as number[];
    for (let i = 0; i < 200; i++) {
      const row = [pima.X.data[i * 8 + 1], pima.X.data[i * 8 + 5]];
      const k = 1 + (i % 3);
      X.push(row);
      y.push(pima.y[i]);
      w.push(k);
      for (let r = 0; r < k; r++) {
        Xd.push(row);
        yd.push(pima.y[i]);
      }
    }
    const a = train(X, y, {
      penalty: 'none',
      solver: 'newton',
      tolerance: 1e-11,
      sampleWeight: w,
    }).summary();
    const b = train(Xd, yd, { penalty: 'none', solver: 'newton', tolerance: 1e-11 }).summary();
    expect(
      maxRelativeError(
        a.coefficients.map((c) => c.stdError ?? NaN),
        b.coefficients.map((c) => c.stdError ?? NaN),
      ),
    ).toBeLessThan(1e-7);
    expect(a.deviance).toBeCloseTo(b.deviance, 7);
    expect(a.nObservations).toBe(200);
    expect(b.nObservations).toBe(399);
  });
});

describe('summary of penalized fits', () => {
  it('shows estimates but no invented standard errors', () => {
    const model = train(pima.X, pima.y, { penalty: 'l2', C: 1, featureNames: pima.featureNames });
    const s = model.summary();
    expect(s.coefficients[0].name).toBe('(Intercept)');
    for (const c of s.coefficients) {
      expect(c.stdError).toBeNull();
      expect(c.pValue).toBeNull();
      expect(c.ciLower).toBeNull();
    }
    expect(s.aic).toBeNull();
    expect(s.notes[0]).toMatch(/Wald standard errors.*do not apply/);
    expect(formatSummary(s)).not.toMatch(/\*\*\*/);
  });

  it('rejects a bad level and profile intervals that were not computed', () => {
    const model = train(pima.X, pima.y, { penalty: 'none', solver: 'newton' });
    expect(() => model.summary({ level: 1.5 })).toThrow(OptionError);
    expect(() => model.summary({ ci: 'profile' })).toThrow(
      /train with profileConfidenceLevel: 0.95/,
    );
  });
});

describe('profile-likelihood confidence intervals', () => {
  const model = train(pima.X, pima.y, {
    penalty: 'none',
    solver: 'newton',
    tolerance: 1e-10,
    featureNames: pima.featureNames,
    profileConfidenceLevel: 0.95,
  });
  const profile = model.summary({ ci: 'profile' });
  const wald = model.summary();

  it('bound the estimate and lie close to the Wald intervals on 768 rows', () => {
    for (let k = 0; k < profile.coefficients.length; k++) {
      const c = profile.coefficients[k];
      const w = wald.coefficients[k];
      expect(c.ciLower!).toBeLessThan(c.estimate);
      expect(c.ciUpper!).toBeGreaterThan(c.estimate);
      const width = w.ciUpper! - w.ciLower!;
      expect(Math.abs(c.ciLower! - w.ciLower!)).toBeLessThan(0.1 * width);
      expect(Math.abs(c.ciUpper! - w.ciUpper!)).toBeLessThan(0.1 * width);
    }
  });

  it('at each bound the likelihood-ratio statistic equals the χ²₁ 95 % quantile 3.841459', () => {
    // Refit with the coefficient fixed at its bound (via an offset: the column times the bound).
    const j = 1; // glucose
    const c = profile.coefficients[j + 1];
    for (const bound of [c.ciLower!, c.ciUpper!]) {
      const p = pima.X.cols;
      const rows: number[][] = [];
      const offsets: number[] = [];
      for (let i = 0; i < pima.X.rows; i++) {
        const r = Array.from(pima.X.data.subarray(i * p, (i + 1) * p));
        offsets.push(r[j] * bound);
        r.splice(j, 1);
        rows.push(r);
      }
      // Maximize over the other coefficients with a plain Newton oracle written here.
      const start = [...model.coefficients.filter((_, k) => k !== j), model.intercept];
      const loglik = profileLogLikelihood(rows, pima.y, offsets, start);
      expect(2 * (wald.logLikelihood - loglik)).toBeCloseTo(3.841458820694124, 6);
    }
  });
});

/** max over (w, b) of Σ log p(yᵢ) with logits xᵢ·w + b + offsetᵢ, by plain Newton (test oracle). */
function profileLogLikelihood(
  X: number[][],
  y: number[],
  offset: number[],
  start: number[],
): number {
  const p = X[0].length + 1;
  const beta = [...start];
  const row = (i: number): number[] => [...X[i], 1];
  let ll = 0;
  for (let it = 0; it < 100; it++) {
    const g = new Array<number>(p).fill(0);
    const H = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    ll = 0;
    for (let i = 0; i < X.length; i++) {
      const x = row(i);
      const z = x.reduce((s, v, k) => s + v * beta[k], offset[i]);
      const mu = 1 / (1 + Math.exp(-z));
      ll -= y[i] === 1 ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      for (let a = 0; a < p; a++) {
        g[a] += (y[i] - mu) * x[a];
        for (let b = 0; b < p; b++) H[a][b] += mu * (1 - mu) * x[a] * x[b];
      }
    }
    // Solve H·step = g by Gaussian elimination.
    const A = H.map((r, a) => [...r, g[a]]);
    for (let c = 0; c < p; c++) {
      let piv = c;
      for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
      [A[c], A[piv]] = [A[piv], A[c]];
      for (let r = 0; r < p; r++) {
        if (r === c) continue;
        const f = A[r][c] / A[c][c];
        for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
      }
    }
    let change = 0;
    for (let a = 0; a < p; a++) {
      const step = A[a][p] / A[a][a];
      beta[a] += step;
      change = Math.max(change, Math.abs(step));
    }
    if (change < 1e-12) break;
  }
  return ll;
}
