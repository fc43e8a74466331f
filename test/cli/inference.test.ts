import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train, tuneThreshold } from '../../src/index.js';
import { binaryReport, expectedCalibrationError } from '../../src/metrics/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-inference-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');
const breastCancer = fixture('breast_cancer.csv');

async function ok(args: readonly string[]): Promise<string> {
  const result = await runInProcess(args, temp.folder);
  if (result.code !== 0) throw new Error(`logreg ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function modelJson(name: string): Record<string, unknown> {
  const file = JSON.parse(readFileSync(join(temp.folder, name), 'utf8')) as {
    model: Record<string, unknown>;
  };
  return file.model;
}

beforeAll(async () => {
  await ok(['train', pima, '-t', 'y', '--penalty', 'none', '-m', 'ml.json', '-q']);
  await ok(['train', pima, '-t', 'y', '--penalty', 'none', '--ci', 'profile', '--level', '0.9']);
  await ok(['train', pima, '-t', 'y', '-m', 'l2.json', '-q']);
});

describe('logreg summary (inference)', () => {
  const { X, y, featureNames } = loadDataset('pima');
  const library = train(X, y, { featureNames, penalty: 'none' });

  it('--json adds the statistics of the issue, equal to the library summary', async () => {
    const json = JSON.parse(await ok(['summary', 'ml.json', '--json'])) as Record<
      string,
      unknown
    > & {
      coefficients: Record<string, unknown>[];
    };
    const expected = library.summary();
    for (const key of [
      'nObservations',
      'logLikelihood',
      'nullLogLikelihood',
      'deviance',
      'nullDeviance',
      'aic',
      'bic',
      'pseudoR2',
      'lrStatistic',
      'lrDf',
      'lrPValue',
      'converged',
      'iterations',
    ] as const) {
      expect(json[key], key).toEqual(expected[key]);
    }
    expect(json.coefficients).toEqual(expected.coefficients);
    for (const key of ['stdError', 'z', 'pValue', 'ciLower', 'ciUpper', 'oddsRatio']) {
      expect(json.coefficients[1]![key], key).toEqual(expect.any(Number));
    }
    expect(json.coefficients[0]!.name).toBe('(Intercept)');
    expect(json).toMatchObject({ target: 'y', level: 0.95, ci: 'wald', nObservations: 768 });
  });

  it("prints R's coefficient table with stars, deviances, AIC and the likelihood-ratio test", async () => {
    const text = await ok(['summary', 'ml.json']);
    expect(text).toMatch(/Estimate\s+Std\. Error\s+z value\s+Pr\(>\|z\|\)/);
    expect(text).toMatch(/^glucose\s+0\.0351\d*\s+0\.00370\d*\s+9\.48\d\s+<2e-16\s+\*\*\*/m);
    expect(text).toContain("Signif. codes:  0 '***' 0.001");
    expect(text).toMatch(/Null deviance: 993\.48/);
    expect(text).toMatch(/AIC: 741\.45/);
    expect(text).toMatch(/none \(maximum likelihood\)/);
  });

  it('--level sets the Wald interval level', async () => {
    const json = JSON.parse(await ok(['summary', 'ml.json', '--json', '--level', '0.9'])) as {
      level: number;
      coefficients: { ciLower: number; ciUpper: number }[];
    };
    const expected = library.summary({ level: 0.9 });
    expect(json.level).toBe(0.9);
    expect(json.coefficients).toEqual(expected.coefficients);
  });

  it('train --ci profile --level stores profile intervals that summary --ci profile prints', async () => {
    const json = JSON.parse(await ok(['summary', 'model.json', '--json', '--ci', 'profile'])) as {
      level: number;
      ci: string;
      coefficients: unknown[];
    };
    const profiled = train(X, y, { featureNames, penalty: 'none', profileConfidenceLevel: 0.9 });
    expect(json).toMatchObject({ level: 0.9, ci: 'profile' });
    expect(json.coefficients).toEqual(profiled.summary({ level: 0.9, ci: 'profile' }).coefficients);
    expect(await ok(['summary', 'model.json', '--ci', 'profile'])).toMatch(/profile 90% CI lower/);
  });

  it('a penalized fit shows estimates only and says why', async () => {
    const json = JSON.parse(await ok(['summary', 'l2.json', '--json'])) as {
      coefficients: { stdError: unknown; pValue: unknown }[];
      aic: unknown;
      notes: string[];
    };
    expect(json.coefficients.every((c) => c.stdError === null && c.pValue === null)).toBe(true);
    expect(json.aic).toBeNull();
    expect(json.notes[0]).toMatch(/Wald standard errors.*do not apply/);
  });

  it('summary --ci profile without stored intervals, or a bad --level, is a usage error', async () => {
    const missing = await runInProcess(['summary', 'ml.json', '--ci', 'profile'], temp.folder);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/train --ci profile --level 0\.95/);
    const level = await runInProcess(['summary', 'ml.json', '--level', '1.5'], temp.folder);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/'--level <number>' argument '1\.5' is invalid/);
    const ci = await runInProcess(['train', pima, '-t', 'y', '--ci', 'bootstrap'], temp.folder);
    expect(ci.code).toBe(2);
    expect(ci.stderr).toMatch(/Allowed choices are wald, profile/);
  });
});

describe('logreg train --penalty firth', () => {
  it('fits the separated breast-cancer data with standard errors', async () => {
    const separated = await runInProcess(
      ['train', breastCancer, '-t', 'y', '--penalty', 'none'],
      temp.folder,
    );
    expect(separated.code).toBe(1);
    expect(separated.stderr).toMatch(/--penalty firth/);
    await ok(['train', breastCancer, '-t', 'y', '--penalty', 'firth', '-m', 'firth.json', '-q']);
    const json = JSON.parse(await ok(['summary', 'firth.json', '--json'])) as {
      penalty: string;
      converged: boolean;
      coefficients: { stdError: number; estimate: number }[];
    };
    expect(json.penalty).toBe('firth');
    expect(json.converged).toBe(true);
    for (const c of json.coefficients) {
      expect(Number.isFinite(c.estimate) && c.stdError > 0).toBe(true);
    }
  });

  it('firth with the sgd solver is a usage error', async () => {
    const result = await runInProcess(
      ['train', breastCancer, '-t', 'y', '--penalty', 'firth', '--solver', 'sgd'],
      temp.folder,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--penalty firth is not supported by --solver sgd/);
  });
});

describe('logreg evaluate: new metrics and plots', () => {
  it('--json adds balanced accuracy, average precision and ECE, equal to the metrics module', async () => {
    const json = JSON.parse(await ok(['evaluate', 'l2.json', pima, '--json'])) as Record<
      string,
      unknown
    >;
    const { X, y, featureNames } = loadDataset('pima');
    const p = train(X, y, { featureNames }).positiveProbability(X);
    const report = binaryReport(y, p);
    expect(json).toMatchObject({
      threshold: 0.5,
      balancedAccuracy: report.balancedAccuracy,
      averagePrecision: report.averagePrecision,
      expectedCalibrationError: expectedCalibrationError(y, p, { bins: 10 }),
    });
  });

  it('--pr and --calibration write the curves as SVG', async () => {
    const text = await ok([
      'evaluate',
      'l2.json',
      pima,
      '--pr',
      'pr.svg',
      '--calibration',
      'cal.svg',
    ]);
    for (const label of ['balanced accuracy', 'average precision', 'calibration error']) {
      expect(text).toContain(label);
    }
    expect(readFileSync(join(temp.folder, 'pr.svg'), 'utf8')).toMatch(/AP = 0\.\d{3}/);
    expect(readFileSync(join(temp.folder, 'cal.svg'), 'utf8')).toMatch(/ECE = 0\.\d{3}/);
  });

  it('a plot path in a missing folder fails before reading', async () => {
    for (const flag of ['--pr', '--calibration']) {
      const result = await runInProcess(
        ['evaluate', 'l2.json', pima, flag, 'absent/x.svg'],
        temp.folder,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/no such folder "absent"/);
    }
  });
});

describe('logreg train --tune-threshold', () => {
  const { X, y, featureNames } = loadDataset('pima');
  const model = train(X, y, { featureNames });

  it('stores the threshold of the library on the training data; predict and evaluate use it', async () => {
    await ok(['train', pima, '-t', 'y', '--tune-threshold', 'f1', '-m', 'f1.json', '-q']);
    const expected = tuneThreshold(model, X, y, { criterion: 'f1' }).threshold!;
    expect(modelJson('f1.json').threshold).toBe(expected);
    const rows = (await ok(['predict', 'f1.json', pima, '--proba']))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    for (const [label, p] of rows) expect(label).toBe(p! >= expected ? 1 : 0);
    const json = JSON.parse(await ok(['evaluate', 'f1.json', pima, '--json'])) as Record<
      string,
      unknown
    >;
    const report = binaryReport(y, model.positiveProbability(X), { threshold: expected });
    expect(json).toMatchObject({ threshold: expected, f1: report.f1, accuracy: report.accuracy });
    expect(await ok(['summary', 'f1.json'])).toMatch(/threshold\s+0\.\d+ \(tuned/);
  });

  it('recall reaches --target-recall; youden works too', async () => {
    await ok(['train', pima, '-t', 'y', '--tune-threshold', 'recall', '--target-recall', '0.9']);
    const json = JSON.parse(await ok(['evaluate', 'model.json', pima, '--json'])) as {
      recall: number;
    };
    expect(json.recall).toBeGreaterThanOrEqual(0.9);
    const youden = JSON.parse(
      await ok(['train', pima, '-t', 'y', '--tune-threshold', 'youden', '-m', 'j.json', '--json']),
    ) as { threshold: number };
    expect(youden.threshold).toBe(tuneThreshold(model, X, y, { criterion: 'youden' }).threshold);
  });

  it('inconsistent threshold flags are usage errors', async () => {
    for (const [args, message] of [
      [['--tune-threshold', 'recall'], /needs --target-recall/],
      [['--target-recall', '0.9'], /--target-recall goes with --tune-threshold recall/],
      [['--tune-threshold', 'accuracy'], /Allowed choices are f1, youden, recall/],
      [['--tune-threshold', 'recall', '--target-recall', '0'], /expected a number in \(0, 1\]/],
    ] as const) {
      const result = await runInProcess(['train', pima, '-t', 'y', ...args], temp.folder);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
