import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { simplex } from '../../src/linalg/simplex.js';
import type { LinearProgram, SimplexResult } from '../../src/linalg/simplex.js';

const matrix = (rows: number, cols: number, values: number[]): Matrix => ({
  rows,
  cols,
  data: Float64Array.from(values),
});

const lp = (A: Matrix, b: number[], c: number[]): LinearProgram => ({
  A,
  b: Float64Array.from(b),
  c: Float64Array.from(c),
});

const largest = (v: ArrayLike<number>): number =>
  Array.from(v).reduce((s, x) => Math.max(s, Math.abs(x)), 0);

/**
 * What certifies an optimum, in the normwise relative sense (so that it means the same for any
 * scaling): ‖Ax − b‖∞ / (‖A‖·‖x‖∞ + ‖b‖∞), the most negative x, the worst violation of
 * Aᵀy ≤ c over (‖A‖·‖y‖∞ + ‖c‖∞), and the duality gap |cᵀx − bᵀy| over ‖c‖·‖x‖ + ‖b‖·‖y‖.
 */
function certificate({ A, b, c }: LinearProgram, r: SimplexResult) {
  const { rows: m, cols: N, data } = A;
  const [normA, normB, normC, normX, normY] = [data, b, c, r.x, r.duals].map(largest);
  let residual = 0;
  for (let i = 0; i < m; i++) {
    let s = -b[i];
    for (let j = 0; j < N; j++) s += data[i * N + j] * r.x[j];
    residual = Math.max(residual, Math.abs(s));
  }
  let dualViolation = 0;
  for (let j = 0; j < N; j++) {
    let s = -c[j];
    for (let i = 0; i < m; i++) s += data[i * N + j] * r.duals[i];
    dualViolation = Math.max(dualViolation, s);
  }
  let dualObjective = 0;
  for (let i = 0; i < m; i++) dualObjective += b[i] * r.duals[i];
  const relative = (error: number, size: number) => (size > 0 ? error / size : error);
  return {
    residual: relative(residual, N * normA * normX + normB),
    smallestX: Math.min(0, ...r.x),
    dualViolation: relative(dualViolation, m * normA * normY + normC),
    gap: relative(Math.abs(r.objective - dualObjective), N * normC * normX + m * normB * normY),
  };
}

