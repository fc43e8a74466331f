import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import { multiclassReport } from '../../src/metrics/index.js';
import { expectAllClose } from './expectClose.js';
import { multiclass } from './sklearnReference.js';

function matrix(rows: readonly (readonly number[])[]) {
  return { rows: rows.length, cols: rows[0]!.length, data: Float64Array.from(rows.flat()) };
}

describe('multiclassReport', () => {
  it('reports the doc example', () => {
    const p = matrix([
      [0.7, 0.2, 0.1],
      [0.1, 0.8, 0.1],
      [0.3, 0.3, 0.4],
    ]);
    const report = multiclassReport([0, 1, 1], p);
    expect(report.n).toBe(3);
    expect(report.accuracy).toBeCloseTo(2 / 3, 15);
    expect(report.confusionMatrix).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(report.macroRecall).toBeCloseTo(0.5, 15);
    expect(report.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.3)) / 3, 14);
  });

  for (const weighted of [false, true]) {
    const ref = weighted ? multiclass.weighted : multiclass.unweighted;
    it(`matches scikit-learn (4 classes, one never true, ties in argmax), ${weighted ? 'weighted' : 'unweighted'}`, () => {
      const report = multiclassReport(
        multiclass.y,
        matrix(multiclass.p),
        weighted ? multiclass.w : undefined,
      );
      expect(report.n).toBe(10);
      expect(report.accuracy).toBeCloseTo(ref.accuracy, 15);
      expect(report.logLoss).toBeCloseTo(ref.logLoss, 13);
      expectAllClose([report.macroPrecision, report.macroRecall, report.macroF1], ref.macro, 1e-15);
      expectAllClose(
        [report.weightedPrecision, report.weightedRecall, report.weightedF1],
        ref.weighted,
        1e-15,
      );
      expect(report.confusionMatrix).toEqual(ref.confusionMatrix.map((r) => [...r]));
    });
  }

  it('accepts rows of numbers as well as a row-major matrix', () => {
    expect(
      multiclassReport(
        multiclass.y,
        multiclass.p.map((r) => [...r]),
      ),
    ).toEqual(multiclassReport(multiclass.y, matrix(multiclass.p)));
  });

  it('equals the binary metrics when k = 2 (macro recall = balanced accuracy)', () => {
    const q = [0.1, 0.4, 0.35, 0.8];
    const report = multiclassReport([0, 0, 1, 1], matrix(q.map((v) => [1 - v, v])));
    expect(report.accuracy).toBe(0.75);
    expect(report.macroRecall).toBeCloseTo((1 + 0.5) / 2, 15);
  });

  it('rejects bad labels, shapes and probabilities with typed errors', () => {
    const p = matrix([
      [0.5, 0.5],
      [0.2, 0.8],
    ]);
    expect(() => multiclassReport([0, 2], p)).toThrow(
      'multiclassReport: yTrue[1] must be a class index, an integer in 0 … 1, got 2',
    );
    expect(() => multiclassReport([0, 0.5], p)).toThrow(ValueError);
    expect(() => multiclassReport([0], p)).toThrow(
      'multiclassReport: yTrue has 1 values, but probabilities has 2 rows',
    );
    expect(() =>
      multiclassReport(
        [0, 1],
        matrix([
          [0.5, 0.6],
          [0.2, 0.8],
        ]),
      ),
    ).toThrow('multiclassReport: probabilities row 0 sums to 1.1, expected 1');
    expect(() =>
      multiclassReport(
        [0, 1],
        matrix([
          [1.5, -0.5],
          [0.2, 0.8],
        ]),
      ),
    ).toThrow(/probabilities\[0\]\[0\] must be a probability in \[0, 1\], got 1.5/);
    expect(() => multiclassReport([0], matrix([[1]]))).toThrow(ShapeError);
    expect(() => multiclassReport([0, 1], p, [1, -1])).toThrow(
      'multiclassReport: sampleWeight[1] must be a finite number ≥ 0, got -1',
    );
  });
});
