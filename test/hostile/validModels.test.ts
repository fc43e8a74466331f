import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FitError, ModelFormatError, ValueError } from '../../src/errors.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { modelFromJSON } from '../../src/model/modelFromJSON.js';
import { MultinomialLogisticRegressionModel as MultinomialModel } from '../../src/model/multinomialModel.js';
import { OneVsRestModel } from '../../src/model/oneVsRestModel.js';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-models-');
afterAll(() => temp.cleanup());

/** 40 rows, two overlapping classes (no separation), from a fixed rule. */
const X = Array.from({ length: 40 }, (_, i) => [((i * 7) % 11) - 5, ((i * 5) % 13) / 3]);
const y = X.map(([a, b], i) => (a! + b! + ((i * 3) % 5) - 2 > 0 ? 1 : 0));
const y3 = X.map((_, i) => ['a', 'b', 'c'][i % 3]!);

describe('train refuses non-finite fits (FitError) instead of returning them', () => {
  it('sgd with a constant learning rate of 1e6 diverges: FitError naming the remedy', () => {
    const fit = (): unknown =>
      train(X, y, {
        solver: 'sgd',
        learningRate: 1e6,
        learningRateSchedule: 'constant',
        maxIterations: 50,
        seed: 1,
      });
    expect(fit).toThrow(FitError);
    expect(fit).toThrow(/^train: the fit gave non-finite .*smaller learning rate/);
  });

  it('gd with a huge step diverges on three classes: FitError from trainMulticlass', () => {
    const fit = (): unknown =>
      trainMulticlass(X, y3, { solver: 'gd', learningRate: 1e300, maxIterations: 20 });
    expect(fit).toThrow(FitError);
  });

  it('weights whose sum overflows are refused with the remedy (each one is finite)', () => {
    const fit = (): unknown => train(X, y, { sampleWeight: X.map(() => 1e308) });
    expect(fit).toThrow(ValueError);
    expect(fit).toThrow(/sum to more than the largest double .*divide them by a constant/);
    // The remedy holds: the unpenalized fit does not depend on the scale of the weights.
    const a = train(X, y, { penalty: 'none', sampleWeight: X.map((_, i) => 1 + (i % 3)) });
    const b = train(X, y, {
      penalty: 'none',
      sampleWeight: X.map((_, i) => (1 + (i % 3)) * 1e300),
    });
    a.coefficients.forEach((c, j) => expect(b.coefficients[j]).toBeCloseTo(c, 6));
  });
});

describe('fromJSON checks every field it later reads', () => {
  const binary = JSON.parse(JSON.stringify(train(X, y))) as Record<string, unknown>;
  const multinomial = JSON.parse(JSON.stringify(trainMulticlass(X, y3))) as Record<string, unknown>;
  const ovr = JSON.parse(JSON.stringify(trainMulticlass(X, y3, { multiClass: 'ovr' }))) as Record<
    string,
    unknown
  >;
  const report = binary.fitReport as Record<string, unknown>;

  it('fitReport {} names its first missing field, for every model kind', () => {
    expect(() => LogisticRegressionModel.fromJSON({ ...binary, fitReport: {} })).toThrow(
      /^fromJSON: fitReport\.solver must be one of/,
    );
    expect(() => MultinomialModel.fromJSON({ ...multinomial, fitReport: {} })).toThrow(
      ModelFormatError,
    );
    const reports = ovr.classFitReports as unknown[];
    expect(() =>
      OneVsRestModel.fromJSON({ ...ovr, classFitReports: [reports[0], {}, reports[2]] }),
    ).toThrow(/classFitReports\[1\]\.solver/);
    expect(() => modelFromJSON({ ...binary, fitReport: {} })).toThrow(ModelFormatError);
  });

  const corruptions: [string, unknown][] = [
    ['penalty', 'l3'],
    ['C', -1],
    ['iterations', 1.5],
    ['converged', 'yes'],
    ['objective', null],
    ['logLoss', 'x'],
    ['nObservations', -3],
    ['warnings', [1]],
    ['lossHistory', 'none'],
    ['separation', { kind: 'some', features: [] }],
    ['stopReason', 'bored'],
  ];
  for (const [field, value] of corruptions) {
    it(`fitReport.${field} = ${JSON.stringify(value)} is refused naming the field`, () => {
      expect(() =>
        LogisticRegressionModel.fromJSON({ ...binary, fitReport: { ...report, [field]: value } }),
      ).toThrow(new RegExp(`fitReport\\.${field} must be`));
    });
  }

  it('a valid report with a null in lossHistory (JSON of a non-finite start) loads', () => {
    const history = [null, ...(report.lossHistory as number[])];
    const model = LogisticRegressionModel.fromJSON({
      ...binary,
      fitReport: { ...report, lossHistory: history },
    });
    expect(model.fitReport.lossHistory[0]).toBeNull();
  });

  it('inference.profile and covarianceNote are checked', () => {
    const inference = {
      logLikelihood: -1,
      nullLogLikelihood: -2,
      nObservations: 40,
      covariance: null,
    };
    expect(() =>
      LogisticRegressionModel.fromJSON({ ...binary, inference: { ...inference, profile: {} } }),
    ).toThrow(/inference\.profile/);
    expect(() =>
      LogisticRegressionModel.fromJSON({
        ...binary,
        inference: { ...inference, covarianceNote: 3 },
      }),
    ).toThrow(/inference\.covarianceNote/);
  });
});

describe('CLI: a model is written only if valid', () => {
  const rows = ['a,b,y', ...X.map(([a, b], i) => `${a},${b},${y[i]}`)].join('\n');

  it('a diverging sgd fit: exit 1, the existing model untouched', async () => {
    const data = temp.file('d.csv', rows);
    const model = join(temp.folder, 'd.model.json');
    expect((await runInProcess(['train', data, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
    const before = readFileSync(model, 'utf8');
    const mtime = statSync(model).mtimeMs;
    const result = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '-m',
      model,
      '-q',
      '--solver',
      'sgd',
      '--learning-rate',
      '1e6',
      '--learning-rate-schedule',
      'constant',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^logreg: error: train: the fit gave non-finite/);
    expect(readFileSync(model, 'utf8')).toBe(before);
    expect(statSync(model).mtimeMs).toBe(mtime);
  });

  it('weights of 1e308: exit 1, nothing written', async () => {
    const data = temp.file(
      'w.csv',
      ['a,b,w,y', ...X.map(([a, b], i) => `${a},${b},1e308,${y[i]}`)].join('\n'),
    );
    const model = join(temp.folder, 'w.model.json');
    const result = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--weights',
      'w',
      '-m',
      model,
      '-q',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/row weights sum to more than the largest double/);
    expect(() => statSync(model)).toThrow();
  });

  it('summary of a model file whose fitReport is {}: exit 1 naming the field', async () => {
    const data = temp.file('s.csv', rows);
    const model = join(temp.folder, 's.model.json');
    expect((await runInProcess(['train', data, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
    const file = JSON.parse(readFileSync(model, 'utf8')) as { model: Record<string, unknown> };
    file.model.fitReport = {};
    writeFileSync(model, JSON.stringify(file));
    const result = await runInProcess(['summary', model]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^logreg: error: .*s\.model\.json: fitReport\.solver must be/);
  });
});
