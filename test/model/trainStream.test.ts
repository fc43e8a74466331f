import { describe, expect, it } from 'vitest';
import { matrixChunkSource } from '../../src/data/matrixChunkSource.js';
import { OptionError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';
import { trainStream } from '../../src/model/trainStream.js';
import { loadDataset, maxRelativeError, seededRandom } from '../helpers/fixtures.js';

/** m rows of p features (the last one a wide-range column), labels from a known model. */
function synthetic(seed: number, m: number, p: number): { X: Matrix; y: number[]; s: number[] } {
  const rand = seededRandom(seed);
  const data = new Float64Array(m * p);
  const y: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < m; i++) {
    let z = 0.2;
    for (let j = 0; j < p; j++) {
      const v = (rand() * 2 - 1) * (j === p - 1 ? 100 : 1) + (j === 0 ? 5 : 0);
      data[i * p + j] = v;
      z += (j % 2 === 0 ? 0.8 : -0.5) * (j === p - 1 ? v / 100 : v - (j === 0 ? 5 : 0));
    }
    y.push(rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    s.push(0.5 + rand());
  }
  return { X: { rows: m, cols: p, data }, y, s };
}

const params = (model: LogisticRegressionModel): number[] => [
  ...model.coefficients,
  model.intercept,
];

describe('trainStream: the same optimum as train', () => {
  const { X, y, s } = synthetic(7, 1000, 6);

  it.each([
    ['lbfgs, l2', { penalty: 'l2', C: 0.5, solver: 'lbfgs' }],
    ['lbfgs, l2, standardized', { penalty: 'l2', C: 0.05, solver: 'lbfgs', standardize: true }],
    ['newton, l2', { penalty: 'l2', C: 2, solver: 'newton' }],
    ['newton, no penalty', { penalty: 'none' }],
    ['gd, standardized', { penalty: 'l2', solver: 'gd', standardize: true, learningRate: 1 }],
  ] as const)('%s: coefficients to 1e-10 relative, chunk by chunk', (_, options) => {
    const tight = { ...options, tolerance: 1e-9, maxIterations: 20000 } as const;
    const inMemory = train(X, y, { ...tight, sampleWeight: s, kernel: 'plain' });
    const streamed = trainStream(
      matrixChunkSource(X, y, { sampleWeight: s, chunkRows: 97 }),
      tight,
    );
    expect(streamed.fitReport.converged).toBe(true);
    expect(maxRelativeError(params(streamed), params(inMemory), 1e-8)).toBeLessThan(1e-10);
    expect(streamed.fitReport.logLoss).toBeCloseTo(inMemory.fitReport.logLoss, 12);
    expect(streamed.fitReport.nObservations).toBe(1000);
    expect(streamed.fitReport.classCounts).toEqual(inMemory.fitReport.classCounts);
  });

  it('a pass per evaluation: passes = 1 (moments) + the solver evaluations', () => {
    let passes = 0;
    const model = trainStream(matrixChunkSource(X, y, { chunkRows: 300 }), {
      onPass: (n) => {
        passes = n;
      },
    });
    expect(model.fitReport.passes).toBe(passes);
    expect(passes).toBeGreaterThan(2);
  });

  it('without a penalty, the covariance (standard errors) of train to 1e-8', () => {
    const inMemory = train(X, y, { penalty: 'none', kernel: 'plain' });
    const streamed = trainStream(matrixChunkSource(X, y, { chunkRows: 128 }), { penalty: 'none' });
    expect(
      maxRelativeError(streamed.inference!.covariance!, inMemory.inference!.covariance!),
    ).toBeLessThan(1e-8);
    expect(streamed.inference!.logLikelihood).toBeCloseTo(inMemory.inference!.logLikelihood, 8);
    expect(streamed.inference!.nullLogLikelihood).toBeCloseTo(
      inMemory.inference!.nullLogLikelihood,
      8,
    );
  });

  it('pima: the default fit equals train with the WebAssembly kernel to 1e-10', () => {
    const pima = loadDataset('pima');
    // Newton to the rounding floor: both fits at the optimum, whatever their kernels' rounding.
    const options = { solver: 'newton', tolerance: 1e-12 } as const;
    const inMemory = train(pima.X, pima.y, options);
    const streamed = trainStream(
      matrixChunkSource(pima.X, pima.y, { chunkRows: 100, featureNames: pima.featureNames }),
      options,
    );
    expect(maxRelativeError(params(streamed), params(inMemory), 1e-8)).toBeLessThan(1e-10);
    expect(streamed.featureNames).toEqual(pima.featureNames);
    const json = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(streamed.toJSON())));
    expect(json.fitReport.passes).toBe(streamed.fitReport.passes);
  });

  it('string labels and the positive class as train', () => {
    const labels = y.map((v) => (v === 1 ? 'yes' : 'no'));
    const streamed = trainStream(matrixChunkSource(X, labels, { positiveClass: 'no' }), {
      tolerance: 1e-9,
    });
    const inMemory = train(X, labels, { positiveClass: 'no', tolerance: 1e-9, kernel: 'plain' });
    expect(streamed.classes).toEqual(['no', 'yes']);
    expect(streamed.positiveClass).toBe('no');
    expect(maxRelativeError(params(streamed), params(inMemory), 1e-8)).toBeLessThan(1e-8);
  });
});

