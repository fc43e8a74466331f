import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import type { Penalty } from '../../src/options/trainOptions.js';
import { train } from '../../src/model/train.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/** One fit of scripts/r-glm-parity.R; null where R prints NA (aliased columns). */
interface RFit {
  coef_names: string[];
  coefficients: (number | null)[];
  std_errors: (number | null)[];
  z_values: (number | null)[];
  p_values: (number | null)[];
  wald_lower: (number | null)[];
  wald_upper: (number | null)[];
  aliased: boolean[];
  rank: number;
  deviance: number;
  null_deviance: number;
  aic: number;
  bic: number;
  loglik: number;
  lr_df: number;
  nobs: number;
  profile_lower?: number[];
  profile_upper?: number[];
  score_norm?: number;
}

/**
 * R 4.2.2 `glm(control = glm.control(epsilon = 1e-14))` (standard errors at the estimate) and
 * brglm2 0.9 `brglmFit(type = "AS_mean", epsilon = 1e-12)` on data sets from R's MASS, datasets
 * and mlbench packages, none used to tune the solver: scripts/r-glm-parity.R.
 */
const r = loadJson<Record<string, RFit>>('r_glm_parity.json');

/** The design of test/fixtures/parity_<name>.csv, with its weight column `w` taken out. */
export function parityData(name: string): {
  X: Matrix;
  y: number[];
  featureNames: string[];
  sampleWeight?: number[];
} {
  const ds = loadDataset(`parity_${name}`);
  const wi = ds.featureNames.indexOf('w');
  if (wi < 0) return ds;
  const p = ds.X.cols - 1;
  const data = new Float64Array(ds.X.rows * p);
  const sampleWeight: number[] = [];
  for (let i = 0; i < ds.X.rows; i++) {
    let k = 0;
    for (let j = 0; j < ds.X.cols; j++) {
      const v = ds.X.data[i * ds.X.cols + j];
      if (j === wi) sampleWeight.push(v);
      else data[i * p + k++] = v;
    }
  }
  return {
    X: { rows: ds.X.rows, cols: p, data },
    y: ds.y,
    featureNames: ds.featureNames.filter((n) => n !== 'w'),
    sampleWeight,
  };
}

/** R's column with NA (null) read as NaN. */
function values(column: readonly (number | null)[]): number[] {
  return column.map((v) => v ?? NaN);
}

/** max over k of |a_k − b_k| / max(|b_k|, se_k). */
function boundError(a: readonly number[], b: readonly number[], se: readonly number[]): number {
  return Math.max(...b.map((v, k) => Math.abs(a[k] - v) / Math.max(Math.abs(v), se[k])));
}

const cases: readonly (readonly [string, string, Penalty])[] = [
  ['birthwt', 'birthwt', 'none'],
  ['infert', 'infert', 'none'],
  ['biopsy', 'biopsy', 'none'],
  ['esoph_weighted', 'esoph_weighted', 'none'],
  ['mtcars', 'mtcars', 'none'],
  ['birthwt_firth', 'birthwt', 'firth'],
  ['sonar_firth', 'sonar', 'firth'],
];

