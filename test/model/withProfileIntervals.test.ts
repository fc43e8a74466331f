import { describe, expect, it } from 'vitest';
import { OptionError, ValueError } from '../../src/errors.js';
import { train } from '../../src/model/train.js';
import { withProfileIntervals } from '../../src/model/withProfileIntervals.js';
import { loadDataset, maxRelativeError } from '../helpers/fixtures.js';

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

describe('withProfileIntervals: profile intervals of a saved model from its training data', () => {
  const d = rows('margins_spector');

  it('gives the bounds that training with profileConfidenceLevel stores (maximum likelihood and Firth)', () => {
    for (const penalty of ['none', 'firth'] as const) {
      const stored = train(d.X, d.y, {
        penalty,
        featureNames: d.names,
        profileConfidenceLevel: 0.9,
      });
      const later = withProfileIntervals(
        train(d.X, d.y, { penalty, featureNames: d.names }),
        d.X,
        d.y,
        {
          level: 0.9,
        },
      );
      const a = stored.summary({ ci: 'profile', level: 0.9 }).coefficients;
      const b = later.summary({ ci: 'profile', level: 0.9 }).coefficients;
      expect(
        maxRelativeError(
          b.map((c) => c.ciLower!),
          a.map((c) => c.ciLower!),
        ),
      ).toBeLessThan(1e-12);
      expect(
        maxRelativeError(
          b.map((c) => c.ciUpper!),
          a.map((c) => c.ciUpper!),
        ),
      ).toBeLessThan(1e-12);
    }
  });

  it('keeps what the model stores (its robust covariance) and its offset', () => {
    const offset = d.X.map((r) => r[1] / 10);
    const model = train(d.X, d.y, {
      penalty: 'none',
      featureNames: d.names,
      covariance: { type: 'hc1' },
      offset,
      offsetName: 'o',
    });
    const later = withProfileIntervals(model, d.X, d.y, { offset });
    expect(later.inference!.robust).toEqual(model.inference!.robust);
    expect(later.offset).toBe('o');
    expect(later.inference!.profile!.level).toBe(0.95);
    expect(() => withProfileIntervals(model, d.X, d.y)).toThrow(OptionError);
  });

  it('refuses data that do not give the stored fit, and penalized models', () => {
    const model = train(d.X, d.y, { penalty: 'none', featureNames: d.names });
    const edited = d.X.map((r, i) => (i === 3 ? [r[0] + 0.1, r[1], r[2]] : r));
    expect(() => withProfileIntervals(model, edited, d.y)).toThrow(
      "withProfileIntervals: the data do not give the model's fit (feature 'GPA' differs)",
    );
    const flipped = d.y.map((v, i) => (i === 0 ? 1 - v : v));
    expect(() => withProfileIntervals(model, d.X, flipped)).toThrow(ValueError);
    const l2 = train(d.X, d.y, { featureNames: d.names });
    expect(() => withProfileIntervals(l2, d.X, d.y)).toThrow(/penalty 'l2'/);
  });
});
