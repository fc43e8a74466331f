import { describe, expect, it } from 'vitest';
import { crossValidate } from '../../src/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const pima = fixture('pima.csv');
const { X, y, featureNames } = loadDataset('pima');

interface CvJson {
  readonly shuffle: boolean;
  readonly perFold: Record<string, number>[];
}

async function cvJson(extra: readonly string[]): Promise<CvJson> {
  const result = await runInProcess(['cv', pima, '-t', 'y', '--folds', '4', '--json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as CvJson;
}

describe('logreg cv --no-shuffle', () => {
  it("scores the library's unshuffled folds (scikit-learn's StratifiedKFold(shuffle=False))", async () => {
    const json = await cvJson(['--no-shuffle']);
    expect(json.shuffle).toBe(false);
    const unshuffled = crossValidate(X, y, { featureNames }, { folds: 4, shuffle: false });
    const shuffledFolds = crossValidate(X, y, { featureNames }, { folds: 4, seed: 0 });
    expect(json.perFold.map((f) => f.logLoss)).toEqual(unshuffled.folds.map((f) => f.logLoss));
    expect(json.perFold.map((f) => f.logLoss)).not.toEqual(
      shuffledFolds.folds.map((f) => f.logLoss),
    );
  });

  it('shuffles by default, and says which in its text', async () => {
    expect((await cvJson([])).shuffle).toBe(true);
    const text = await runInProcess(['cv', pima, '-t', 'y', '--folds', '3', '--no-shuffle']);
    expect(text.stdout).toMatch(/3 stratified folds, not shuffled/);
  });

  it('--folds above the smallest class names that class and the largest possible k', async () => {
    const result = await runInProcess(['cv', pima, '-t', 'y', '--folds', '600']);
    expect(result.code).toBe(1);
    // pima: class 1 (268 rows) appears first, class 0 has 500; both are below 600.
    expect(result.stderr).toMatch(/class 1 has 268 rows, fewer than folds = 600.*folds ≤ 268/);
  });
});