describe('simplex: small programs with known optima', () => {
  it('solves the two-constraint textbook program: x = (1.6, 1.2), objective −2.8, duals (−0.4, −0.2)', () => {
    // minimize −x1 − x2 s.t. x1 + 2x2 ≤ 4, 3x1 + x2 ≤ 6 (slacks x3, x4).
    const problem = lp(matrix(2, 4, [1, 2, 1, 0, 3, 1, 0, 1]), [4, 6], [-1, -1, 0, 0]);
    const r = simplex(problem);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(-2.8, 12);
    expect(Array.from(r.x)).toEqual([1.6, 1.2, 0, 0].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(r.duals)).toEqual([-0.4, -0.2].map((v) => expect.closeTo(v, 12)));
  });

  it('needs phase 1 for ≥ constraints: minimize 2x1 + 3x2 s.t. x1 + x2 ≥ 4, x1 + 3x2 ≥ 6, x1 ≤ 3 gives (3, 1), 9', () => {
    const problem = lp(
      matrix(3, 5, [1, 1, -1, 0, 0, 1, 3, 0, -1, 0, 1, 0, 0, 0, 1]),
      [4, 6, 3],
      [2, 3, 0, 0, 0],
    );
    const r = simplex(problem);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(9, 12);
    expect(r.x[0]).toBeCloseTo(3, 12);
    expect(r.x[1]).toBeCloseTo(1, 12);
    const check = certificate(problem, r);
    expect(check.residual).toBeLessThan(1e-12);
    expect(check.dualViolation).toBeLessThan(1e-12);
    expect(check.gap).toBeLessThan(1e-12);
  });

  it('handles a negative right-hand side: x1 − x2 = −2, minimize x1 + x2 gives (0, 2)', () => {
    const r = simplex(lp(matrix(1, 2, [1, -1]), [-2], [1, 1]));
    expect(r.status).toBe('optimal');
    expect(Array.from(r.x)).toEqual([0, 2]);
    expect(r.objective).toBe(2);
  });

  it('terminates on Beale’s cycling example with the optimum −1.25', () => {
    // Dantzig's rule with lowest-index ties cycles here (Beale 1955); Bland's rule does not.
    const problem = lp(
      matrix(3, 7, [1, 0, 0, 0.25, -8, -1, 9, 0, 1, 0, 0.5, -12, -0.5, 3, 0, 0, 1, 0, 0, 1, 0]),
      [0, 0, 1],
      [0, 0, 0, -0.75, 20, -0.5, 6],
    );
    const r = simplex(problem);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(-1.25, 12);
    expect(certificate(problem, r).gap).toBeLessThan(1e-12);
  });

  it('keeps an artificial in the basis of a redundant row and still solves: x1 + x2 = 1 twice, minimize x1', () => {
    const problem = lp(matrix(2, 2, [1, 1, 2, 2]), [1, 2], [1, 0]);
    const r = simplex(problem);
    expect(r.status).toBe('optimal');
    expect(Array.from(r.x)).toEqual([0, expect.closeTo(1, 14)]);
    expect(r.objective).toBe(0);
  });

  it('reports infeasibility: x1 + x2 = −1 with x ≥ 0', () => {
    expect(simplex(lp(matrix(1, 2, [1, 1]), [-1], [1, 1])).status).toBe('infeasible');
  });

  it('reports unboundedness: minimize −x1 s.t. x1 − x2 = 1', () => {
    expect(simplex(lp(matrix(1, 2, [1, -1]), [1], [-1, 0])).status).toBe('unbounded');
  });

  it('reports the iteration limit when it is reached', () => {
    const problem = lp(matrix(2, 4, [1, 2, 1, 0, 3, 1, 0, 1]), [4, 6], [-1, -1, 0, 0]);
    const r = simplex(problem, { maxIterations: 1 });
    expect(r.status).toBe('iterationLimit');
    expect(r.iterations).toBe(1);
  });

  it('with no constraints: x = 0 when c ≥ 0, unbounded otherwise', () => {
    expect(simplex(lp(matrix(0, 2, []), [], [1, 2])).status).toBe('optimal');
    expect(simplex(lp(matrix(0, 2, []), [], [1, -2])).status).toBe('unbounded');
  });

  it('rejects shapes that do not match A', () => {
    expect(() => simplex(lp(matrix(2, 2, [1, 0, 0, 1]), [1], [1, 1]))).toThrow(ShapeError);
    expect(() => simplex(lp(matrix(2, 2, [1, 0, 0, 1]), [1, 1], [1]))).toThrow(ShapeError);
    expect(() =>
      simplex(lp({ rows: 2, cols: 2, data: new Float64Array(3) }, [1, 1], [1, 1])),
    ).toThrow('simplex: A.data has length 3, expected 2 × 2');
  });

  it('does not mutate its inputs', () => {
    const problem = lp(matrix(2, 4, [1, 2, 1, 0, 3, 1, 0, 1]), [4, 6], [-1, -1, 0, 0]);
    const before = [problem.A.data, problem.b, problem.c].map((v) => Array.from(v));
    simplex(problem, { basis: [2, 3] });
    expect([problem.A.data, problem.b, problem.c].map((v) => Array.from(v))).toEqual(before);
  });
});

describe('simplex: warm starts', () => {
  it('continues from a primal feasible basis with fewer pivots than a cold start', () => {
    const problem = lp(matrix(2, 4, [1, 2, 1, 0, 3, 1, 0, 1]), [4, 6], [-1, -1, 0, 0]);
    const cold = simplex(problem);
    const warm = simplex(problem, { basis: cold.basis });
    expect(warm.iterations).toBe(0);
    expect(warm.objective).toBe(cold.objective);
  });

  it('ignores a singular or malformed basis and solves from scratch', () => {
    const problem = lp(matrix(2, 4, [1, 2, 1, 0, 2, 4, 0, 1]), [4, 6], [-1, -1, 0, 0]);
    const reference = simplex(problem).objective;
    for (const basis of [[0, 1], [2, 2], [2], [7, 8], [0.5, 1]]) {
      const r = simplex(problem, { basis });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(reference, 12);
    }
  });
});

/**
 * Random programs that are feasible (b = A·x₀ with x₀ ≥ 0) and bounded (c = Aᵀy₀ + s₀ with
 * s₀ ≥ 0, so y₀ is dual feasible), from entries drawn by `unit` (signed) and `positive`.
 */
