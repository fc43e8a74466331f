import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseC, crossValidate, train } from '../../src/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-cv-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');
const { X, y, featureNames } = loadDataset('pima');

async function ok(args: readonly string[]): Promise<string> {
  const result = await runInProcess(args, temp.folder);
  if (result.code !== 0) throw new Error(`logreg ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('logreg cv', () => {
  it('prints the mean and std of each metric over stratified folds', async () => {
    const text = await ok(['cv', pima, '-t', 'y', '--folds', '5']);
    expect(text).toMatch(/5 stratified folds, seed 0/);
    const cv = crossValidate(X, y, { featureNames }, { folds: 5, seed: 0 });
    expect(text).toMatch(
      new RegExp(`ROC AUC\\s+${cv.mean.rocAuc.toPrecision(4)}\\s+${cv.std.rocAuc.toPrecision(3)}`),
    );
    for (const label of ['accuracy', 'balanced accuracy', 'F1', 'log loss', 'Brier score']) {
      expect(text).toContain(label);
    }
  });

  it('--json gives each fold, equal to the library for the same seed and train options', async () => {
    const args = ['cv', pima, '-t', 'y', '--folds', '4', '--seed', '7', '--C', '0.5', '--json'];
    const json = JSON.parse(await ok(args)) as {
      mean: Record<string, number>;
      std: Record<string, number>;
      perFold: Record<string, number>[];
    };
    const cv = crossValidate(X, y, { featureNames, C: 0.5 }, { folds: 4, seed: 7 });
    expect(json.perFold).toEqual(cv.folds);
    expect(json.mean).toEqual(cv.mean);
    expect(json.std).toEqual(cv.std);
    expect(JSON.parse(await ok(args))).toEqual(json);
  });

  it('--Cs chooses C by cross-validated log loss, draws the curve and writes the refit model', async () => {
    const text = await ok(
      ['cv', pima, '-t', 'y', '--Cs', '0.001,0.01,0.1,1', '--standardize'].concat([
        '--plot-cv',
        'cv.svg',
        '--model',
        'best.json',
      ]),
    );
    const choice = chooseC(
      X,
      y,
      { featureNames, standardize: true },
      { Cs: [0.001, 0.01, 0.1, 1] },
    );
    expect(text).toMatch(new RegExp(`chosen C\\s+${choice.bestC} \\(the best mean log loss\\)`));
    expect(text).toMatch(/← chosen/);
    expect(readFileSync(join(temp.folder, 'cv.svg'), 'utf8')).toMatch(/best C = /);
    const file = JSON.parse(readFileSync(join(temp.folder, 'best.json'), 'utf8')) as {
      model: { coefficients: number[]; fitReport: { C: number } };
    };
    expect(file.model.coefficients).toEqual(choice.model.coefficients);
    expect(file.model.fitReport.C).toBe(choice.bestC);
    const predicted = (await ok(['predict', 'best.json', pima]))
      .trim()
      .split('\n')
      .slice(1)
      .map(Number);
    expect(predicted).toEqual(choice.model.predict(X));
  });

  it('--Cs <count> with --scoring and --one-se, as JSON', async () => {
    const json = JSON.parse(
      await ok(['cv', pima, '-t', 'y', '--Cs', '5', '--scoring', 'rocAuc', '--one-se', '--json']),
    ) as {
      Cs: number[];
      mean: number[];
      bestC: number;
      scoring: string;
      oneStandardError: boolean;
    };
    const choice = chooseC(
      X,
      y,
      { featureNames },
      { Cs: 5, scoring: 'rocAuc', oneStandardError: true },
    );
    expect(json).toMatchObject({
      Cs: choice.Cs,
      mean: choice.mean,
      bestC: choice.bestC,
      scoring: 'rocAuc',
      oneStandardError: true,
    });
  });

  it('bad cv flags are usage errors', async () => {
    for (const [args, message] of [
      [['--plot-cv', 'cv.svg'], /--plot-cv needs --Cs/],
      [['--model', 'm.json'], /--model needs --Cs/],
      [['--Cs', '0,1'], /'--Cs <grid>' argument '0,1' is invalid/],
      [['--Cs', '3', '--C', '2'], /give --C or --Cs, not both/],
      [['--Cs', '3', '--penalty', 'none'], /--penalty must be 'l2' to choose C/],
      [['--folds', '1'], /'--folds <k>' argument '1' is invalid/],
      [['--scoring', 'r2', '--Cs', '3'], /Allowed choices are logLoss/],
    ] as const) {
      const result = await runInProcess(['cv', pima, '-t', 'y', ...args], temp.folder);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('a class with fewer rows than folds is a data error', async () => {
    const lines = readFileSync(pima, 'utf8').trim().split('\n');
    const few = [
      lines[0],
      ...lines.slice(1).filter((l) => l.endsWith(',0')),
      lines.find((l) => l.endsWith(',1')),
    ];
    const file = temp.file('few.csv', `${few.join('\n')}\n`);
    const result = await runInProcess(['cv', file, '-t', 'y'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/logreg: error: /);
  });
});

describe('logreg train --solver sgd', () => {
  it('passes the sgd flags to the library: the same model bit for bit', async () => {
    const json = JSON.parse(
      await ok(
        ['train', pima, '-t', 'y', '--solver', 'sgd', '--standardize', '--batch-size', '16'].concat(
          ['--learning-rate-schedule', 'invscaling', '--average', '--seed', '3'],
          ['--validation-fraction', '0.1', '-m', 'sgd.json', '--json'],
        ),
      ),
    ) as { solver: string };
    expect(json.solver).toBe('sgd');
    const model = train(X, y, {
      featureNames,
      solver: 'sgd',
      standardize: true,
      batchSize: 16,
      learningRateSchedule: 'invscaling',
      average: true,
      seed: 3,
      validationFraction: 0.1,
    });
    const file = JSON.parse(readFileSync(join(temp.folder, 'sgd.json'), 'utf8')) as {
      model: { coefficients: number[]; intercept: number };
    };
    expect(file.model.coefficients).toEqual(model.coefficients);
    expect(file.model.intercept).toBe(model.intercept);
  });

  it('sgd flags with another solver are noted and ignored', async () => {
    const result = await runInProcess(
      ['train', pima, '-t', 'y', '--batch-size', '8', '--seed', '2'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/--seed, --batch-size apply to --solver sgd only/);
  });

  it('bad sgd flags are usage errors', async () => {
    for (const [args, message] of [
      [['--batch-size', '0'], /expected an integer ≥ 1/],
      [['--learning-rate-schedule', 'cosine'], /Allowed choices are constant, invscaling, optimal/],
      [['--validation-fraction', '1'], /expected a number in \[0, 1\)/],
    ] as const) {
      const result = await runInProcess(
        ['train', pima, '-t', 'y', '--solver', 'sgd', ...args],
        temp.folder,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
