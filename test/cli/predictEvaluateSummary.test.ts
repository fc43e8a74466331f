import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train } from '../../src/index.js';
import { binaryReport } from '../../src/metrics/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-predict-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');
const pimaCategorical = fixture('pima_categorical.csv');

beforeAll(async () => {
  for (const [data, model, extra] of [
    [pima, 'pima.json', []],
    [pimaCategorical, 'cat.json', ['--weights', 'w']],
  ] as const) {
    const result = await runInProcess(
      ['train', data, '--target', 'y', '--model', model, '--quiet', ...extra],
      temp.folder,
    );
    if (result.code !== 0) throw new Error(result.stderr);
  }
});

function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

describe('logreg predict', () => {
  it('writes a prediction column, and with --proba the library probabilities bit for bit', async () => {
    const result = await runInProcess(['predict', 'pima.json', pima, '--proba'], temp.folder);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const rows = csvRows(result.stdout);
    expect(rows[0]).toEqual(['prediction', 'probability']);
    expect(rows).toHaveLength(769);
    const { X, y, featureNames } = loadDataset('pima');
    const model = train(X, y, { featureNames });
    const p = model.positiveProbability(X);
    const labels = model.predict(X);
    rows.slice(1).forEach(([label, probability], i) => {
      expect(Number(probability)).toBe(p[i]);
      expect(Number(label)).toBe(labels[i]);
    });
  });

  it('without --proba writes only predictions; the target column may be absent', async () => {
    const lines = readFileSync(pima, 'utf8').trim().split('\n');
    const noTarget = lines.map((line) => line.replace(/,[^,]*$/, '')).join('\n');
    writeFileSync(join(temp.folder, 'unlabelled.csv'), noTarget);
    const result = await runInProcess(['predict', 'pima.json', 'unlabelled.csv'], temp.folder);
    expect(result.code).toBe(0);
    const rows = csvRows(result.stdout);
    expect(rows[0]).toEqual(['prediction']);
    expect(rows).toHaveLength(769);
  });

  it('ignores extra columns and column order; --output writes a file', async () => {
    const lines = readFileSync(pima, 'utf8').trim().split('\n');
    const shuffled = lines.map((line, i) => {
      const cells = line.split(',');
      return [i === 0 ? 'note' : 'x', ...cells.reverse()].join(',');
    });
    writeFileSync(join(temp.folder, 'shuffled.csv'), shuffled.join('\n'));
    const direct = (await runInProcess(['predict', 'pima.json', pima, '--proba'], temp.folder))
      .stdout;
    const result = await runInProcess(
      ['predict', 'pima.json', 'shuffled.csv', '--proba', '--output', 'out.csv'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(temp.folder, 'out.csv'), 'utf8')).toBe(direct);
  });

  it('missing feature columns are an error that names them', async () => {
    writeFileSync(join(temp.folder, 'partial.csv'), 'glucose,mass,y\n100,30,1\n');
    const result = await runInProcess(['predict', 'pima.json', 'partial.csv'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /partial\.csv: line 1: no columns "pregnant", "pressure", "triceps", "insulin", "pedigree", "age" in the header/,
    );
  });

  it('a categorical level not seen in training is an error naming column and value', async () => {
    const text = readFileSync(pimaCategorical, 'utf8').replace(/,31-45,/, ',99+,');
    writeFileSync(join(temp.folder, 'unseen.csv'), text);
    const line = text.split('\n').findIndex((l) => l.includes('99+')) + 1;
    const result = await runInProcess(['predict', 'cat.json', 'unseen.csv'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `unseen\\.csv: line ${line}, column "age_group": level "99\\+" was not seen in training \\(levels: "21-30", "31-45", "46\\+"\\)`,
      ),
    );
  });

  it('predicts with categorical levels coded as in training', async () => {
    const result = await runInProcess(
      ['predict', 'cat.json', pimaCategorical, '--proba'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const model = JSON.parse(readFileSync(join(temp.folder, 'cat.json'), 'utf8')) as {
      model: { coefficients: number[]; intercept: number; featureNames: string[] };
    };
    const lines = readFileSync(pimaCategorical, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const first = Object.fromEntries(header.map((h, j) => [h, lines[1]!.split(',')[j]!]));
    // Row 1 is in age group 46+: its features are the numbers and age_group=46+ = 1.
    const x = model.model.featureNames.map((name) =>
      name.startsWith('age_group=')
        ? Number(name === `age_group=${first.age_group}`)
        : Number(first[name]),
    );
    const z = x.reduce((s, v, j) => s + v * model.model.coefficients[j]!, model.model.intercept);
    expect(Number(csvRows(result.stdout)[1]![1])).toBeCloseTo(1 / (1 + Math.exp(-z)), 14);
  });

  it('a model file that is not one is an error', async () => {
    writeFileSync(join(temp.folder, 'not-a-model.json'), '{"hello": 1}');
    const result = await runInProcess(['predict', 'not-a-model.json', pima], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not-a-model\.json: not a model file: format is undefined/);
    writeFileSync(join(temp.folder, 'garbled.json'), '{"format": "logreg-cli-mo');
    expect((await runInProcess(['predict', 'garbled.json', pima], temp.folder)).stderr).toMatch(
      /garbled\.json: not a model file: not valid JSON/,
    );
  });
});

describe('logreg evaluate', () => {
  it('--json prints exactly the fields of the issue, equal to the metrics module on the library probabilities', async () => {
    const result = await runInProcess(
      ['evaluate', 'pima.json', pima, '--json', '--target', 'y'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      [
        'accuracy',
        'averagePrecision',
        'balancedAccuracy',
        'brierScore',
        'confusionMatrix',
        'expectedCalibrationError',
        'f1',
        'logLoss',
        'n',
        'positiveClass',
        'precision',
        'recall',
        'rocAuc',
        'threshold',
      ].sort(),
    );
    const { X, y, featureNames } = loadDataset('pima');
    const report = binaryReport(y, train(X, y, { featureNames }).positiveProbability(X));
    expect(json).toMatchObject({
      n: 768,
      accuracy: report.accuracy,
      precision: report.precision,
      recall: report.recall,
      f1: report.f1,
      logLoss: report.logLoss,
      rocAuc: report.rocAuc,
      brierScore: report.brierScore,
      confusionMatrix: report.confusionMatrix,
      positiveClass: 1,
    });
  });

  it('prints a readable report, defaults --target to the model target, writes the ROC curve', async () => {
    const result = await runInProcess(
      ['evaluate', 'pima.json', pima, '--roc', 'roc.svg'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    for (const label of [
      'accuracy',
      'precision',
      'recall',
      'F1',
      'log loss',
      'ROC AUC',
      'Brier score',
      'Confusion matrix',
    ]) {
      expect(result.stdout).toContain(label);
    }
    const svg = readFileSync(join(temp.folder, 'roc.svg'), 'utf8');
    expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
    expect(svg).toMatch(/AUC = 0\.\d{3}/);
  });

  it('a label the model does not know is an error naming its line', async () => {
    writeFileSync(
      join(temp.folder, 'two.csv'),
      'pregnant,glucose,pressure,triceps,insulin,mass,pedigree,age,y\n1,85,66,29,0,26.6,0.351,31,0\n1,85,66,29,0,26.6,0.351,31,2\n',
    );
    const result = await runInProcess(['evaluate', 'pima.json', 'two.csv'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /two\.csv: line 3, column "y": label "2" is not one of the model's classes \("0", "1"\)/,
    );
  });

  it('a data file without the target column is an error', async () => {
    writeFileSync(
      join(temp.folder, 'nolabel.csv'),
      'pregnant,glucose,pressure,triceps,insulin,mass,pedigree,age\n1,85,66,29,0,26.6,0.351,31\n',
    );
    const result = await runInProcess(['evaluate', 'pima.json', 'nolabel.csv'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nolabel\.csv: line 1: no column "y" in the header/);
  });
});

describe('LIBSVM data end to end', () => {
  it('a model trained on LIBSVM predicts and evaluates LIBSVM files, also with unused trailing features', async () => {
    const lines = readFileSync(pima, 'utf8').trim().split('\n').slice(1);
    const svm = lines.map((line) => {
      const cells = line.split(',');
      const label = cells.pop()!;
      return `${label} ${cells.map((v, j) => `${j + 1}:${v}`).join(' ')}`;
    });
    writeFileSync(join(temp.folder, 'pima.svm'), `${svm.join('\n')}\n`);
    // Features 7 and 8 absent from every row: the file is read as 6 features, padded to the model's 8.
    const short = lines.map((line) => `${line.split(',').pop()!} 1:1 3:2`);
    writeFileSync(join(temp.folder, 'short.libsvm'), `${short.join('\n')}\n`);
    expect(
      (await runInProcess(['train', 'pima.svm', '--model', 'svm.json', '--quiet'], temp.folder))
        .code,
    ).toBe(0);
    const fromCsv = csvRows(
      (await runInProcess(['predict', 'pima.json', pima, '--proba'], temp.folder)).stdout,
    );
    const fromSvm = csvRows(
      (await runInProcess(['predict', 'svm.json', 'pima.svm', '--proba'], temp.folder)).stdout,
    );
    // The CSR fit reaches the same optimum, summed in another order: equal to 1e-12.
    expect(fromSvm).toHaveLength(fromCsv.length);
    fromSvm.forEach((row, i) => {
      expect(row[0]).toBe(fromCsv[i]![0]);
      if (i > 0) expect(Math.abs(Number(row[1]) - Number(fromCsv[i]![1]))).toBeLessThan(1e-12);
    });
    const evaluation = await runInProcess(
      ['evaluate', 'svm.json', 'pima.svm', '--json'],
      temp.folder,
    );
    expect(evaluation.code).toBe(0);
    expect((JSON.parse(evaluation.stdout) as { n: number }).n).toBe(768);
    const padded = await runInProcess(['predict', 'svm.json', 'short.libsvm'], temp.folder);
    expect(padded.code, padded.stderr).toBe(0);
    expect(csvRows(padded.stdout)).toHaveLength(769);
  });
});

describe('logreg summary', () => {
  it('--json lists (Intercept) first and the estimates of the model file', async () => {
    const result = await runInProcess(['summary', 'cat.json', '--json'], temp.folder);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      coefficients: { name: string; estimate: number }[];
      categorical: unknown[];
      fitReport: Record<string, unknown>;
    };
    const file = JSON.parse(readFileSync(join(temp.folder, 'cat.json'), 'utf8')) as {
      model: { coefficients: number[]; intercept: number; featureNames: string[] };
    };
    expect(json.coefficients[0]).toMatchObject({
      name: '(Intercept)',
      estimate: file.model.intercept,
    });
    expect(json.coefficients.slice(1)).toMatchObject(
      file.model.featureNames.map((name, j) => ({ name, estimate: file.model.coefficients[j] })),
    );
    expect(json.categorical).toEqual([
      { column: 'age_group', levels: ['21-30', '31-45', '46+'], reference: '21-30' },
    ]);
    expect(json.fitReport).toMatchObject({ solver: 'lbfgs', converged: true, nObservations: 768 });
    expect(json.fitReport).not.toHaveProperty('lossHistory');
  });

  it('prints the coefficient table and the fit report as text', async () => {
    const result = await runInProcess(['summary', 'pima.json'], temp.folder);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Coefficients/);
    expect(lines[2]).toMatch(/^\(Intercept\)\s+-8\.\d+/);
    expect(result.stdout).toMatch(/converged \(gradient-tolerance\)/);
  });

  it('a missing model file is an error', async () => {
    const result = await runInProcess(['summary', 'absent.json'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/absent\.json: no such file/);
  });
});