function programs(unit: fc.Arbitrary<number>, positive: fc.Arbitrary<number>) {
  return fc
    .record({ m: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 1, max: 8 }) })
    .chain(({ m, extra }) => {
      const N = m + extra;
      return fc.record({
        m: fc.constant(m),
        N: fc.constant(N),
        A: fc.array(unit, { minLength: m * N, maxLength: m * N }),
        x0: fc.array(positive, { minLength: N, maxLength: N }),
        x1: fc.array(positive, { minLength: N, maxLength: N }),
        y0: fc.array(unit, { minLength: m, maxLength: m }),
        s0: fc.array(positive, { minLength: N, maxLength: N }),
      });
    })
    .map(({ m, N, A, x0, x1, y0, s0 }) => {
      const product = (x: number[]) =>
        Array.from({ length: m }, (_, i) => x.reduce((s, v, j) => s + A[i * N + j] * v, 0));
      const c = s0.map((s, j) => s + y0.reduce((t, y, i) => t + A[i * N + j] * y, 0));
      return {
        problem: lp(matrix(m, N, A), product(x0), c),
        otherB: Float64Array.from(product(x1)),
      };
    });
}

/** Small integers: many ties and zeros, so degenerate vertices are the rule. */
const degenerate = programs(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 2 }));
/** Doubles in [−1, 1] (below 1e-6 in size they become 0, as subnormal data would be meaningless). */
const dense = programs(
  fc.double({ min: -1, max: 1, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((v) => (v < 1e-6 ? 0 : v)),
);

describe('simplex: properties', () => {
  it('an optimum is certified: Ax = b, x ≥ 0, Aᵀy ≤ c and cᵀx = bᵀy (strong duality)', () => {
    fc.assert(
      fc.property(fc.oneof(degenerate, dense), ({ problem }) => {
        const r = simplex(problem);
        expect(r.status).toBe('optimal');
        const check = certificate(problem, r);
        expect(check.residual).toBeLessThan(1e-8);
        expect(check.smallestX).toBe(0);
        expect(check.dualViolation).toBeLessThan(1e-8);
        expect(check.gap).toBeLessThan(1e-8);
      }),
      { seed: 20240501, numRuns: 300 },
    );
  });

  it('re-solving after a change of b from the old basis (dual simplex) matches a cold solve', () => {
    fc.assert(
      fc.property(fc.oneof(degenerate, dense), ({ problem, otherB }) => {
        const first = simplex(problem);
        const changed = { ...problem, b: otherB };
        const warm = simplex(changed, { basis: first.basis });
        const cold = simplex(changed);
        expect(warm.status).toBe('optimal');
        expect(cold.status).toBe('optimal');
        const size = largest(changed.c) * Math.max(largest(warm.x), largest(cold.x)) || 1;
        expect(Math.abs(warm.objective - cold.objective) / size).toBeLessThan(1e-8);
        expect(certificate(changed, warm).gap).toBeLessThan(1e-8);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('is invariant to the units of rows and columns: (RAC, Rb, Cc) has the same optimum', () => {
    const powers = (length: number) =>
      fc.array(fc.integer({ min: -8, max: 8 }), { minLength: length, maxLength: length });
    const cases = fc.oneof(degenerate, dense).chain(({ problem }) =>
      fc.record({
        problem: fc.constant(problem),
        rowPowers: powers(problem.A.rows),
        columnPowers: powers(problem.A.cols),
      }),
    );
    fc.assert(
      fc.property(cases, ({ problem, rowPowers, columnPowers }) => {
        const { rows: m, cols: N, data } = problem.A;
        const R = rowPowers.map((k) => 10 ** k);
        const C = columnPowers.map((k) => 10 ** k);
        const scaled = {
          A: matrix(
            m,
            N,
            Array.from(data, (v, k) => v * R[Math.floor(k / N)] * C[k % N]),
          ),
          b: problem.b.map((v, i) => v * R[i]),
          c: problem.c.map((v, j) => v * C[j]),
        };
        const original = simplex(problem);
        const r = simplex(scaled);
        expect(r.status).toBe('optimal');
        const size = largest(problem.c) * largest(original.x) || 1;
        expect(Math.abs(r.objective - original.objective) / size).toBeLessThan(1e-8);
        expect(certificate(scaled, r).gap).toBeLessThan(1e-8);
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});
