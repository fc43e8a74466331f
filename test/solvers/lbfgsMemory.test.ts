import { describe, expect, it } from 'vitest';
import { lbfgs } from '../../src/solvers/lbfgs.js';
import type { Objective } from '../../src/solvers/objective.js';

/** F(x) = ½·Σ cᵢ·(xᵢ − tᵢ)², cᵢ = 1 … 1000 log-spaced (ill-conditioned), tᵢ = sin(i + 1). */
function separable(n: number): Objective & { target: Float64Array } {
  const c = new Float64Array(n).map((_, i) => 1000 ** (i / (n - 1)));
  const target = new Float64Array(n).map((_, i) => Math.sin(i + 1));
  return {
    dimension: n,
    target,
    valueAndGradient(x, g) {
      let f = 0;
      for (let i = 0; i < n; i++) {
        const r = x[i] - target[i];
        f += 0.5 * c[i] * r * r;
        g[i] = c[i] * r;
      }
      return f;
    },
  };
}

// The correction pairs are allocated as they are first stored (issue 14: a 10⁷-feature fit held
// 10 pairs, 1.6 GB, whatever its iteration count); the ring of pairs must still wrap correctly.
describe('lbfgs correction pairs', () => {
  for (const memory of [1, 2, 3, 10]) {
    it(`memory ${memory}: wraps the ring of pairs and reaches the minimum`, () => {
      const objective = separable(50);
      const result = lbfgs(objective, new Float64Array(50), {
        memory,
        tolerance: 1e-10,
        maxIterations: 5000,
      });
      expect(result.converged).toBe(true);
      expect(result.iterations).toBeGreaterThan(memory);
      for (let i = 0; i < 50; i++) expect(result.x[i]).toBeCloseTo(objective.target[i]!, 9);
    });
  }

  it('more memory needs no more iterations on this problem (the pairs are used)', () => {
    const run = (memory: number): number =>
      lbfgs(separable(50), new Float64Array(50), { memory, tolerance: 1e-10, maxIterations: 5000 })
        .iterations;
    expect(run(10)).toBeLessThan(run(1));
  });
});
