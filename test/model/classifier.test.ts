import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import type { Classifier } from '../../src/model/classifier.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { modelFromJSON } from '../../src/model/modelFromJSON.js';
import { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import { OneVsRestModel } from '../../src/model/oneVsRestModel.js';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

const X = [
  [0, 0.2],
  [1, 0.1],
  [0.3, 1],
  [1, 1.2],
  [2, 0.4],
  [0.1, 2],
  [1.5, 1.4],
  [0.6, 0.4],
];
const three = ['a', 'b', 'c', 'a', 'b', 'c', 'b', 'a'];
const two = ['no', 'yes', 'no', 'yes', 'yes', 'no', 'yes', 'no'];
const tight = { tolerance: 1e-10, maxIterations: 5000 } as const;

/** Row i of an n × K matrix, as an array. */
const row = (P: Matrix, i: number): number[] =>
  Array.from(P.data.subarray(i * P.cols, (i + 1) * P.cols));

describe('one train for any number of classes', () => {
  it('multiClass picks the model; trainMulticlass is train with multiClass multinomial, bit for bit', () => {
    const multinomial = train(X, three, { multiClass: 'multinomial', C: 10 });
    const ovr = train(X, three, { multiClass: 'ovr', C: 10 });
    expect(multinomial).toBeInstanceOf(MultinomialLogisticRegressionModel);
    expect(ovr).toBeInstanceOf(OneVsRestModel);
    expect(multinomial.toJSON()).toEqual(trainMulticlass(X, three, { C: 10 }).toJSON());
    expect(ovr.toJSON()).toEqual(trainMulticlass(X, three, { C: 10, multiClass: 'ovr' }).toJSON());
  });

  it("multiClass 'auto' fits a binary model on two classes and a multinomial one on more", () => {
    const binary = train(X, two, { multiClass: 'auto', C: 10 });
    expect(binary).toBeInstanceOf(LogisticRegressionModel);
    expect(binary.toJSON()).toEqual(train(X, two, { C: 10 }).toJSON());
    const many = train(X, three, { multiClass: 'auto', C: 10 });
    expect(many.toJSON()).toEqual(train(X, three, { multiClass: 'multinomial', C: 10 }).toJSON());
  });

  it('without multiClass, more than two classes is an error that names the option', () => {
    expect(() => train(X, three)).toThrow(/3 classes .*pass option multiClass/);
  });

  it('binary-only options are refused for K classes, with the public name of the call', () => {
    expect(() => train(X, three, { multiClass: 'multinomial', positiveClass: 'a' })).toThrow(
      /^train: option 'positiveClass' applies to binary models only/,
    );
    expect(() => trainMulticlass(X, three, { positiveClass: 'a' })).toThrow(/^trainMulticlass: /);
  });
});

describe('Classifier: what binary and multiclass models share', () => {
  const binary = train(X, two, { C: 10 });
  const flipped = train(X, two, { C: 10, positiveClass: 'no' });
  const multinomial = train(X, three, { multiClass: 'multinomial', C: 10 });
  const ovr = train(X, three, { multiClass: 'ovr', C: 10 });
  const models: Classifier[] = [binary, flipped, multinomial, ovr];

  it('predictProba is n × K for every model, columns in classes order, rows in [0, 1] summing to 1', () => {
    for (const model of models) {
      const P = model.predictProba(X);
      expect([P.rows, P.cols]).toEqual([X.length, model.classes.length]);
      for (let i = 0; i < P.rows; i++) {
        expect(row(P, i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
      }
      for (const v of P.data) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it("binary: the positive class's column is σ(z), the other σ(−z), z = decisionFunction, bit for bit", () => {
    for (const model of [binary, flipped]) {
      const P = model.predictProba(X);
      const z = model.decisionFunction(X);
      const k = model.classes.indexOf(model.positiveClass);
      for (let i = 0; i < X.length; i++) {
        expect(P.data[2 * i + k]).toBe(sigmoid(z[i]));
        expect(P.data[2 * i + 1 - k]).toBe(sigmoid(-z[i]));
      }
    }
    expect(binary.classes.indexOf(binary.positiveClass)).toBe(1);
    expect(flipped.classes.indexOf(flipped.positiveClass)).toBe(0);
    // Columns follow classes, not positiveClass: the two fits give the same matrix (to the fits'
    // tolerance: they run on mirrored labels).
    expect(
      maxRelativeError(flipped.predictProba(X).data, binary.predictProba(X).data),
    ).toBeLessThan(1e-6);
  });

  it("binary: the positive class's column is positiveProbability (the vector binary metrics take)", () => {
    for (const model of [binary, flipped]) {
      const P = model.predictProba(X);
      const p = model.positiveProbability(X);
      const k = model.classes.indexOf(model.positiveClass);
      for (let i = 0; i < X.length; i++)
        expect(Math.abs(P.data[2 * i + k] - p[i])).toBeLessThan(1e-15);
    }
  });

  it('binary: a probability near 0 keeps its digits (σ(−z), not 1 − σ(z))', () => {
    const far = binary.decisionFunction([[40, 0]])[0];
    expect(far).toBeGreaterThan(37); // σ(z) rounds to 1, so 1 − σ(z) would be 0
    const P = binary.predictProba([[40, 0]]);
    expect(P.data[0]).toBeGreaterThan(0);
    expect(P.data[0]).toBeCloseTo(Math.exp(-far) / (1 + Math.exp(-far)), 30);
  });

  it('binary: equals R predict.glm(type = "response") on menarche to 1e-8 (r_predict.json)', () => {
    const data = loadDataset('predict_menarche');
    const ref = loadJson<Record<string, { probability: number[] }>>('r_predict.json').menarche;
    const wAt = data.featureNames.indexOf('w');
    const keep = data.featureNames.map((_, j) => j).filter((j) => j !== wAt);
    const rows = Array.from({ length: data.X.rows }, (_, i) =>
      keep.map((j) => data.X.data[i * data.X.cols + j]),
    );
    const weights = Array.from(
      { length: data.X.rows },
      (_, i) => data.X.data[i * data.X.cols + wAt],
    );
    const model = train(rows, data.y, {
      penalty: 'none',
      ...(wAt < 0 ? {} : { sampleWeight: weights }),
    });
    const P = model.predictProba(rows);
    const positive = Array.from({ length: P.rows }, (_, i) => P.data[2 * i + 1]);
    expect(model.classes.indexOf(model.positiveClass)).toBe(1);
    expect(maxRelativeError(positive, ref.probability)).toBeLessThan(1e-8);
  });

  it('multinomial: predictProba is softmax(decisionFunction) and equals trainMulticlass’s model', () => {
    const P = multinomial.predictProba(X);
    const Z = multinomial.decisionFunction(X);
    for (let i = 0; i < X.length; i++) {
      const e = row(Z, i).map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      row(P, i).forEach((v, k) => expect(v).toBeCloseTo(e[k] / s, 15));
    }
    expect(P).toEqual(trainMulticlass(X, three, { C: 10 }).predictProba(X));
  });

  it('one-vs-rest: predictProba is σ(zₖ) / Σₗ σ(zₗ) of decisionFunction', () => {
    const P = ovr.predictProba(X);
    const Z = ovr.decisionFunction(X);
    for (let i = 0; i < X.length; i++) {
      const s = row(Z, i).map(sigmoid);
      const total = s.reduce((a, b) => a + b, 0);
      row(P, i).forEach((v, k) => expect(v).toBeCloseTo(s[k] / total, 15));
    }
  });

  it('on two classes the binary and multinomial models (C doubled) give the same predictProba (1e-8)', () => {
    // ½(‖w₀‖² + ‖w₁‖²) with w₀ = −w₁ = −w/2 is ¼‖w‖²: the binary penalty ½‖w‖² at 2C.
    const asBinary = train(X, two, { ...tight, C: 2 });
    const asMultinomial = train(X, two, { ...tight, C: 1, multiClass: 'multinomial' });
    expect(asMultinomial.classes).toEqual(asBinary.classes);
    const a = asBinary.predictProba(X).data;
    const b = asMultinomial.predictProba(X).data;
    for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-8);
    expect(asBinary.predict(X)).toEqual(asMultinomial.predict(X));
  });

  it('predict takes the most probable class of predictProba', () => {
    for (const model of models) {
      const P = model.predictProba(X);
      const predicted = model.predict(X);
      for (let i = 0; i < X.length; i++) {
        const r = row(P, i);
        expect(predicted[i]).toBe(model.classes[r.indexOf(Math.max(...r))]);
      }
    }
  });

  it('CSR input gives the dense predictProba, and a wrong feature count throws ShapeError naming predictProba', () => {
    const dense = { rows: X.length, cols: 2, data: Float64Array.from(X.flat()) };
    for (const model of models) {
      const a = model.predictProba(sparseFromDense(dense)).data;
      const b = model.predictProba(dense).data;
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-15);
      expect(() => model.predictProba([[1, 2, 3]])).toThrow(ShapeError);
      expect(() => model.predictProba([[1, 2, 3]])).toThrow(
        /^predictProba: X has 3 features, but the model was trained on 2/,
      );
    }
  });

  it('modelFromJSON restores every kind, and predictProba survives the round trip bit for bit', () => {
    for (const model of models) {
      const back: Classifier = modelFromJSON(JSON.parse(JSON.stringify(model)));
      expect(back.constructor).toBe(model.constructor);
      expect(back.classes).toEqual(model.classes);
      expect(back.predictProba(X)).toEqual(model.predictProba(X));
      expect(back.predict(X)).toEqual(model.predict(X));
      expect(back.toJSON()).toEqual(model.toJSON());
    }
  });
});
