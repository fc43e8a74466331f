import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/**
 * Held-out data for the default Newton stopping rule (its tolerance was chosen on the fixtures
 * of scripts/r-glm-parity.R): R's glm on pima (glm_unpenalized.json, epsilon 1e-14) and brglm2
 * Firth fits on pima and five breast-cancer features (r_inference.json), all with default options.
 */
interface GlmFit {
  coef_names: string[];
  coefficients: Record<string, number>;
  std_errors: Record<string, number>;
}
interface RFit {
  coefficients: number[];
  std_errors: number[];
  features?: string[];
}
const glm = loadJson<{ pima: { tight: GlmFit } }>('glm_unpenalized.json').pima.tight;
const r = loadJson<Record<string, RFit>>('r_inference.json');

/** R's standard errors come from its last iteration's start, not the estimate: ~1e-9 apart. */
const SE_TOLERANCE = 1e-8;

describe('default fits on held-out R references', () => {
  it('pima, maximum likelihood: estimates to 1e-8 relative', () => {
    const pima = loadDataset('pima');
    const s = train(pima.X, pima.y, { penalty: 'none', featureNames: pima.featureNames }).summary();
    const ref = (f: Record<string, number>): number[] => glm.coef_names.map((n) => f[n]);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.estimate),
        ref(glm.coefficients),
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError ?? NaN),
        ref(glm.std_errors),
      ),
    ).toBeLessThan(SE_TOLERANCE);
  });

  it('Firth on pima and on separated breast-cancer features: estimates to 1e-8 relative of brglm2', () => {
    const pima = loadDataset('pima');
    const a = train(pima.X, pima.y, { penalty: 'firth' }).summary();
    expect(
      maxRelativeError(
        a.coefficients.map((c) => c.estimate),
        r.pima_firth.coefficients,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        a.coefficients.map((c) => c.stdError ?? NaN),
        r.pima_firth.std_errors,
      ),
    ).toBeLessThan(SE_TOLERANCE);
    const ref = r.breast_cancer5_firth;
    const bc = loadDataset('breast_cancer');
    const cols = ref.features!.map((f) => bc.featureNames.indexOf(f));
    const X = Array.from({ length: bc.X.rows }, (_, i) =>
      cols.map((j) => bc.X.data[i * bc.X.cols + j]),
    );
    const b = train(X, bc.y, { penalty: 'firth' }).summary();
    expect(
      maxRelativeError(
        b.coefficients.map((c) => c.estimate),
        ref.coefficients,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        b.coefficients.map((c) => c.stdError ?? NaN),
        ref.std_errors,
      ),
    ).toBeLessThan(SE_TOLERANCE);
  });
});