describe('default maximum-likelihood and Firth fits match R to 1e-8 relative', () => {
  for (const [key, file, penalty] of cases) {
    it(`${key}: estimates, standard errors, z, p-values, Wald and profile intervals, likelihoods`, () => {
      const ref = r[key];
      const data = parityData(file);
      // Default options only (no tolerance, no solver): what a new user gets.
      const model = train(data.X, data.y, {
        penalty,
        featureNames: data.featureNames,
        ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
        ...(ref.profile_lower === undefined ? {} : { profileConfidenceLevel: 0.95 }),
      });
      expect(model.fitReport.solver).toBe('newton');
      expect(model.fitReport.converged).toBe(true);
      expect(model.fitReport.gradientNorm).toBeLessThan(1e-10);
      const s = model.summary();
      const column = (f: (c: (typeof s.coefficients)[number]) => number | null): number[] =>
        s.coefficients.map((c) => f(c) ?? NaN);
      expect(s.coefficients.map((c) => c.name.replace(/[^A-Za-z0-9]/g, '.'))).toEqual(
        ref.coef_names.map((n) => n.replace(/[^A-Za-z0-9]/g, '.')),
      );
      const tol = 1e-8;
      expect(
        maxRelativeError(
          column((c) => c.estimate),
          values(ref.coefficients),
        ),
      ).toBeLessThan(tol);
      expect(
        maxRelativeError(
          column((c) => c.stdError),
          values(ref.std_errors),
        ),
      ).toBeLessThan(tol);
      expect(
        maxRelativeError(
          column((c) => c.z),
          values(ref.z_values),
        ),
      ).toBeLessThan(tol);
      expect(
        maxRelativeError(
          column((c) => c.pValue),
          values(ref.p_values),
        ),
      ).toBeLessThan(tol);
      // Interval bounds relative to max(|bound|, standard error): a bound near 0 has no relative scale.
      const se = values(ref.std_errors);
      expect(
        boundError(
          column((c) => c.ciLower),
          values(ref.wald_lower),
          se,
        ),
      ).toBeLessThan(tol);
      expect(
        boundError(
          column((c) => c.ciUpper),
          values(ref.wald_upper),
          se,
        ),
      ).toBeLessThan(tol);
      expect(Math.abs(s.logLikelihood - ref.loglik) / Math.abs(ref.loglik)).toBeLessThan(tol);
      expect(Math.abs(s.deviance - ref.deviance) / ref.deviance).toBeLessThan(tol);
      expect(s.nObservations).toBe(ref.nobs);
      if (penalty === 'none') {
        // (brglm2's null deviance is that of a bias-reduced intercept-only fit.)
        expect(Math.abs(s.nullDeviance - ref.null_deviance) / ref.null_deviance).toBeLessThan(tol);
        expect(Math.abs(s.aic! - ref.aic) / ref.aic).toBeLessThan(tol);
        // R's BIC() counts rows of weight 0 (logLik.glm's nobs); the summary uses nobs(), as R's
        // own nobs() does: the same where no weight is 0.
        const bic = -2 * ref.loglik + ref.rank * Math.log(ref.nobs);
        if (data.sampleWeight?.includes(0) !== true) expect(bic).toBeCloseTo(ref.bic, 9);
        expect(Math.abs(s.bic! - bic) / bic).toBeLessThan(tol);
        expect(s.lrDf).toBe(ref.lr_df);
      }
      if (ref.profile_lower !== undefined && ref.profile_upper !== undefined) {
        const sp = model.summary({ ci: 'profile' });
        const lower = sp.coefficients.map((c) => c.ciLower ?? NaN);
        const upper = sp.coefficients.map((c) => c.ciUpper ?? NaN);
        expect(boundError(lower, ref.profile_lower, se)).toBeLessThan(tol);
        expect(boundError(upper, ref.profile_upper, se)).toBeLessThan(tol);
      }
    });
  }

  it('Firth on ill-conditioned Sonar (208 × 60) does not stop while the modified score is large', () => {
    const data = parityData('sonar');
    const model = train(data.X, data.y, { penalty: 'firth', featureNames: data.featureNames });
    expect(model.fitReport.converged).toBe(true);
    // brglm2 reaches a score of 5e-15; so does the fit (mean scale, scaled coordinates).
    expect(r.sonar_firth.score_norm).toBeLessThan(1e-12);
    expect(model.fitReport.gradientNorm).toBeLessThan(1e-12);
  });

  it('a fit stopped by maxIterations reports not converged, with the score norm reached', () => {
    const data = parityData('sonar');
    const model = train(data.X, data.y, {
      penalty: 'firth',
      featureNames: data.featureNames,
      maxIterations: 5,
    });
    expect(model.fitReport.converged).toBe(false);
    expect(model.fitReport.stopReason).toBe('max-iterations');
    expect(model.fitReport.warnings.join('\n')).toMatch(
      /newton did not converge: reached maxIterations \(5\).*score norm reached \d\.\d\de-\d+/,
    );
  });
});
