import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { train } from '../../src/model/train.js';
import { chooseCMulticlass } from '../../src/selection/chooseCMulticlass.js';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';

/** MASS::fgl (scripts/r-multinomial-path.R): 214 × 9, six glass types as strings. */
function loadFgl(): { X: number[][]; y: string[] } {
  const file = fileURLToPath(new URL('../fixtures/path_fgl.csv', import.meta.url));
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const cells = lines.map((line) => line.split(','));
  return { X: cells.map((c) => c.slice(0, -1).map(Number)), y: cells.map((c) => c.at(-1)!) };
}

/** scikit-learn 1.2.1 (scripts/sklearn-multinomial-path.py): StratifiedKFold(5, shuffle=False). */
const ref = loadJson<{
  cv: { Cs: number[]; perFold: number[][]; mean: number[]; bestC: number };
}>('sklearn_multinomial_path.json').cv;
const fgl = loadFgl();

describe('chooseCMulticlass', () => {
  const choice = chooseCMulticlass(
    fgl.X,
    fgl.y,
    { tolerance: 1e-12 },
    { Cs: ref.Cs, folds: 5, shuffle: false },
  );

  it("gives scikit-learn's per-fold multinomial log losses on StratifiedKFold's folds, and its C", () => {
    expect(choice.Cs).toEqual(ref.Cs);
    choice.perFold.forEach((losses, f) => {
      expect(maxRelativeError(losses, ref.perFold[f])).toBeLessThan(1e-7);
    });
    expect(maxRelativeError(choice.mean, ref.mean)).toBeLessThan(1e-7);
    expect(choice.bestC).toBe(ref.bestC);
    expect(choice.metric).toBe('logLoss');
  });

  it('refits the multinomial model on all rows at the chosen C', () => {
    const model = train(fgl.X, fgl.y, {
      multiClass: 'multinomial',
      C: choice.bestC,
      tolerance: 1e-12,
    });
    expect(choice.model.coefficients).toEqual(model.coefficients);
    expect(choice.model.classes).toEqual(['Con', 'Head', 'Tabl', 'Veh', 'WinF', 'WinNF']);
  });

  it('one standard error picks a C no larger than the best mean; accuracy is maximized', () => {
    const oneSe = chooseCMulticlass(
      fgl.X,
      fgl.y,
      {},
      { Cs: ref.Cs, shuffle: false, oneStandardError: true },
    );
    expect(oneSe.bestC).toBeLessThanOrEqual(oneSe.Cs[oneSe.bestMeanIndex]);
    const se = oneSe.standardError[oneSe.bestMeanIndex];
    expect(oneSe.mean[oneSe.bestIndex]).toBeLessThanOrEqual(oneSe.mean[oneSe.bestMeanIndex] + se);
    const accuracy = chooseCMulticlass(fgl.X, fgl.y, {}, { Cs: ref.Cs, scoring: 'accuracy' });
    expect(accuracy.mean[accuracy.bestIndex]).toBe(Math.max(...accuracy.mean));
  });

  it('refuses a penalty other than L2, C, and one-vs-rest', () => {
    expect(() => chooseCMulticlass(fgl.X, fgl.y, { penalty: 'l1' }, { Cs: 2 })).toThrow(
      OptionError,
    );
    expect(() => chooseCMulticlass(fgl.X, fgl.y, { C: 1 }, { Cs: 2 })).toThrow(OptionError);
    expect(() => chooseCMulticlass(fgl.X, fgl.y, { multiClass: 'ovr' }, { Cs: 2 })).toThrow(
      /multiClass' must be 'multinomial'/,
    );
    expect(() =>
      chooseCMulticlass(fgl.X, fgl.y, {}, { Cs: 2, scoring: 'brierScore' as 'logLoss' }),
    ).toThrow(OptionError);
  });
});
