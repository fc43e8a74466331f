import { describe, expect, it } from 'vitest';
import { OptionError, ShapeError, ValueError } from '../../src/errors.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';
import { compareModels } from '../../src/selection/compareModels.js';
import { dropTerms } from '../../src/selection/dropTerms.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/**
 * R 4.2.2 with MASS 7.3.58.2 and sandwich 3.0.2 (scripts/r-offset.R): glm(offset = ) on MASS
 * Aids2 (offset log days followed, factors as model.matrix codes them) and on MASS Insurance as
 * weighted rows (offset log(Holders)/4). Neither data set was used to tune anything.
 */
interface Fit {
  coef_names: string[];
  coefficients: number[];
  std_errors: number[];
  z_values: number[];
  p_values: number[];
  deviance: number;
  null_deviance: number;
  aic: number;
  bic: number;
  loglik: number;
  lr_df: number;
  nobs: number;
  model: number[];
  hc1: number[];
  profile_lower?: number[];
  profile_upper?: number[];
  predict?: {
    rows: number;
    offset: number[];
    link: number[];
    link_se: number[];
    probability: number[];
    probability_se: number[];
    row_index: number[];
  };
  drop1?: {
    terms: string[];
    df: number[];
    deviance: number[];
    aic: number[];
    lrt: number[];
    p: number[];
  };
}
const r = loadJson<Record<string, Fit>>('r_offset.json');

/** A fixture's design without its weight and offset columns, and those columns. */
function load(name: string, offsetColumn: string) {
  const data = loadDataset(name);
  const names = data.featureNames;
  const wAt = names.indexOf('w');
  const oAt = names.indexOf(offsetColumn);
  const keep = names.map((_, j) => j).filter((j) => j !== wAt && j !== oAt);
  const rows = Array.from({ length: data.X.rows }, (_, i) =>
    Array.from(data.X.data.subarray(i * data.X.cols, (i + 1) * data.X.cols)),
  );
  return {
    X: rows.map((row) => keep.map((j) => row[j])),
    y: data.y,
    w: wAt < 0 ? undefined : rows.map((row) => row[wAt]),
    offset: rows.map((row) => row[oAt]),
    names: keep.map((j) => names[j]),
  };
}

/** Entrywise error of a covariance matrix relative to √(VₐₐV_bb). */
function matrixError(ours: readonly number[], ref: readonly number[]): number {
  const d = Math.round(Math.sqrt(ref.length));
  let worst = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      const scale = Math.sqrt(ref[a * d + a] * ref[b * d + b]);
      worst = Math.max(worst, Math.abs(ours[a * d + b] - ref[a * d + b]) / scale);
    }
  }
  return worst;
}

