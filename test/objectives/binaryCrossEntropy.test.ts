import { describe, expect, it } from 'vitest';
import { binaryCrossEntropy, logLossFromLogit } from '../../src/objectives/binaryCrossEntropy.js';
import { crossEntropyGradient } from '../../src/kernels/crossEntropyGradient.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { seededRandom } from '../helpers/fixtures.js';

describe('binary cross-entropy from logits', () => {
  it('equals −[y log σ(z) + (1−y) log(1−σ(z))] where that is finite', () => {
    for (const z of [-5, -0.5, 0, 0.7, 3]) {
      for (const y of [0, 1]) {
        const direct = -(y * Math.log(sigmoid(z)) + (1 - y) * Math.log(1 - sigmoid(z)));
        expect(logLossFromLogit(z, y)).toBeCloseTo(direct, 14);
      }
    }
  });

  it('is finite at logits ±1e4: the loss of a confident mistake is |z|, not log(0)', () => {
    expect(logLossFromLogit(1e4, 0)).toBe(1e4);
    expect(logLossFromLogit(-1e4, 1)).toBe(1e4);
    expect(logLossFromLogit(1e4, 1)).toBe(0);
    expect(logLossFromLogit(-1e4, 0)).toBe(0);
  });

  it('averages over rows, and weights give a weighted mean', () => {
    const X = { rows: 2, cols: 1, data: new Float64Array([0, 1e4]) };
    const y = new Float64Array([1, 0]);
    const w = new Float64Array([1]);
    expect(binaryCrossEntropy(X, y, w, 0)).toBeCloseTo((Math.LN2 + 1e4) / 2, 10);
    expect(binaryCrossEntropy(X, y, w, 0, new Float64Array([3, 1]))).toBeCloseTo(
      (3 * Math.LN2 + 1e4) / 4,
      10,
    );
  });
});

describe('crossEntropyGradient (equation 5)', () => {
  it('equals (1/m)·Xᵀ(ŷ − y) and mean(ŷ − y), computed naively, and returns the loss', () => {
    const rand = seededRandom(3);
    const m = 25;
    const p = 3;
    const data = new Float64Array(m * p).map(() => rand() * 4 - 2);
    const y = new Float64Array(m).map(() => (rand() < 0.5 ? 1 : 0));
    const w = new Float64Array([0.5, -1, 2]);
    const b = 0.3;
    const g = new Float64Array(p + 1);
    const loss = crossEntropyGradient({ rows: m, cols: p, data }, y, w, b, g);
    const expected = new Float64Array(p + 1);
    let expectedLoss = 0;
    for (let i = 0; i < m; i++) {
      let z = b;
      for (let j = 0; j < p; j++) z += w[j] * data[i * p + j];
      const r = sigmoid(z) - y[i];
      for (let j = 0; j < p; j++) expected[j] += (r * data[i * p + j]) / m;
      expected[p] += r / m;
      expectedLoss -= (y[i] * Math.log(sigmoid(z)) + (1 - y[i]) * Math.log(1 - sigmoid(z))) / m;
    }
    for (let k = 0; k <= p; k++) expect(g[k]).toBeCloseTo(expected[k], 14);
    expect(loss).toBeCloseTo(expectedLoss, 13);
  });
});
