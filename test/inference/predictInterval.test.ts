import { describe, expect, it } from 'vitest';
import { OptionError, ShapeError, ValueError } from '../../src/errors.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { train } from '../../src/model/train.js';
import { normalQuantile } from '../../src/stats/normalDistribution.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/** R 4.2.2 predict.glm(se.fit = TRUE), link and response scales (scripts/r-predict.R). */
interface Reference {
  link: number[];
  link_se: number[];
  probability: number[];
  probability_se: number[];
  aliased?: boolean[];
}
const r = loadJson<Record<string, Reference>>('r_predict.json');

/** A design fixture as rows, without the weight column (returned apart) and some columns. */
function load(name: string, drop: readonly string[] = []) {
  const data = loadDataset(name);
  const wAt = data.featureNames.indexOf('w');
  const keep = data.featureNames
    .map((n, j) => [n, j] as const)
    .filter(([n]) => n !== 'w' && !drop.includes(n));
  const rows = Array.from({ length: data.X.rows }, (_, i) =>
    Array.from(data.X.data.subarray(i * data.X.cols, (i + 1) * data.X.cols)),
  );
  return {
    X: rows.map((row) => keep.map(([, j]) => row[j])),
    y: data.y,
    w: wAt < 0 ? undefined : rows.map((row) => row[wAt]),
    names: keep.map(([n]) => n),
  };
}

describe('predictInterval equals R predict.glm(se.fit = TRUE) to 1e-8', () => {
  const cases = [
    ['cars93', load('predict_cars93', ['Weight2'])],
    ['cars93_aliased', load('predict_cars93')],
    ['menarche', load('predict_menarche')],
  ] as const;
  for (const [name, data] of cases) {
    it(name, () => {
      const model = train(data.X, data.y, {
        penalty: 'none',
        featureNames: data.names,
        ...(data.w === undefined ? {} : { sampleWeight: data.w }),
      });
      if (name === 'cars93_aliased') {
        expect(model.fitReport.aliased).toEqual(r[name].aliased!.slice(1));
      }
      const ref = r[name];
      const out = model.predictInterval(data.X);
      expect(maxRelativeError(out.link, ref.link)).toBeLessThan(1e-8);
      expect(maxRelativeError(out.linkStdError, ref.link_se)).toBeLessThan(1e-8);
      expect(maxRelativeError(out.probability, ref.probability)).toBeLessThan(1e-8);
      expect(maxRelativeError(out.probabilityStdError, ref.probability_se)).toBeLessThan(1e-8);
      // The interval: the link ∓ q·se, and σ of its endpoints.
      const q = normalQuantile(0.975);
      for (let i = 0; i < out.link.length; i++) {
        expect(out.linkLower[i]).toBeCloseTo(ref.link[i] - q * ref.link_se[i], 7);
        expect(out.probabilityUpper[i]).toBeCloseTo(
          1 / (1 + Math.exp(-(ref.link[i] + q * ref.link_se[i]))),
          9,
        );
        expect(out.probabilityLower[i]).toBeLessThanOrEqual(out.probability[i]);
        expect(out.probabilityUpper[i]).toBeGreaterThanOrEqual(out.probability[i]);
      }
    });
  }
});

describe('predictInterval', () => {
  const data = load('predict_cars93', ['Weight2']);
  const model = train(data.X, data.y, { penalty: 'none', featureNames: data.names });

  it('a higher level gives a wider interval; CSR input gives the same numbers', () => {
    const a = model.predictInterval(data.X, { level: 0.8 });
    const b = model.predictInterval(data.X, { level: 0.99 });
    expect(a.level).toBe(0.8);
    for (let i = 0; i < a.link.length; i++) {
      expect(b.linkUpper[i] - b.linkLower[i]).toBeGreaterThan(a.linkUpper[i] - a.linkLower[i]);
    }
    const flat = Float64Array.from(data.X.flat());
    const csr = sparseFromDense({ rows: data.X.length, cols: data.names.length, data: flat });
    expect(model.predictInterval(csr).linkStdError).toEqual(
      model.predictInterval(data.X).linkStdError,
    );
  });

  it('se chooses a stored robust covariance', () => {
    const robust = train(data.X, data.y, {
      penalty: 'none',
      featureNames: data.names,
      covariance: { type: 'hc0' },
    });
    const cov = robust.inference!.robust!.covariance;
    const d = data.names.length + 1;
    const x = [...data.X[0], 1];
    let v = 0;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) v += x[a] * cov[a * d + b] * x[b];
    const se = robust.predictInterval([data.X[0]], { se: 'hc0' }).linkStdError[0];
    expect(Math.abs(se - Math.sqrt(v)) / Math.sqrt(v)).toBeLessThan(1e-12);
    expect(robust.predictInterval([data.X[0]]).linkStdError[0]).toBeCloseTo(
      model.predictInterval([data.X[0]]).linkStdError[0],
      10,
    );
  });

  it('errors: a bad level, a penalized model, a missing covariance type, the wrong width', () => {
    expect(() => model.predictInterval(data.X, { level: 1 })).toThrow(OptionError);
    const l2 = train(data.X, data.y, { featureNames: data.names });
    expect(() => l2.predictInterval(data.X)).toThrow(ValueError);
    expect(() => l2.predictInterval(data.X)).toThrow(/penalized fit \(l2\)/);
    expect(() => model.predictInterval(data.X, { se: 'hc1' })).toThrow(/no HC1 covariance/);
    expect(() => model.predictInterval([[1, 2]])).toThrow(ShapeError);
  });
});
