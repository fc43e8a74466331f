import { describe, expect, it, vi } from 'vitest';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import { OneVsRestModel } from '../../src/model/oneVsRestModel.js';

describe('the README Classifier example', () => {
  it('predicts with every kind through one interface and restores each kind from JSON', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const example = await import('../../examples/anyModel.js');
    log.mockRestore();
    const [binary, multinomial, ovr] = example.models;
    expect(binary).toBeInstanceOf(LogisticRegressionModel);
    expect(multinomial).toBeInstanceOf(MultinomialLogisticRegressionModel);
    expect(ovr).toBeInstanceOf(OneVsRestModel);
    example.models.forEach((model, k) => {
      const P = model.predictProba([[2, 0]]);
      expect([P.rows, P.cols]).toEqual([1, k === 0 ? 2 : 3]);
      expect(P.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
      const back = example.restored[k];
      expect(back.constructor).toBe(model.constructor);
      expect(back.predictProba([[2, 0]])).toEqual(P);
    });
    // Row [2, 0]: 'a' in the binary data (x₀ even), 'b' in the three-class data.
    expect(binary.predict([[2, 0]])).toEqual(['a']);
    expect(multinomial.predict([[2, 0]])).toEqual(['b']);
  });
});