describe('offset: equal to R glm(offset = ) to 1e-8 relative', () => {
  const cases = [
    ['aids2', 'offset_aids2', 'logdays'],
    ['insurance', 'offset_insurance', 'o'],
  ] as const;
  for (const [key, file, column] of cases) {
    it(`${key}: estimates, standard errors, z, p, deviances, AIC, BIC, LR test, HC1, profile bounds`, () => {
      const ref = r[key];
      const d = load(file, column);
      const model = train(d.X, d.y, {
        penalty: 'none',
        featureNames: d.names,
        offset: d.offset,
        offsetName: column,
        covariance: { type: 'hc1' },
        profileConfidenceLevel: 0.95,
        ...(d.w === undefined ? {} : { sampleWeight: d.w }),
      });
      expect(model.offset).toBe(column);
      const s = model.summary({ se: 'model' });
      expect(s.coefficients.map((c) => c.name)).toEqual(ref.coef_names);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.estimate),
          ref.coefficients,
        ),
      ).toBeLessThan(1e-8);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.stdError!),
          ref.std_errors,
        ),
      ).toBeLessThan(1e-8);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.z!),
          ref.z_values,
        ),
      ).toBeLessThan(1e-8);
      expect(
        maxRelativeError(
          s.coefficients.map((c) => c.pValue!),
          ref.p_values,
        ),
      ).toBeLessThan(1e-7);
      expect(
        maxRelativeError(
          [s.deviance, s.nullDeviance, s.aic!, s.bic!, s.logLikelihood],
          [ref.deviance, ref.null_deviance, ref.aic, ref.bic, ref.loglik],
        ),
      ).toBeLessThan(1e-8);
      expect(s.lrDf).toBe(ref.lr_df);
      expect(s.nObservations).toBe(ref.nobs);
      expect(matrixError(model.inference!.covariance!, ref.model)).toBeLessThan(1e-8);
      expect(matrixError(model.inference!.robust!.covariance, ref.hc1)).toBeLessThan(1e-8);
      const p = model.summary({ ci: 'profile', se: 'model' });
      const width = s.coefficients.map((c) => Math.max(Math.abs(c.estimate), c.stdError!));
      const lower = p.coefficients.map(
        (c, k) => Math.abs(c.ciLower! - ref.profile_lower![k]) / width[k],
      );
      const upper = p.coefficients.map(
        (c, k) => Math.abs(c.ciUpper! - ref.profile_upper![k]) / width[k],
      );
      expect(Math.max(...lower, ...upper)).toBeLessThan(1e-8);
    });
  }

  it('without an intercept the null model is the offset alone (R: null deviance at η = offset)', () => {
    const ref = r.aids2_no_intercept;
    const d = load('offset_aids2', 'logdays');
    const keep = ['age', 'sexM'].map((n) => d.names.indexOf(n));
    const model = train(
      d.X.map((row) => keep.map((j) => row[j])),
      d.y,
      { penalty: 'none', fitIntercept: false, offset: d.offset, featureNames: ['age', 'sexM'] },
    );
    const s = model.summary();
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.estimate),
        ref.coefficients,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError!),
        ref.std_errors,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        [s.deviance, s.nullDeviance, s.aic!],
        [ref.deviance, ref.null_deviance, ref.aic],
      ),
    ).toBeLessThan(1e-8);
    expect(s.lrDf).toBe(ref.lr_df);
  });

  it("predictions use the new rows' offset: predict.glm(se.fit = TRUE) on link and response scales", () => {
    const ref = r.aids2;
    const pr = ref.predict!;
    const d = load('offset_aids2', 'logdays');
    const model = train(d.X, d.y, { penalty: 'none', offset: d.offset, featureNames: d.names });
    const X = pr.row_index.map((i) => d.X[i]);
    const out = model.predictInterval(X, { offset: pr.offset });
    expect(maxRelativeError(out.link, pr.link)).toBeLessThan(1e-8);
    expect(maxRelativeError(out.linkStdError, pr.link_se)).toBeLessThan(1e-8);
    expect(maxRelativeError(out.probability, pr.probability)).toBeLessThan(1e-8);
    expect(maxRelativeError(out.probabilityStdError, pr.probability_se)).toBeLessThan(1e-8);
    expect(
      maxRelativeError(model.positiveProbability(X, { offset: pr.offset }), pr.probability),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(model.decisionFunction(X, { offset: pr.offset }), pr.link),
    ).toBeLessThan(1e-8);
    // Rounding apart, σ(z + o) is what positiveProbability gives.
    const z = model.decisionFunction(X, { offset: new Float64Array(X.length) });
    const p = model.positiveProbability(X, { offset: pr.offset });
    z.forEach((zi, i) => expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-(zi + pr.offset[i]))), 14));
  });

  it("drop1 keeps the offset in every refit: R's drop1(test = 'LRT')", () => {
    const ref = r.aids2.drop1!;
    const d = load('offset_aids2', 'logdays');
    const model = train(d.X, d.y, {
      penalty: 'none',
      offset: d.offset,
      offsetName: 'logdays',
      featureNames: d.names,
    });
    const terms = ref.terms.map((term) => ({
      name: term,
      features: d.names.filter((n) => n.startsWith(term)),
    }));
    const result = dropTerms(model, d.X, d.y, { terms, offset: d.offset });
    expect(result.terms.map((t) => t.term)).toEqual(ref.terms);
    expect(result.terms.map((t) => t.df)).toEqual(ref.df);
    expect(
      maxRelativeError([result.deviance, ...result.terms.map((t) => t.deviance)], ref.deviance),
    ).toBeLessThan(1e-8);
    expect(maxRelativeError([result.aic, ...result.terms.map((t) => t.aic)], ref.aic)).toBeLessThan(
      1e-8,
    );
    expect(
      maxRelativeError(
        result.terms.map((t) => t.lrStatistic),
        ref.lrt,
      ),
    ).toBeLessThan(1e-7);
    expect(() => dropTerms(model, d.X, d.y, { terms })).toThrow(
      "dropTerms: the model was fitted with the offset 'logdays'; pass it as option 'offset'",
    );
  });
});

