import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeparationError } from '../../src/errors.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { extremeFitWarnings } from '../../src/model/multinomialSeparationGate.js';
import { countExtremeMultinomialFits } from '../../src/model/separationCheck.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { loadJson, seededRandom } from '../helpers/fixtures.js';

/**
 * The case: three classes in three bands of x0 (x1 is noise), complete separation.
 * Without the check a multinomial fit "converged" with intercepts that kept growing as the
 * tolerance tightened.
 */
function bands(): { X: number[][]; y: string[] } {
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < 30; i++) {
    const x = i / 3;
    X.push([x, (i * 7) % 5]);
    y.push(x < 3.2 ? 'a' : x < 6.5 ? 'b' : 'c');
  }
  return { X, y };
}

/** 'c' is cut off by x0 > 6; 'a' and 'b' overlap: quasi-complete separation. */
function oneClassCutOff(): { X: number[][]; y: string[] } {
  const rand = seededRandom(3);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < 45; i++) {
    const cls = i % 3 === 2 ? 'c' : rand() < 0.5 ? 'a' : 'b';
    X.push([cls === 'c' ? 7 + rand() * 3 : rand() * 6, rand()]);
    y.push(cls);
  }
  return { X, y };
}

/** Three overlapping Gaussian blobs: the MLE exists. */
function overlapping(): { X: number[][]; y: string[] } {
  const rand = seededRandom(11);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < 150; i++) {
    const k = i % 3;
    X.push([k * 0.6 + 2 * (rand() - 0.5) * 2, (k === 1 ? 0.6 : 0) + 2 * (rand() - 0.5) * 2]);
    y.push(['a', 'b', 'c'][k]);
  }
  return { X, y };
}

function caught(f: () => unknown): SeparationError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(SeparationError);
    return error as SeparationError;
  }
  throw new Error('expected a SeparationError');
}

