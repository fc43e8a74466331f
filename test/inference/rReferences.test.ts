import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

interface RFit {
  coef_names: string[];
  coefficients: number[];
  std_errors: number[];
  z_values: number[];
  p_values: number[];
  deviance: number;
  null_deviance: number;
  aic: number;
  loglik: number;
  profile_lower?: number[];
  profile_upper?: number[];
  features?: string[];
}

/** Computed by scripts/r-references.R (R 4.2.2, brglm2 0.9, MASS 7.3); see test/fixtures/README.md. */
const r = loadJson<Record<string, RFit>>('r_inference.json');

describe('Firth bias-reduced fits match R brglm2 (type = "AS_mean")', () => {
  it('pima, all features: estimates and standard errors to 1e-6 relative', () => {
    const pima = loadDataset('pima');
    const ref = r.pima_firth;
    const model = train(pima.X, pima.y, {
      penalty: 'firth',
      tolerance: 1e-10,
      featureNames: pima.featureNames,
    });
    const s = model.summary();
    expect(s.coefficients.map((c) => c.name)).toEqual(ref.coef_names);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.estimate),
        ref.coefficients,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError ?? NaN),
        ref.std_errors,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.z ?? NaN),
        ref.z_values,
      ),
    ).toBeLessThan(1e-6);
  });

  it('separated breast-cancer data: finite estimates that match brglm2', () => {
    const ref = r.breast_cancer5_firth;
    const bc = loadDataset('breast_cancer');
    const cols = ref.features!.map((f) => bc.featureNames.indexOf(f));
    const X = Array.from({ length: bc.X.rows }, (_, i) =>
      cols.map((j) => bc.X.data[i * bc.X.cols + j]),
    );
    const model = train(X, bc.y, {
      penalty: 'firth',
      tolerance: 1e-10,
      featureNames: ref.features!,
    });
    expect(model.fitReport.converged).toBe(true);
    const s = model.summary();
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.estimate),
        ref.coefficients,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError ?? NaN),
        ref.std_errors,
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('categorical predictors and weights match R glm', () => {
  it('treatment-coded age groups with weights 1, 2, 3: estimates, SEs, deviance, AIC', () => {
    const ref = r.pima_categorical_weighted;
    const path = fileURLToPath(new URL('../fixtures/pima_categorical.csv', import.meta.url));
    const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
    const X: number[][] = [];
    const y: number[] = [];
    const w: number[] = [];
    for (const line of lines) {
      const [pregnant, glucose, mass, pedigree, age, weight, label] = line.split(',');
      // R's treatment contrasts: "21-30" is the reference level.
      X.push([
        +pregnant,
        +glucose,
        +mass,
        +pedigree,
        age === '31-45' ? 1 : 0,
        age === '46+' ? 1 : 0,
      ]);
      w.push(+weight);
      y.push(+label);
    }
    const names = ['pregnant', 'glucose', 'mass', 'pedigree', 'age_group31-45', 'age_group46+'];
    const model = train(X, y, {
      penalty: 'none',
      solver: 'newton',
      tolerance: 1e-10,
      sampleWeight: w,
      featureNames: names,
    });
    const s = model.summary();
    expect(s.coefficients.map((c) => c.name)).toEqual(ref.coef_names);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.estimate),
        ref.coefficients,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError ?? NaN),
        ref.std_errors,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.pValue ?? NaN),
        ref.p_values,
        1e-300,
      ),
    ).toBeLessThan(1e-5);
    expect(s.deviance).toBeCloseTo(ref.deviance, 6);
    expect(s.nullDeviance).toBeCloseTo(ref.null_deviance, 6);
    expect(s.aic).toBeCloseTo(ref.aic, 6);
  });
});

describe('profile-likelihood intervals agree with R confint(glm)', () => {
  it("pima at 95 %: within R's own interpolation error (1e-3 of the interval width)", () => {
    const ref = r.pima_profile;
    const pima = loadDataset('pima');
    const model = train(pima.X, pima.y, {
      penalty: 'none',
      solver: 'newton',
      tolerance: 1e-10,
      profileConfidenceLevel: 0.95,
    });
    const s = model.summary({ ci: 'profile' });
    s.coefficients.forEach((c, k) => {
      const width = ref.profile_upper![k] - ref.profile_lower![k];
      expect(Math.abs(c.ciLower! - ref.profile_lower![k])).toBeLessThan(1e-3 * width);
      expect(Math.abs(c.ciUpper! - ref.profile_upper![k])).toBeLessThan(1e-3 * width);
    });
  });
});
