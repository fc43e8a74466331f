import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { tuneThreshold } from '../../src/model/tuneThreshold.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { recall } from '../../src/metrics/recall.js';
import { loadDataset } from '../helpers/fixtures.js';

describe('decision thresholds', () => {
  const pima = loadDataset('pima');
  const model = train(pima.X, pima.y, { standardize: true });

  it('a recall target gives the highest threshold that reaches it, and predict uses it', () => {
    const tuned = tuneThreshold(model, pima.X, pima.y, { criterion: 'recall', targetRecall: 0.9 });
    const t = tuned.threshold!;
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(0.5);
    const predicted = tuned.predict(pima.X).map(Number);
    expect(recall(pima.y, predicted)).toBeGreaterThanOrEqual(0.9);
    // predict is P ≥ t.
    const p = model.positiveProbability(pima.X);
    expect(predicted).toEqual(Array.from(p, (v) => (v >= t ? 1 : 0)));
    // Any higher distinct probability would miss the target.
    const higher = Math.min(...Array.from(p).filter((v) => v > t));
    expect(
      recall(
        pima.y,
        Array.from(p, (v) => (v >= higher ? 1 : 0)),
      ),
    ).toBeLessThan(0.9);
  });

  it('survives the JSON round trip and can be removed', () => {
    const tuned = tuneThreshold(model, pima.X, pima.y, { criterion: 'f1' });
    const copy = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(tuned)));
    expect(copy.threshold).toBe(tuned.threshold);
    expect(copy.predict(pima.X)).toEqual(tuned.predict(pima.X));
    expect(tuned.withThreshold(undefined).predict(pima.X)).toEqual(model.predict(pima.X));
    expect(() => model.withThreshold(1.5)).toThrow(/threshold must be in \(0, 1\), got 1.5/);
    expect(() =>
      LogisticRegressionModel.fromJSON({ ...JSON.parse(JSON.stringify(model)), threshold: -1 }),
    ).toThrow(/threshold must be a number in \(0, 1\)/);
  });
});
