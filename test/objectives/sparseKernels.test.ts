import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import { denseFromSparse, sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { criticalC } from '../../src/model/regularizationPath.js';
import { binaryCrossEntropy } from '../../src/objectives/binaryCrossEntropy.js';
import { crossEntropyGradient } from '../../src/kernels/crossEntropyGradient.js';
import { crossEntropyHessianVectorProduct } from '../../src/objectives/hessianVectorProduct.js';
import { FirthObjective } from '../../src/objectives/firthObjective.js';
import { LogisticBatchObjective } from '../../src/objectives/logisticBatchObjective.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import type { LogisticObjectiveSpec } from '../../src/objectives/logisticObjective.js';
import {
  LogisticQuadraticModel,
  logisticQuadraticModel,
} from '../../src/objectives/logisticQuadraticModel.js';
import { SparseLogisticQuadraticModel } from '../../src/objectives/sparseLogisticQuadraticModel.js';
import { seededRandom } from '../helpers/fixtures.js';

/** A random CSR problem: odd shapes, empty rows and columns, offsets so that means are not 0. */
interface SparseProblem {
  readonly X: SparseMatrix;
  readonly dense: Matrix;
  readonly y: Float64Array;
  readonly s: Float64Array | undefined;
  readonly w: Float64Array;
  readonly b: number;
}

function sparseProblem(seed: number, rows: number, cols: number, weighted: boolean): SparseProblem {
  const rnd = seededRandom(seed);
  const density = [0.05, 0.3, 0.8][seed % 3];
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    if (rnd() < 0.15) continue; // an empty row
    for (let j = 0; j < cols; j++) {
      if (j % 5 === 4) continue; // an empty column
      if (rnd() < density) data[i * cols + j] = (rnd() - 0.3) * 5 + (j % 3);
    }
  }
  const dense = { rows, cols, data };
  const y = Float64Array.from({ length: rows }, () => (rnd() < 0.4 ? 1 : 0));
  const s = weighted ? Float64Array.from({ length: rows }, () => rnd() * 3) : undefined;
  const w = Float64Array.from({ length: cols }, () => (rnd() - 0.5) * 2);
  return { X: sparseFromDense(dense), dense, y, s, w, b: rnd() - 0.5 };
}

const shapes = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  rows: fc.integer({ min: 1, max: 41 }),
  cols: fc.integer({ min: 1, max: 13 }),
  weighted: fc.boolean(),
  fitIntercept: fc.boolean(),
  penalizeScaled: fc.boolean(),
});

/** max |a − b| / max(1, max |b|): relative to the vector's size, so entries near 0 do not blow up. */
function relativeDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let size = 1;
  for (let k = 0; k < b.length; k++) {
    diff = Math.max(diff, Math.abs(a[k] - b[k]));
    size = Math.max(size, Math.abs(b[k]));
  }
  return diff / size;
}

function specs(
  problem: SparseProblem,
  fitIntercept: boolean,
  penalizeScaled: boolean,
  l2: number,
): { sparse: LogisticObjectiveSpec; dense: LogisticObjectiveSpec } {
  const scaling = featureScaling(problem.dense, problem.s, fitIntercept);
  const common = {
    y: problem.y,
    sampleWeight: problem.s,
    fitIntercept,
    l2,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled,
  };
  return { sparse: { ...common, X: problem.X }, dense: { ...common, X: problem.dense } };
}

