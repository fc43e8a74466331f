import { describe, expect, it } from 'vitest';
import { OptionError, ShapeError, ValueError } from '../../src/errors.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';
import type { RobustType } from '../../src/inference/robustCovariance.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/**
 * R 4.2.2 with sandwich 3.0.2 and lmtest 0.9.40 (scripts/r-sandwich.R): vcovHC, vcovCL and
 * coeftest on MASS bacteria (plain, weighted, with an aliased column) and Titanic counts.
 * Matrices in logreg's order (coefficients, then the intercept), aliased rows and columns 0.
 */
interface Reference {
  coef_names: string[];
  coefficients: number[];
  aliased: boolean[];
  model: number[];
  hc0: number[];
  hc1: number[];
  hc2: number[];
  hc3: number[];
  cr0?: number[];
  cr1?: number[];
  clusters?: number;
  cluster?: number[];
  hc1_se: (number | null)[];
  hc1_z: (number | null)[];
  hc1_p: (number | null)[];
  cr1_z?: (number | null)[];
  cr1_p?: (number | null)[];
}
const r = loadJson<Record<string, Reference>>('r_sandwich.json');

/** The data set's design, labels, weights and cluster column. */
function load(name: string): {
  X: number[][];
  y: number[];
  w: number[] | undefined;
  cluster: number[] | undefined;
  names: string[];
} {
  const data = loadDataset(`sandwich_${name}`);
  const wAt = data.featureNames.indexOf('w');
  const cAt = data.featureNames.indexOf('cluster');
  const keep = data.featureNames.map((_, j) => j).filter((j) => j !== wAt && j !== cAt);
  const rows = Array.from({ length: data.X.rows }, (_, i) =>
    Array.from(data.X.data.subarray(i * data.X.cols, (i + 1) * data.X.cols)),
  );
  return {
    X: rows.map((row) => keep.map((j) => row[j])),
    y: data.y,
    w: wAt < 0 ? undefined : rows.map((row) => row[wAt]),
    cluster: cAt < 0 ? undefined : rows.map((row) => row[cAt]),
    names: keep.map((j) => data.featureNames[j]),
  };
}

/** The relative error of a covariance matrix, on the scale of its diagonal (off-diagonal zeros). */
function matrixError(ours: readonly number[], ref: readonly number[]): number {
  const d = Math.round(Math.sqrt(ref.length));
  let worst = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      const scale = Math.sqrt(Math.abs(ref[a * d + a] * ref[b * d + b])) || 1;
      worst = Math.max(worst, Math.abs(ours[a * d + b] - ref[a * d + b]) / scale);
    }
  }
  return worst;
}

const cases = ['bacteria', 'bacteria_weighted', 'bacteria_aliased', 'titanic_weighted'];
const types: RobustType[] = ['hc0', 'hc1', 'hc2', 'hc3'];

describe('robust covariance equals R sandwich::vcovHC to 1e-8', () => {
  for (const name of cases) {
    for (const type of types) {
      it(`${name}, ${type.toUpperCase()}`, () => {
        const { X, y, w, names } = load(name);
        const model = train(X, y, {
          penalty: 'none',
          featureNames: names,
          ...(w === undefined ? {} : { sampleWeight: w }),
          covariance: { type },
        });
        const robust = model.inference?.robust;
        expect(robust?.type).toBe(type);
        expect(robust?.cluster).toBeUndefined();
        expect(matrixError(robust!.covariance, r[name][type])).toBeLessThan(1e-8);
        // The model-based covariance is kept as it was.
        expect(matrixError(model.inference!.covariance!, r[name].model)).toBeLessThan(1e-8);
      });
    }
  }
});

describe('cluster-robust covariance equals R sandwich::vcovCL to 1e-8', () => {
  for (const name of ['bacteria', 'bacteria_weighted', 'bacteria_aliased']) {
    for (const type of ['hc0', 'hc1'] as const) {
      it(`${name}, CR${type.slice(2)} by child`, () => {
        const { X, y, w, cluster, names } = load(name);
        const model = train(X, y, {
          penalty: 'none',
          featureNames: names,
          ...(w === undefined ? {} : { sampleWeight: w }),
          covariance: { type, cluster: cluster!, clusterName: 'ID' },
        });
        const robust = model.inference!.robust!;
        expect(robust.cluster).toEqual({ name: 'ID', count: r[name].clusters });
        const ref = type === 'hc0' ? r[name].cr0! : r[name].cr1!;
        expect(matrixError(robust.covariance, ref)).toBeLessThan(1e-8);
      });
    }
  }
});