describe('trainMulticlass: separation without a penalty (multinomial)', () => {
  it('complete separation throws a SeparationError naming the classes and features', () => {
    const { X, y } = bands();
    const error = caught(() =>
      trainMulticlass(X, y, { penalty: 'none', featureNames: ['dose', 'noise'] }),
    );
    expect(error.kind).toBe('complete');
    expect(error.classes).toEqual(['a', 'b', 'c']);
    expect(error.features).toContain('dose');
    expect(error.features).toContain('(Intercept)');
    expect(error.message).toMatch(
      /^trainMulticlass: the classes are completely separated \("a" from "b", "a" from "c", "b" from "c"; a hyperplane in dose/,
    );
  });

  it('quasi-complete separation names only the pairs pulled apart', () => {
    const { X, y } = oneClassCutOff();
    const error = caught(() => trainMulticlass(X, y, { penalty: 'none' }));
    expect(error.kind).toBe('quasi-complete');
    expect(error.message).toContain('"a" from "c", "b" from "c";');
    expect(error.message).not.toContain('"a" from "b"');
  });

  it("onSeparation 'warn' fits anyway and reports separation, never converged", () => {
    const { X, y } = bands();
    const model = trainMulticlass(X, y, { penalty: 'none', onSeparation: 'warn' });
    const report = model.fitReport;
    expect(report.converged).toBe(false);
    expect(report.stopReason).toBe('separation');
    expect(report.separation).toEqual({
      kind: 'complete',
      features: ['x0', 'x1', '(Intercept)'],
      classes: ['a', 'b', 'c'],
      classPairs: [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ],
    });
    expect(report.warnings[0]).toMatch(/completely separated/);
    // Why it must not say converged: the estimates keep growing as the tolerance tightens.
    const tighter = trainMulticlass(X, y, {
      penalty: 'none',
      onSeparation: 'warn',
      tolerance: 1e-12,
    });
    expect(Math.max(...tighter.intercepts.map(Math.abs))).toBeGreaterThan(
      Math.max(...model.intercepts.map(Math.abs)),
    );
  });

  it('overlapping classes still fit, to a finite optimum that a tighter tolerance does not move', () => {
    const { X, y } = overlapping();
    const model = trainMulticlass(X, y, { penalty: 'none' });
    expect(model.fitReport.converged).toBe(true);
    expect(model.fitReport.separation).toBeUndefined();
    const tight = trainMulticlass(X, y, { penalty: 'none', tolerance: 1e-12 });
    for (let k = 0; k < 3; k++) {
      expect(model.intercepts[k]).toBeCloseTo(tight.intercepts[k], 5);
      for (let j = 0; j < 2; j++) {
        expect(model.coefficients[k][j]).toBeCloseTo(tight.coefficients[k][j], 5);
      }
    }
  });

  it('penalized fits are not checked (their optimum exists)', () => {
    const { X, y } = bands();
    const model = trainMulticlass(X, y, { penalty: 'l2', C: 10 });
    expect(model.fitReport.converged).toBe(true);
    expect(model.fitReport.separation).toBeUndefined();
  });
});

describe('trainMulticlass: separation without a penalty (one-vs-rest)', () => {
  it('throws one SeparationError naming every separated class-vs-rest problem', () => {
    const { X, y } = bands();
    const error = caught(() => trainMulticlass(X, y, { penalty: 'none', multiClass: 'ovr' }));
    // The middle band "b" is not linearly separable from the rest; "a" and "c" are.
    expect(error.classes).toEqual(['a', 'c']);
    expect(error.kind).toBe('complete');
    expect(error.message).toMatch(
      /^trainMulticlass: one-vs-rest without a penalty: a hyperplane separates class "a" vs rest completely \(x0, x1, \(Intercept\)\); class "c" vs rest completely/,
    );
  });

  it("with onSeparation 'warn' each class's report and the combined one say which classes", () => {
    const { X, y } = bands();
    const model = trainMulticlass(X, y, {
      penalty: 'none',
      multiClass: 'ovr',
      onSeparation: 'warn',
    });
    expect(model.fitReport.converged).toBe(false);
    expect(model.fitReport.separation?.classes).toEqual(['a', 'c']);
    expect(model.classFitReports.map((r) => r.separation?.kind)).toEqual([
      'complete',
      undefined,
      'complete',
    ]);
    expect(model.fitReport.warnings.some((w) => w.startsWith('class "a" vs rest: train:'))).toBe(
      true,
    );
  });

  it('overlapping classes fit', () => {
    const { X, y } = overlapping();
    const model = trainMulticlass(X, y, { penalty: 'none', multiClass: 'ovr' });
    expect(model.fitReport.converged).toBe(true);
    expect(model.fitReport.separation).toBeUndefined();
  });
});

/** R's iris (test/fixtures/iris.R): four measurements and the species. */
function iris(): { X: number[][]; y: string[] } {
  const text = readFileSync(new URL('../fixtures/iris.csv', import.meta.url), 'utf8');
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  return {
    X: rows.map((cells) => cells.slice(0, 4).map(Number)),
    y: rows.map((cells) => cells[4]),
  };
}

describe("trainMulticlass on R's iris without a penalty", () => {
  const names = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

  it('is quasi-completely separated: setosa from the two others, which overlap', () => {
    // nnet::multinom reports convergence here with coefficients that grow with maxit.
    const { X, y } = iris();
    const error = caught(() => trainMulticlass(X, y, { penalty: 'none', featureNames: names }));
    expect(error.kind).toBe('quasi-complete');
    expect(error.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(error.message).toContain('("setosa" from "versicolor", "setosa" from "virginica";');
    const ovr = caught(() =>
      trainMulticlass(X, y, { penalty: 'none', featureNames: names, multiClass: 'ovr' }),
    );
    expect(ovr.classes).toEqual(['setosa']);
    expect(ovr.kind).toBe('complete');
  });

  it("versicolor against virginica fits, and matches R's glm to 1e-6 relative", () => {
    const reference = loadJson<{ coefficients: number[]; intercept: number }>('iris_glm.json');
    const { X, y } = iris();
    const keep = y.map((label, i) => (label === 'setosa' ? -1 : i)).filter((i) => i >= 0);
    const model = trainMulticlass(
      keep.map((i) => X[i]),
      keep.map((i) => y[i]),
      { penalty: 'none', featureNames: names, tolerance: 1e-10 },
    );
    expect(model.fitReport.converged).toBe(true);
    // Two classes, centred over the classes: virginica's block is half the binary log-odds.
    const binary = model.coefficients[1].map((v) => 2 * v);
    reference.coefficients.forEach((r, j) => {
      expect(Math.abs(binary[j] - r) / Math.abs(r)).toBeLessThan(1e-6);
    });
    const intercept = 2 * model.intercepts[1];
    expect(Math.abs(intercept - reference.intercept) / Math.abs(reference.intercept)).toBeLessThan(
      1e-6,
    );
  });
});

describe('countExtremeMultinomialFits (the fallback above the exact check size)', () => {
  it('counts rows where two class scores differ by more than 33.7, dense and CSR alike', () => {
    const X = { rows: 3, cols: 1, data: Float64Array.of(0, 1, 10) };
    // Scores per row: class 0 = 0, class 1 = 4·x, class 2 = −x: spreads 0, 5, 50.
    const w = Float64Array.of(0, 4, -1);
    const b = Float64Array.of(0, 0, 0);
    expect(countExtremeMultinomialFits(X, w, b)).toBe(1);
    expect(countExtremeMultinomialFits(sparseFromDense(X), w, b)).toBe(1);
    // With b = (0, −40, 0) the spreads are 40, 36 and 10.
    expect(countExtremeMultinomialFits(X, w, Float64Array.of(0, -40, 0))).toBe(2);
  });

  it('warns only when the exact check was too large to run', () => {
    // 1 row × 5000 features, K = 3: n·(K − 1)³·(p + 1)² = 2.0e8 > 1e8; 1 × 10 is checked exactly.
    const wide = { rows: 1, cols: 5000, data: new Float64Array(5000) };
    const narrow = { rows: 1, cols: 10, data: new Float64Array(10) };
    const b = Float64Array.of(0, 40, 0);
    expect(extremeFitWarnings(wide, new Float64Array(15000), b, true)).toEqual([
      "fitted probabilities numerically 0 or 1 occurred for 1 row(s), and the data are too large for the exact separation check: the classes may be separated; consider penalty 'l2'",
    ]);
    expect(extremeFitWarnings(narrow, new Float64Array(30), b, true)).toEqual([]);
    expect(extremeFitWarnings(wide, new Float64Array(15000), new Float64Array(3), true)).toEqual(
      [],
    );
  });
});