describe('trainStream: one-pass sgd with progressive validation', () => {
  const { X, y } = synthetic(11, 20000, 4);

  it('one pass by default; progressive loss near the held-out loss; near the optimum', () => {
    const source = matrixChunkSource(X, y, { chunkRows: 1000 });
    const model = trainStream(source, {
      solver: 'sgd',
      standardize: true,
      batchSize: 8,
      average: true,
    });
    const report = model.fitReport;
    expect(report.iterations).toBe(1);
    // Moments, the start's evaluation, the learning pass and the final evaluation.
    expect(report.passes).toBe(4);
    const exact = trainStream(source, { standardize: true, tolerance: 1e-9 });
    const progressive = report.progressiveValidationLoss!;
    // Scored before training, so above the training loss of the optimum, but not by much.
    expect(progressive).toBeGreaterThan(exact.fitReport.logLoss);
    expect(progressive).toBeLessThan(exact.fitReport.logLoss + 0.02);
    expect(report.objective - exact.fitReport.objective).toBeLessThan(1e-4);
    expect(report.warnings[0]).toMatch(/progressive validation loss/);
  });

  it('the progressive loss of a pass is the mean loss of the rows scored before their update', () => {
    // One row per batch and learning rate tiny: every row is scored at (almost) the start point.
    const small = synthetic(3, 200, 2);
    const model = trainStream(matrixChunkSource(small.X, small.y, { chunkRows: 64 }), {
      solver: 'sgd',
      batchSize: 1,
      learningRate: 1e-300,
      learningRateSchedule: 'constant',
    });
    const rate = small.y.reduce((a, b) => a + b, 0) / small.y.length;
    const startLoss = -(rate * Math.log(rate) + (1 - rate) * Math.log(1 - rate));
    expect(model.fitReport.progressiveValidationLoss).toBeCloseTo(startLoss, 12);
  });
});

describe('trainStream: checks', () => {
  const { X, y } = synthetic(5, 50, 2);

  it('refuses options a streamed fit cannot honour', () => {
    const source = matrixChunkSource(X, y);
    expect(() => trainStream(source, { classWeight: 'balanced' } as never)).toThrow(
      /option 'classWeight' is not available for streamed fits/,
    );
    expect(() => trainStream(source, { penalty: 'l1' })).toThrow(OptionError);
    expect(() => trainStream(source, { penalty: 'firth' })).toThrow(/'l2' or 'none'/);
  });

  it('names the row of a bad value, over the whole stream', () => {
    const data = Float64Array.from(X.data);
    data[2 * 37 + 1] = Number.NaN;
    expect(() =>
      trainStream(matrixChunkSource({ rows: 50, cols: 2, data }, y, { chunkRows: 8 })),
    ).toThrow(ValueError);
    const bad = {
      features: 2,
      classes: [0, 1] as const,
      positiveClass: 1,
      *chunks() {
        yield { X: { rows: 1, cols: 2, data: new Float64Array([1, 2]) }, y: new Float64Array([2]) };
      },
    };
    expect(() => trainStream(bad)).toThrow(/target of row 0 must be 0 or 1, got 2/);
  });

  it('a constant feature without a penalty is an error naming it', () => {
    const data = Float64Array.from(X.data);
    for (let i = 0; i < 50; i++) data[i * 2] = 3;
    expect(() =>
      trainStream(matrixChunkSource({ rows: 50, cols: 2, data }, y), { penalty: 'none' }),
    ).toThrow(/feature 'x0' is constant \(3\)/);
  });
});
