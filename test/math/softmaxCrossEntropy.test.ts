import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { softmax } from '../../src/math/softmax.js';
import { softmaxCrossEntropy } from '../../src/math/softmaxCrossEntropy.js';

describe('softmaxCrossEntropy', () => {
  it('leaves the softmax in z and returns −log p_y (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (scores, pick) => {
          const K = scores.length;
          const y = pick % K;
          const z = Float64Array.from(scores);
          const p = new Float64Array(K);
          const lse = softmax(scores, p);
          const loss = softmaxCrossEntropy(z, K, y);
          z.forEach((v, k) => expect(v).toBe(p[k]));
          expect(Math.abs(loss - (lse - scores[y]))).toBeLessThanOrEqual(1e-13 * Math.max(1, loss));
        },
      ),
    );
  });

  it('keeps a tiny loss exact when y is the top class (no cancellation)', () => {
    // p_y = 1/(1 + e^−40): −log p_y = log1p(e^−40) ≈ 4.248e-18, which lse − z_y rounds to 0.
    const z = new Float64Array([40, 0]);
    expect(softmaxCrossEntropy(z, 2, 0)).toBeCloseTo(Math.log1p(Math.exp(-40)), 30);
    expect(softmaxCrossEntropy(new Float64Array([40, 0]), 2, 0)).toBeGreaterThan(0);
  });
});