describe('the summary shows the stored robust covariance', () => {
  it('HC1 standard errors, z and p as lmtest::coeftest, by default and with se: hc1', () => {
    const { X, y, names } = load('bacteria');
    const model = train(X, y, {
      penalty: 'none',
      featureNames: names,
      covariance: { type: 'hc1' },
    });
    const ref = r.bacteria;
    for (const s of [model.summary(), model.summary({ se: 'hc1' })]) {
      expect(s.standardErrors).toEqual({ type: 'hc1', stored: ['model', 'hc1'] });
      const col = (key: 'stdError' | 'z' | 'pValue'): number[] =>
        s.coefficients.map((c) => c[key] as number);
      expect(maxRelativeError(col('stdError'), ref.hc1_se as number[])).toBeLessThan(1e-8);
      expect(maxRelativeError(col('z'), ref.hc1_z as number[])).toBeLessThan(1e-8);
      expect(maxRelativeError(col('pValue'), ref.hc1_p as number[])).toBeLessThan(1e-8);
    }
    const classical = model.summary({ se: 'model' });
    expect(classical.standardErrors.type).toBe('model');
    const se = classical.coefficients.map((c) => c.stdError as number);
    const d = se.length;
    // (Intercept) first in the summary, last in the matrix.
    const diag = Array.from({ length: d }, (_, k) => Math.sqrt(ref.model[k * d + k]));
    expect(maxRelativeError(se, [diag[d - 1], ...diag.slice(0, d - 1)])).toBeLessThan(1e-8);
  });

  it('aliased columns keep their NA rows; the others match coeftest', () => {
    const { X, y, names } = load('bacteria_aliased');
    const model = train(X, y, {
      penalty: 'none',
      featureNames: names,
      covariance: { type: 'hc1' },
    });
    const s = model.summary();
    expect(s.coefficients.map((c) => c.aliased)).toEqual(r.bacteria_aliased.aliased);
    const shown = s.coefficients.filter((c) => !c.aliased).map((c) => c.stdError as number);
    expect(maxRelativeError(shown, r.bacteria_aliased.hc1_se as number[])).toBeLessThan(1e-8);
  });

  it('clustered: z and p as coeftest with vcovCL(type = "HC1")', () => {
    const { X, y, cluster, names } = load('bacteria');
    const model = train(X, y, {
      penalty: 'none',
      featureNames: names,
      covariance: { type: 'hc1', cluster: cluster! },
    });
    const s = model.summary({ se: 'cluster' });
    expect(s.standardErrors).toEqual({
      type: 'hc1',
      cluster: { count: 50 },
      stored: ['model', 'cluster'],
    });
    const z = s.coefficients.map((c) => c.z as number);
    expect(maxRelativeError(z, r.bacteria.cr1_z as number[])).toBeLessThan(1e-8);
  });

  it('the round trip through JSON keeps the robust covariance', () => {
    const { X, y, names } = load('bacteria');
    const model = train(X, y, {
      penalty: 'none',
      featureNames: names,
      covariance: { type: 'hc3' },
    });
    const again = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(again.summary()).toEqual(model.summary());
  });

  it('fromJSON refuses a corrupt robust covariance', () => {
    const { X, y, names } = load('bacteria');
    const model = train(X, y, {
      penalty: 'none',
      featureNames: names,
      covariance: { type: 'hc1' },
    });
    const json = JSON.parse(JSON.stringify(model)) as {
      inference: { robust: { covariance: number[] } };
    };
    json.inference.robust.covariance.pop();
    expect(() => LogisticRegressionModel.fromJSON(json)).toThrow(/inference\.robust must be/);
  });

  it('asking for a covariance the model does not store names the option to train with', () => {
    const { X, y, names } = load('bacteria');
    const plain = train(X, y, { penalty: 'none', featureNames: names });
    expect(plain.summary().standardErrors).toEqual({ type: 'model', stored: ['model'] });
    expect(() => plain.summary({ se: 'hc3' })).toThrow(
      /no HC3 covariance is stored with this model \(it has no robust covariance\); train with covariance: \{ type: 'hc3' \}/,
    );
    const hc1 = train(X, y, { penalty: 'none', featureNames: names, covariance: { type: 'hc1' } });
    expect(() => hc1.summary({ se: 'cluster' })).toThrow(/--cluster <column>/);
    expect(() => hc1.summary({ se: 'bogus' as 'hc0' })).toThrow(OptionError);
  });
});

describe('train: covariance option checks', () => {
  const { X, y, cluster } = load('bacteria');
  it('needs penalty none', () => {
    expect(() => train(X, y, { covariance: { type: 'hc1' } })).toThrow(
      /option 'covariance' applies to penalty 'none'/,
    );
    expect(() => train(X, y, { penalty: 'firth', covariance: { type: 'hc1' } })).toThrow(
      OptionError,
    );
  });
  it('rejects a bad type, hc2/hc3 with clusters, wrong lengths and a single cluster', () => {
    expect(() => train(X, y, { penalty: 'none', covariance: { type: 'hc4' as 'hc0' } })).toThrow(
      /option 'covariance' must be/,
    );
    expect(() =>
      train(X, y, { penalty: 'none', covariance: { type: 'hc3', cluster: cluster! } }),
    ).toThrow(/'hc0' \(CR0\) or 'hc1' \(CR1\)/);
    expect(() =>
      train(X, y, { penalty: 'none', covariance: { type: 'hc1', cluster: [1, 2, 3] } }),
    ).toThrow(ShapeError);
    expect(() =>
      train(X, y, { penalty: 'none', covariance: { type: 'hc1', cluster: y.map(() => 'a') } }),
    ).toThrow(ValueError);
  });
});
