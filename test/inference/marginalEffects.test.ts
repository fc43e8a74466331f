import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { marginalEffects } from '../../src/inference/marginalEffects.js';
import { train } from '../../src/model/train.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/**
 * statsmodels 0.13.5 (scripts/statsmodels-margins.py): Logit(...).get_margeff(at='overall') on
 * statsmodels' `fair` (6366 rows, 8 features) and Spector & Mazzeo's data (32 rows; also with
 * dummy=True, PSI as a discrete change). statsmodels forms the Jacobian by complex-step
 * differentiation, exact to rounding, so the delta-method standard errors agree to 1e-8 too.
 */
interface Effects {
  names: string[];
  effect: number[];
  std_error: number[];
  z: number[];
  p: number[];
  lower: number[];
  upper: number[];
}
const ref = loadJson<{
  fair: { coefficients: number[]; overall: Effects };
  spector: { coefficients: number[]; overall: Effects; dummy: Effects };
}>('statsmodels_margins.json');

function rows(name: string) {
  const data = loadDataset(name);
  return {
    X: Array.from({ length: data.X.rows }, (_, i) =>
      Array.from(data.X.data.subarray(i * data.X.cols, (i + 1) * data.X.cols)),
    ),
    y: data.y,
    names: data.featureNames,
  };
}

function expectEqual(ours: ReturnType<typeof marginalEffects>, theirs: Effects): void {
  expect(ours.effects.map((e) => e.feature)).toEqual(theirs.names);
  const col = (key: 'effect' | 'stdError' | 'z' | 'pValue' | 'ciLower' | 'ciUpper') =>
    ours.effects.map((e) => e[key] as number);
  expect(maxRelativeError(col('effect'), theirs.effect)).toBeLessThan(1e-8);
  expect(maxRelativeError(col('stdError'), theirs.std_error)).toBeLessThan(1e-8);
  expect(maxRelativeError(col('z'), theirs.z)).toBeLessThan(1e-8);
  expect(maxRelativeError(col('pValue'), theirs.p)).toBeLessThan(1e-7);
  expect(maxRelativeError(col('ciLower'), theirs.lower)).toBeLessThan(1e-8);
  expect(maxRelativeError(col('ciUpper'), theirs.upper)).toBeLessThan(1e-8);
}

describe("marginalEffects: equal to statsmodels get_margeff(at='overall') to 1e-8 relative", () => {
  it('fair: derivatives of eight continuous features', () => {
    const d = rows('margins_fair');
    const model = train(d.X, d.y, { penalty: 'none', featureNames: d.names });
    expect(
      maxRelativeError([model.intercept, ...model.coefficients], ref.fair.coefficients),
    ).toBeLessThan(1e-8);
    expectEqual(model.marginalEffects(d.X), ref.fair.overall);
  });

  it('spector: derivatives, and PSI as a discrete change (dummy=True)', () => {
    const d = rows('margins_spector');
    const model = train(d.X, d.y, { penalty: 'none', featureNames: d.names });
    expectEqual(marginalEffects(model, d.X), ref.spector.overall);
    const dummy = marginalEffects(model, d.X, { discrete: ['PSI'] });
    expectEqual(dummy, ref.spector.dummy);
    expect(dummy.effects.map((e) => e.discrete)).toEqual([false, false, true]);
  });
});

describe('marginalEffects: definitions', () => {
  const d = rows('margins_spector');
  const model = train(d.X, d.y, { penalty: 'none', featureNames: d.names });

  it('a derivative effect is the mean of p(1 − p)·β; a discrete one the mean change of p', () => {
    const p = model.positiveProbability(d.X);
    const slope = p.reduce((a, v) => a + v * (1 - v), 0) / p.length;
    const e = model.marginalEffects(d.X);
    expect(e.effects[0].effect).toBeCloseTo(slope * model.coefficients[0], 14);
    const one = model.positiveProbability(d.X.map((r) => [r[0], r[1], 1]));
    const zero = model.positiveProbability(d.X.map((r) => [r[0], r[1], 0]));
    const change = one.reduce((a, v, i) => a + v - zero[i], 0) / one.length;
    expect(model.marginalEffects(d.X, { discrete: ['PSI'] }).effects[2].effect).toBeCloseTo(
      change,
      14,
    );
  });

  it('integer weights average as repeated rows', () => {
    const weights = d.X.map((_, i) => 1 + (i % 3));
    const repeated = d.X.flatMap((r, i) => Array.from({ length: weights[i] }, () => r));
    const a = model.marginalEffects(d.X, { sampleWeight: weights, discrete: ['PSI'] });
    const b = model.marginalEffects(repeated, { discrete: ['PSI'] });
    expect(
      maxRelativeError(
        a.effects.map((e) => e.effect),
        b.effects.map((e) => e.effect),
      ),
    ).toBeLessThan(1e-12);
    expect(
      maxRelativeError(
        a.effects.map((e) => e.stdError!),
        b.effects.map((e) => e.stdError!),
      ),
    ).toBeLessThan(1e-12);
  });

  it('a penalized model gives effects without standard errors, and says why', () => {
    const l2 = train(d.X, d.y, { featureNames: d.names });
    const e = l2.marginalEffects(d.X);
    expect(e.effects.every((x) => x.stdError === null && Number.isFinite(x.effect))).toBe(true);
    expect(e.note).toMatch(/penalized fit \(l2\)/);
  });

  it('refuses an unknown discrete feature and a bad level', () => {
    expect(() => model.marginalEffects(d.X, { discrete: ['nope'] })).toThrow(
      "marginalEffects: discrete names 'nope', not a feature of the model",
    );
    expect(() => model.marginalEffects(d.X, { level: 1 })).toThrow(OptionError);
  });
});
