import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

/** scikit-learn 1.2.1 (scripts/sklearn-cv-multiclass.py): StratifiedKFold(5, shuffle=False) on wine. */
const ref = loadJson<{ folds: Record<string, number>[] }>('sklearn_cv_wine.json');
/** scikit-learn 1.2.1 (scripts/sklearn-multinomial-path.py): log loss per fold and C on MASS fgl. */
const pathRef = loadJson<{
  cv: { Cs: number[]; perFold: number[][]; mean: number[]; bestC: number };
}>('sklearn_multinomial_path.json').cv;
const temp = tempFolder('logreg-cli-cv-multiclass-');
afterAll(() => temp.cleanup());

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

  it("--Cs chooses C of the multinomial model by log loss: scikit-learn's per-fold losses and C", async () => {
    const model = join(temp.folder, 'chosen.json');
    const args = ['cv', fixture('path_fgl.csv'), '-t', 'type', '--Cs', '0.01,0.1,1,10'];
    const flags = ['--no-shuffle', '--tolerance', '1e-12', '-q'];
    const result = await runInProcess([...args, ...flags, '--model', model, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      multiClass: string;
      scoring: string;
      Cs: number[];
      perFold: number[][];
      bestC: number;
    };
    expect(json).toMatchObject({ multiClass: 'multinomial', scoring: 'logLoss', Cs: pathRef.Cs });
    json.perFold.forEach((losses, f) => {
      expect(maxRelativeError(losses, pathRef.perFold[f])).toBeLessThan(1e-7);
    });
    expect(json.bestC).toBe(pathRef.bestC);
    const saved = JSON.parse(readFileSync(model, 'utf8')) as {
      model: { kind: string; classes: string[] };
    };
    expect(saved.model.kind).toBe('multinomial');
    expect(saved.model.classes).toHaveLength(6);
    const text = await runInProcess([...args, ...flags, '--scoring', 'f1']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      '(6 classes, multinomial model) by 5-fold cross-validated macro F1',
    );
  });
});
