import { describe, expect, it } from 'vitest';
import { loadJson } from '../helpers/fixtures.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

/** scikit-learn 1.2.1 (scripts/sklearn-cv-multiclass.py): StratifiedKFold(5, shuffle=False) on wine. */
const ref = loadJson<{ folds: Record<string, number>[] }>('sklearn_cv_wine.json');

describe('logreg cv on more than two classes', () => {
  it("cross-validates the multinomial model: scikit-learn's folds and metrics", async () => {
    const wine = fixture('cv_wine.csv');
    const args = [
      'cv',
      wine,
      '-t',
      'y',
      '--standardize',
      '--no-shuffle',
      '--tolerance',
      '1e-10',
      '-q',
    ];
    const result = await runInProcess([...args, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      model: string;
      perFold: Record<string, number>[];
    };
    expect(json.model).toBe('multinomial');
    json.perFold.forEach((fold, f) => {
      expect(fold.accuracy).toBe(ref.folds[f].accuracy);
      expect(fold.macroRocAuc).toBeCloseTo(ref.folds[f].macroRocAuc, 12);
      expect(Math.abs(fold.logLoss - ref.folds[f].logLoss) / ref.folds[f].logLoss).toBeLessThan(
        1e-4,
      );
    });
    const text = await runInProcess(args);
    expect(text.stdout).toContain('(3 classes, multinomial model)');
    expect(text.stdout).toContain('ROC AUC (one-vs-rest, macro)');
  });
});
