import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainMulticlass } from '../../src/index.js';
import { multiclassReport } from '../../src/metrics/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-multiclass-');
afterAll(() => temp.cleanup());
const digits = fixture('digits.csv');
const { X, y, featureNames } = loadDataset('digits', 'label');
const options = { featureNames, standardize: true, C: 0.1 } as const;

async function ok(args: readonly string[]): Promise<string> {
  const result = await runInProcess(args, temp.folder);
  if (result.code !== 0) throw new Error(`logreg ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const fit = ['-t', 'label', '--standardize', '--C', '0.1', '-q'];

beforeAll(async () => {
  await ok(['train', digits, ...fit, '-m', 'multinomial.json']);
  await ok(['train', digits, ...fit, '--multi-class', 'ovr', '-m', 'ovr.json']);
});

function modelOf(name: string): { kind: string; coefficients: number[][]; intercepts: number[] } {
  const file = JSON.parse(readFileSync(join(temp.folder, name), 'utf8')) as {
    model: { kind: string; coefficients: number[][]; intercepts: number[] };
  };
  return file.model;
}

describe('logreg with more than two classes', () => {
  const multinomial = trainMulticlass(X, y, options);

  it('train fits a multinomial model by default, --multi-class ovr one-vs-rest, as the library', () => {
    const m = modelOf('multinomial.json');
    expect(m.kind).toBe('multinomial');
    expect(m.coefficients).toEqual(multinomial.coefficients);
    expect(m.intercepts).toEqual(multinomial.intercepts);
    const ovr = trainMulticlass(X, y, { ...options, multiClass: 'ovr' });
    expect(modelOf('ovr.json')).toMatchObject({
      kind: 'one-vs-rest',
      coefficients: ovr.coefficients,
    });
  });

  it('predict --proba gives one column p(<class>) per class, equal to the library', async () => {
    const rows = (await ok(['predict', 'multinomial.json', digits, '--proba'])).trim().split('\n');
    expect(rows[0]).toBe(`prediction,${multinomial.classes.map((c) => `p(${c})`).join(',')}`);
    const P = multinomial.predictProba(X);
    const labels = multinomial.predict(X);
    rows.slice(1).forEach((line, i) => {
      const cells = line.split(',').map(Number);
      expect(cells[0]).toBe(labels[i]);
      expect(cells.slice(1)).toEqual(Array.from(P.data.subarray(i * 10, i * 10 + 10)));
    });
  });

  it('evaluate prints accuracy, log loss, macro and weighted scores and the labelled confusion matrix', async () => {
    const json = JSON.parse(await ok(['evaluate', 'ovr.json', digits, '--json'])) as Record<
      string,
      unknown
    >;
    const ovr = trainMulticlass(X, y, { ...options, multiClass: 'ovr' });
    expect(json).toEqual({ ...multiclassReport(y, ovr.predictProba(X)), classes: ovr.classes });
    const text = await ok(['evaluate', 'multinomial.json', digits]);
    for (const label of ['accuracy', 'log loss', 'macro F1', 'weighted precision', 'weighted F1']) {
      expect(text).toContain(label);
    }
    expect(text).toMatch(/actual \\ predicted\s+0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9/);
    expect(text).toMatch(/^ {2}9\s+(\d+\s+){9}\d+$/m);
  });

  it('summary prints a coefficient table per class without standard errors', async () => {
    const text = await ok(['summary', 'multinomial.json']);
    for (const c of multinomial.classes) expect(text).toContain(`Class "${c}"`);
    expect(text).not.toMatch(/Std\. Error/);
    expect(text).toMatch(/standard errors, p-values and intervals from summary --data/);
    const json = JSON.parse(await ok(['summary', 'multinomial.json', '--json'])) as {
      kind: string;
      coefficients: { class: number; coefficients: { name: string; estimate: number }[] }[];
    };
    expect(json.kind).toBe('multinomial');
    expect(json.coefficients[3]!.class).toBe(3);
    expect(json.coefficients[3]!.coefficients[0]).toEqual({
      name: '(Intercept)',
      estimate: multinomial.intercepts[3],
    });
    expect(json.coefficients[3]!.coefficients[5]).toEqual({
      name: 'pixel_4',
      estimate: multinomial.coefficients[3]![4],
    });
  });

  it('two-class flags on multiclass models are usage errors', async () => {
    for (const args of [
      ['train', digits, '-t', 'label', '--tune-threshold', 'f1'],
      ['train', digits, '-t', 'label', '--positive-class', '3'],
      ['train', digits, '-t', 'label', '--multi-class', 'softmax'],
      ['evaluate', 'multinomial.json', digits, '--roc', 'roc.svg'],
      ['summary', 'multinomial.json', '--ci', 'profile'],
    ]) {
      const result = await runInProcess(args, temp.folder);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/two(-| )class|Allowed choices are multinomial, ovr/);
    }
  });

  it('cv --Cs --scoring brierScore on more than two classes is a usage error (cv: test/cli/cvMulticlass.test.ts)', async () => {
    const result = await runInProcess(
      ['cv', digits, '-t', 'label', '--Cs', '0.1,1', '--scoring', 'brierScore'],
      temp.folder,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--scoring brierScore is for two classes; .* has 10 classes/);
  });

  it('a label the model does not know is a data error naming its line', async () => {
    const lines = readFileSync(digits, 'utf8').trim().split('\n').slice(0, 4);
    lines[2] = lines[2]!.replace(/,\d+$/, ',11');
    const file = temp.file('unknown.csv', `${lines.join('\n')}\n`);
    const result = await runInProcess(['evaluate', 'multinomial.json', file], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 3, .*label "11" is not one of the model's classes/);
  });
});
