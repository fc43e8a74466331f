import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { multiclassReport, multiclassRocAuc, rocAuc } from '../../src/metrics/index.js';
import { multiclass, multiclassAuc } from './sklearnReference.js';

const rows = (p: readonly (readonly number[])[]): number[][] => p.map((r) => [...r]);

describe("multiclassRocAuc: scikit-learn's roc_auc_score(multi_class='ovr')", () => {
  for (const weighted of [false, true]) {
    const ref = weighted ? multiclassAuc.weighted : multiclassAuc.unweighted;
    const w = weighted ? multiclassAuc.w : undefined;
    it(`macro and weighted averages, ${weighted ? 'weighted' : 'unweighted'} rows, ties in the columns (to 1e-15)`, () => {
      expect(multiclassRocAuc(multiclassAuc.y, rows(multiclassAuc.p), 'macro', w)).toBeCloseTo(
        ref.macro,
        15,
      );
      expect(multiclassRocAuc(multiclassAuc.y, rows(multiclassAuc.p), 'weighted', w)).toBeCloseTo(
        ref.weighted,
        15,
      );
      const report = multiclassReport(multiclassAuc.y, rows(multiclassAuc.p), w);
      expect(report.macroRocAuc).toBeCloseTo(ref.macro, 15);
      expect(report.weightedRocAuc).toBeCloseTo(ref.weighted, 15);
    });
  }

  it('with two classes each one-vs-rest area is the binary ROC AUC', () => {
    const y = [0, 1, 1, 0, 1];
    const p1 = [0.2, 0.7, 0.4, 0.5, 0.9];
    const p = p1.map((v) => [1 - v, v]);
    expect(multiclassRocAuc(y, p)).toBeCloseTo(rocAuc(y, p1), 15);
  });

  it('a class absent from yTrue leaves it undefined: an error, and null in the report', () => {
    expect(() => multiclassRocAuc(multiclass.y, rows(multiclass.p))).toThrow(ValueError);
    expect(() => multiclassRocAuc(multiclass.y, rows(multiclass.p))).toThrow(/class 3 has no rows/);
    const report = multiclassReport(multiclass.y, rows(multiclass.p));
    expect(report.macroRocAuc).toBeNull();
    expect(report.weightedRocAuc).toBeNull();
  });
});
