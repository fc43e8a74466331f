import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { modelFromJSON } from '../../src/model/modelFromJSON.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import { OneVsRestModel } from '../../src/model/oneVsRestModel.js';
import type { Classifier } from '../../src/model/classifier.js';

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

function rowSums(model: Classifier): number[] {
  const P = model.classProbabilities(X);
  return Array.from({ length: P.rows }, (_, i) =>
    P.data.subarray(i * P.cols, (i + 1) * P.cols).reduce((a, b) => a + b, 0),
  );
}

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

  it("a solver the model has no view for is refused, listing the registry's usable ones", () => {
    expect(() => train(X, three, { multiClass: 'multinomial', solver: 'sgd' })).toThrow(
      "train: solver 'sgd' is not available for multinomial models (use 'lbfgs', 'newton', 'gd' or 'newglmnet')",
    );
  });
});

describe('Classifier: what binary and multiclass models share', () => {
  const binary = train(X, two, { C: 10 });
  const flipped = train(X, two, { C: 10, positiveClass: 'no' });
  const models: Classifier[] = [
    binary,
    flipped,
    train(X, three, { multiClass: 'multinomial', C: 10 }),
    train(X, three, { multiClass: 'ovr', C: 10 }),
  ];

  it('classProbabilities is n × K with columns in classes order and rows summing to 1', () => {
    for (const model of models) {
      const P = model.classProbabilities(X);
      expect([P.rows, P.cols]).toEqual([X.length, model.classes.length]);
      for (const s of rowSums(model)) expect(s).toBeCloseTo(1, 14);
      for (const v of P.data) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it("a binary model's column of its positive class is predictProba, whichever class that is", () => {
    for (const model of [binary, flipped]) {
      const P = model.classProbabilities(X);
      const k = model.classes.indexOf(model.positiveClass);
      const p = model.predictProba(X);
      for (let i = 0; i < X.length; i++) {
        expect(P.data[i * 2 + k]).toBe(p[i]);
        expect(P.data[i * 2 + 1 - k]).toBeCloseTo(1 - p[i], 15);
      }
    }
    // The same fit with the other positive class gives the same probabilities per class.
    const a = binary.classProbabilities(X).data;
    const b = flipped.classProbabilities(X).data;
    for (let j = 0; j < a.length; j++) expect(a[j]).toBeCloseTo(b[j], 5);
  });

  it("a multiclass model's classProbabilities is its predictProba", () => {
    for (const model of models.slice(2)) {
      const multi = model as MultinomialLogisticRegressionModel | OneVsRestModel;
      expect(multi.classProbabilities(X)).toEqual(multi.predictProba(X));
    }
  });

  it('predict takes the most probable class, and every model survives toJSON bit for bit', () => {
    for (const model of models) {
      const P = model.classProbabilities(X);
      const predicted = model.predict(X);
      for (let i = 0; i < X.length; i++) {
        const row = Array.from(P.data.subarray(i * P.cols, (i + 1) * P.cols));
        expect(predicted[i]).toBe(model.classes[row.indexOf(Math.max(...row))]);
      }
      const back: Classifier = modelFromJSON(JSON.parse(JSON.stringify(model)));
      expect(back.classProbabilities(X)).toEqual(P);
    }
  });
});
