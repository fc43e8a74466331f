import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { maxRelativeError } from '../helpers/fixtures.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-stream-');
afterAll(() => temp.cleanup());
const pima = fixture('pima_categorical.csv');
const at = (name: string): string => join(temp.folder, name);

interface ModelFileJson {
  features: unknown[];
  training: { rows: number; droppedRows: number };
  model: {
    coefficients: number[];
    intercept: number;
    featureNames: string[];
    classes: unknown[];
    inference?: { covariance: number[] | null };
    fitReport: { passes?: number; progressiveValidationLoss?: number };
  };
}
const readModel = (path: string): ModelFileJson =>
  JSON.parse(readFileSync(path, 'utf8')) as ModelFileJson;
const params = (file: ModelFileJson): number[] => [
  ...file.model.coefficients,
  file.model.intercept,
];

describe('logreg train --memory-limit', () => {
  const common = ['--target', 'y', '--weights', 'w', '--categorical', 'age_group'];

  it('streams the CSV to the in-memory fit: same features, coefficients to 1e-10, covariance', async () => {
    const exact = ['--penalty', 'none', '--tolerance', '1e-14'];
    const inMemory = await runInProcess(['train', pima, ...common, ...exact, '-m', at('m.json')]);
    expect(inMemory.code).toBe(0);
    const streamed = await runInProcess([
      'train',
      pima,
      ...common,
      ...exact,
      '-m',
      at('s.json'),
      '--memory-limit',
      '16MB',
    ]);
    expect(streamed.stderr).toMatch(/streamed \d+ passes over a [\d.]+ MB row cache/);
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toMatch(/Trained a logistic regression/);
    const a = readModel(at('m.json'));
    const b = readModel(at('s.json'));
    expect(b.features).toEqual(a.features);
    expect(b.model.featureNames).toEqual(a.model.featureNames);
    expect(b.model.classes).toEqual(a.model.classes);
    expect(b.training).toEqual(a.training);
    expect(maxRelativeError(params(b), params(a), 1e-8)).toBeLessThan(1e-10);
    expect(
      maxRelativeError(b.model.inference!.covariance!, a.model.inference!.covariance!),
    ).toBeLessThan(1e-8);
  });

  it('--cache keeps the binary row cache (one double per kept column per row), reused by the next fit', async () => {
    const args = ['train', pima, ...common, '--memory-limit', '64MB', '--cache', at('rows.cache')];
    const result = await runInProcess([...args, '-m', at('c.json'), '-q']);
    expect(result.code).toBe(0);
    // 5 features columns, the target's code and the weight, 768 rows, 8 bytes each; then the
    // trailer (the layout as JSON, its 4-byte length, 8 bytes of magic).
    const bytes = readFileSync(at('rows.cache'));
    expect(bytes.length).toBe(768 * 7 * 8 + bytes.readUInt32LE(bytes.length - 12) + 12);
    expect(result.stderr).not.toMatch(/streamed/);
    const again = await runInProcess([...args, '-m', at('c2.json'), '-q']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /reusing the row cache ".*rows\.cache" \(.*pima_categorical\.csv is unchanged\)/,
    );
    expect(params(readModel(at('c2.json')))).toEqual(params(readModel(at('c.json'))));
  });

  it('sgd: one pass, the progressive validation loss in the report and --json', async () => {
    const result = await runInProcess([
      'train',
      pima,
      ...common,
      '-m',
      at('g.json'),
      '--memory-limit',
      '16MB',
      '--solver',
      'sgd',
      '--standardize',
      '--average',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { passes: number; progressiveValidationLoss: number };
    expect(json.passes).toBe(4);
    expect(json.progressiveValidationLoss).toBeGreaterThan(0.4);
    expect(json.progressiveValidationLoss).toBeLessThan(0.7);
    expect(readModel(at('g.json')).model.fitReport.progressiveValidationLoss).toBe(
      json.progressiveValidationLoss,
    );
  });

  it('refuses what a streamed fit cannot do, and bad sizes', async () => {
    const se = await runInProcess([
      'train',
      pima,
      ...common,
      '--se',
      'hc1',
      '--memory-limit',
      '64MB',
    ]);
    expect(se.code).toBe(2);
    expect(se.stderr).toMatch(/--se does not go with --memory-limit/);
    const size = await runInProcess(['train', pima, ...common, '--memory-limit', '12 parsecs']);
    expect(size.code).toBe(2);
    expect(size.stderr).toMatch(/expected a size of at least 16MB/);
    const iris = await runInProcess([
      'train',
      fixture('iris.csv'),
      '--target',
      'species',
      '--memory-limit',
      '64MB',
      '-m',
      at('i.json'),
    ]);
    expect(iris.code).toBe(1);
    expect(iris.stderr).toMatch(/has 3 classes .* a streamed fit \(--memory-limit\) takes two/);
    const cache = await runInProcess(['train', pima, ...common, '--cache', at('x.cache')]);
    expect(cache.code).toBe(2);
    const progress = await runInProcess(['train', pima, ...common, '--progress']);
    expect(progress.code).toBe(2);
    expect(progress.stderr).toMatch(/--progress goes with --memory-limit/);
  });
});