describe('sparse (CSR) kernels equal the dense kernels on the densified matrix', () => {
  it('the fused loss and gradient pass gives the same numbers (the skipped terms are exact zeros)', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted }) => {
        const q = sparseProblem(seed, rows, cols, weighted);
        const gs = new Float64Array(cols + 1);
        const gd = new Float64Array(cols + 1);
        const ls = crossEntropyGradient(q.X, q.y, q.w, q.b, gs, q.s);
        const ld = crossEntropyGradient(q.dense, q.y, q.w, q.b, gd, q.s);
        expect(Math.abs(ls - ld)).toBe(0);
        expect(relativeDistance(gs, gd)).toBe(0);
        expect(binaryCrossEntropy(q.X, q.y, q.w, q.b, q.s)).toBe(
          binaryCrossEntropy(q.dense, q.y, q.w, q.b, q.s),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('the Hessian-vector product gives the same numbers', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted }) => {
        const q = sparseProblem(seed, rows, cols, weighted);
        const rnd = seededRandom(seed + 1);
        const d = Float64Array.from({ length: cols + 1 }, () => rnd() - 0.5);
        const hs = new Float64Array(cols + 1);
        const hd = new Float64Array(cols + 1);
        crossEntropyHessianVectorProduct(q.X, q.w, q.b, d, hs, q.s);
        crossEntropyHessianVectorProduct(q.dense, q.w, q.b, d, hd, q.s);
        expect(relativeDistance(hs, hd)).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('LogisticObjective: value, gradient, Hv and the full Hessian (row scatter) agree', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted, fitIntercept, penalizeScaled }) => {
        const q = sparseProblem(seed, rows, cols, weighted);
        const { sparse, dense } = specs(q, fitIntercept, penalizeScaled, 0.01);
        const fs = new LogisticObjective(sparse);
        const fd = new LogisticObjective(dense);
        const n = fd.dimension;
        const rnd = seededRandom(seed + 2);
        const theta = Float64Array.from({ length: n }, () => rnd() - 0.5);
        const v = Float64Array.from({ length: n }, () => rnd() - 0.5);
        const gs = new Float64Array(n);
        const gd = new Float64Array(n);
        expect(fs.valueAndGradient(theta, gs)).toBe(fd.valueAndGradient(theta, gd));
        expect(relativeDistance(gs, gd)).toBe(0);
        fs.hessianVectorProduct(theta, v, gs);
        fd.hessianVectorProduct(theta, v, gd);
        expect(relativeDistance(gs, gd)).toBe(0);
        const Hs = new Float64Array(n * n);
        const Hd = new Float64Array(n * n);
        fs.hessian(theta, Hs);
        fd.hessian(theta, Hd);
        expect(relativeDistance(Hs, Hd)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('Firth: value and modified score agree', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted, fitIntercept }) => {
        const q = sparseProblem(seed, rows + 30, Math.min(cols, 6), weighted);
        const { sparse, dense } = specs(q, fitIntercept, false, 0);
        const fs = new FirthObjective(sparse);
        const fd = new FirthObjective(dense);
        const n = fd.dimension;
        const rnd = seededRandom(seed + 3);
        const theta = Float64Array.from({ length: n }, () => 0.2 * (rnd() - 0.5));
        const gs = new Float64Array(n);
        const gd = new Float64Array(n);
        const vs = fs.valueAndGradient(theta, gs);
        const vd = fd.valueAndGradient(theta, gd);
        if (Number.isNaN(vd))
          expect(vs).toBeNaN(); // singular information: both say so
        else {
          expect(vs).toBe(vd);
          expect(relativeDistance(gs, gd)).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('featureScaling: weighted means and standard deviations to 1e-12', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted, fitIntercept }) => {
        const q = sparseProblem(seed, rows, cols, weighted);
        const a = featureScaling(q.X, q.s, fitIntercept);
        const b = featureScaling(q.dense, q.s, fitIntercept);
        expect(relativeDistance(a.center, b.center)).toBeLessThanOrEqual(1e-12);
        expect(relativeDistance(a.sd, b.sd)).toBeLessThanOrEqual(1e-12);
        expect(relativeDistance(a.scale, b.scale)).toBeLessThanOrEqual(1e-12);
        for (let j = 0; j < cols; j++) expect(a.sd[j] === 0).toBe(b.sd[j] === 0);
      }),
      { numRuns: 150 },
    );
  });

  it('featureScaling: a column stored in every row with one value has sd exactly 0', () => {
    const X = sparseFromDense({ rows: 3, cols: 2, data: Float64Array.of(7, 1, 7, 0, 7, 2) });
    const { sd, center } = featureScaling(X, Float64Array.of(0.1, 0.7, 0.2), true);
    expect(sd[0]).toBe(0);
    expect(center[0]).toBeCloseTo(7, 14);
  });

  it('the coordinate Newton model (newGLMNET): diagonal and (H·d)ⱼ after a sequence of moves, to 1e-12', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted, fitIntercept, penalizeScaled }) => {
        const q = sparseProblem(seed, rows, cols, weighted);
        const { sparse, dense } = specs(q, fitIntercept, penalizeScaled, 0.02);
        const ms = logisticQuadraticModel(sparse);
        const md = new LogisticQuadraticModel(dense);
        expect(ms).toBeInstanceOf(SparseLogisticQuadraticModel);
        const n = md.dimension;
        const rnd = seededRandom(seed + 4);
        const theta = Float64Array.from({ length: n }, () => rnd() - 0.5);
        for (const at of [theta, theta.map((t) => -2 * t)]) {
          ms.expandAt(at);
          md.expandAt(at);
          const diagS = Float64Array.from({ length: n }, (_, j) => ms.diagonal(j));
          const diagD = Float64Array.from({ length: n }, (_, j) => md.diagonal(j));
          expect(relativeDistance(diagS, diagD)).toBeLessThanOrEqual(1e-12);
          for (let step = 0; step < 3 * n; step++) {
            const j = Math.floor(rnd() * n);
            const delta = rnd() - 0.5;
            ms.moveAlong(j, delta);
            md.moveAlong(j, delta);
            const ps = Float64Array.from({ length: n }, (_, k) => ms.productAlong(k));
            const pd = Float64Array.from({ length: n }, (_, k) => md.productAlong(k));
            expect(relativeDistance(ps, pd)).toBeLessThanOrEqual(1e-12);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the dense coordinate model refuses CSR data (the factory picks the sparse one)', () => {
    const q = sparseProblem(5, 4, 3, false);
    expect(() => new LogisticQuadraticModel(specs(q, true, false, 0).sparse)).toThrow(
      /use logisticQuadraticModel/,
    );
    expect(logisticQuadraticModel(specs(q, true, false, 0).dense)).toBeInstanceOf(
      LogisticQuadraticModel,
    );
  });

  it('the SGD batch objective: batch value and gradient, batch loss and the Lipschitz bound', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted, fitIntercept, penalizeScaled }) => {
        const q = sparseProblem(seed, rows, cols, weighted);
        const { sparse, dense } = specs(q, fitIntercept, penalizeScaled, 0.01);
        const bs = new LogisticBatchObjective(sparse);
        const bd = new LogisticBatchObjective(dense);
        const n = bd.dimension;
        const rnd = seededRandom(seed + 5);
        const theta = Float64Array.from({ length: n }, () => rnd() - 0.5);
        const order = Int32Array.from({ length: rows }, () => Math.floor(rnd() * rows));
        const start = Math.floor(rnd() * rows);
        const end = start + 1 + Math.floor(rnd() * (rows - start));
        const gs = new Float64Array(n);
        const gd = new Float64Array(n);
        expect(bs.batchValueAndGradient(theta, order, start, end, gs)).toBe(
          bd.batchValueAndGradient(theta, order, start, end, gd),
        );
        expect(relativeDistance(gs, gd)).toBe(0);
        expect(bs.batchLoss(theta, order, start, end)).toBe(bd.batchLoss(theta, order, start, end));
        const ls = bs.lipschitzBound();
        const ld = bd.lipschitzBound();
        expect(Math.abs(ls - ld) / ld).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('criticalC (the path start) agrees to 1e-12', () => {
    fc.assert(
      fc.property(shapes, ({ seed, rows, cols, weighted, fitIntercept }) => {
        const q = sparseProblem(seed, rows + 3, cols, weighted);
        let dense: number;
        try {
          dense = criticalC(q.dense, q.y, q.s, fitIntercept, true, 1);
        } catch {
          return; // no feature moves the fit (e.g. only empty columns): nothing to compare
        }
        const sparse = criticalC(q.X, q.y, q.s, fitIntercept, true, 1);
        expect(Math.abs(sparse - dense) / dense).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it('denseFromSparse ∘ sparseFromDense is the identity on the fixtures used here', () => {
    const q = sparseProblem(9, 7, 6, true);
    expect(Array.from(denseFromSparse(q.X).data)).toEqual(Array.from(q.dense.data));
  });
});
