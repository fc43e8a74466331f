import { afterAll, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { allocateKernelMatrix } from '../../src/kernels/kernelMemory.js';
import { train } from '../../src/model/train.js';
import { createThreadPool } from '../../src/node/threads/createThreadPool.js';
import { randomProblem } from '../kernels/problems.js';

const pool = createThreadPool(2);
afterAll(() => pool.close());

describe('PredictOptions: a binary model scored over worker threads', () => {
  // 60,001 × 20 = 1,200,020 entries: above the threaded scoring's 1,000,000-entry floor.
  const { X, y } = randomProblem(31, 60_001, 20, false, 1);
  const model = train(X, Array.from(y), { C: 1, threadPool: pool });
  const K = allocateKernelMatrix(X.rows, X.cols);
  K.data.set(X.data);

  it('positiveProbability, predictProba, decisionFunction and predict give bit for bit the results without threads', () => {
    const reference = model.positiveProbability(X);
    for (const matrix of [X, K]) {
      expect(model.positiveProbability(matrix, { threadPool: pool })).toEqual(reference);
      expect(model.predictProba(matrix, { threadPool: pool })).toEqual(model.predictProba(X));
      expect(model.decisionFunction(matrix, { threadPool: pool })).toEqual(
        model.decisionFunction(X),
      );
      expect(model.predict(matrix, { threadPool: pool })).toEqual(model.predict(X));
    }
  });

  it('an unpenalized fit with the pool counts extreme fits the same way (same warnings)', () => {
    const threaded = train(X, Array.from(y), { penalty: 'none', threadPool: pool });
    const single = train(X, Array.from(y), { penalty: 'none' });
    expect(threaded.fitReport.warnings).toEqual(single.fitReport.warnings);
  });

  it('refuses an unknown option or a thread pool that is not one, naming the method', () => {
    expect(() => model.positiveProbability(X, { threads: 2 } as never)).toThrow(OptionError);
    expect(() => model.positiveProbability(X, { threads: 2 } as never)).toThrow(
      /^positiveProbability: unknown option 'threads'/,
    );
    expect(() => model.predictProba(X, { threads: 2 } as never)).toThrow(
      /^predictProba: unknown option 'threads'/,
    );
    expect(() => model.predict(X, { threadPool: 2 } as never)).toThrow(
      "predict: option 'threadPool' must be a thread pool (createThreadPool), got 2",
    );
  });
});