describe('offset: the model and its checks', () => {
  const X = [[0], [1], [2], [3], [4], [5], [1], [3]];
  const y = [0, 0, 1, 0, 1, 1, 1, 0];
  const offset = [0.1, -0.2, 0.3, 0.5, -0.4, 0.2, 0, 1];

  it('a zero offset gives the fit without one (same optimum)', () => {
    const plain = train(X, y, { penalty: 'none' });
    const zero = train(X, y, { penalty: 'none', offset: new Array(8).fill(0) });
    expect(zero.coefficients[0]).toBeCloseTo(plain.coefficients[0], 10);
    expect(zero.intercept).toBeCloseTo(plain.intercept, 10);
    expect(zero.summary().nullDeviance).toBeCloseTo(plain.summary().nullDeviance, 10);
  });

  it('a constant offset c moves only the intercept, by −c', () => {
    const plain = train(X, y, { penalty: 'l2', C: 0.5 });
    const shifted = train(X, y, { penalty: 'l2', C: 0.5, offset: new Array(8).fill(2) });
    expect(shifted.coefficients[0]).toBeCloseTo(plain.coefficients[0], 6);
    expect(shifted.intercept).toBeCloseTo(plain.intercept - 2, 6);
  });

  it('sparse X with an offset gives the dense fit (every pass adds the offset to its score)', () => {
    const d = load('offset_insurance', 'o');
    const dense = { rows: d.X.length, cols: d.X[0].length, data: Float64Array.from(d.X.flat()) };
    const options = { penalty: 'none', offset: d.offset, sampleWeight: d.w! } as const;
    const a = train(dense, d.y, options);
    const b = train(sparseFromDense(dense), d.y, options);
    expect(
      maxRelativeError([b.intercept, ...b.coefficients], [a.intercept, ...a.coefficients]),
    ).toBeLessThan(1e-10);
    expect(maxRelativeError(b.inference!.covariance!, a.inference!.covariance!)).toBeLessThan(1e-8);
    const l2 = train(sparseFromDense(dense), d.y, {
      solver: 'lbfgs',
      offset: d.offset,
      tolerance: 1e-10,
    });
    const l2Dense = train(dense, d.y, { solver: 'newton', offset: d.offset, tolerance: 1e-10 });
    expect(maxRelativeError(l2.coefficients, l2Dense.coefficients)).toBeLessThan(1e-6);
  });

  it('survives toJSON/fromJSON, and predictions need the offset exactly when the model has one', () => {
    const model = train(X, y, { penalty: 'none', offset, offsetName: 'exposure' });
    const back = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(back.offset).toBe('exposure');
    expect(back.predictProba(X, { offset })).toEqual(model.predictProba(X, { offset }));
    expect(() => model.predictProba(X)).toThrow(
      "predictProba: the model was fitted with the offset 'exposure'; pass option 'offset', one value per row",
    );
    expect(() => model.predict(X, { offset: [1] })).toThrow(ShapeError);
    expect(() => model.predict(X, { offset: offset.map((o, i) => (i === 3 ? NaN : o)) })).toThrow(
      'predict: offset[3] is NaN; offsets must be finite',
    );
    const plain = train(X, y, { penalty: 'none' });
    expect(plain.offset).toBeUndefined();
    expect(() => plain.decisionFunction(X, { offset })).toThrow(OptionError);
    expect(() =>
      LogisticRegressionModel.fromJSON({ ...JSON.parse(JSON.stringify(model)), offset: 3 }),
    ).toThrow('fromJSON: offset must be the name');
  });

  it('refuses offsets where the fit cannot use them, naming the option', () => {
    expect(() => train(X, y, { offset: [1, 2] })).toThrow(
      'train: offset has 2 values, but X has 8 rows',
    );
    expect(() => train(X, y, { offset: offset.map((o, i) => (i ? o : Infinity)) })).toThrow(
      ValueError,
    );
    // Firth, L1 / elastic net and sgd take offsets: test/model/offsetPenalized.test.ts.
    expect(() => train(X, y, { kernel: 'wasm', offset })).toThrow(OptionError);
    expect(() => train(X, y, { offsetName: 'o' })).toThrow(OptionError);
    expect(() => train(X, [0, 1, 2, 0, 1, 2, 0, 1], { multiClass: 'ovr', offset })).toThrow(
      "train: option 'offset' applies to binary models only (multiClass is 'ovr')",
    );
  });

  it('compareModels refuses models with different offsets', () => {
    const big = load('offset_aids2', 'logdays');
    const withOffset = train(big.X, big.y, {
      penalty: 'none',
      offset: big.offset,
      offsetName: 'logdays',
      featureNames: big.names,
    });
    const small = train(
      big.X.map((row) => row.slice(0, 4)),
      big.y,
      { penalty: 'none', featureNames: big.names.slice(0, 4) },
    );
    expect(() => compareModels(small, withOffset)).toThrow(
      "compareModels: the models have different offsets (none and 'logdays')",
    );
  });
});
