import { describe, expect, it, vi } from 'vitest';

describe('the README export and report example', () => {
  it('runs: onnxruntime gives the model’s probabilities and labels, and the report is one page', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const example = await import('../../examples/shareModel.js');
    log.mockRestore();
    const P = example.model.predictProba([
      [30, 1],
      [50, 0],
    ]);
    expect([P.rows, P.cols]).toEqual([2, 2]);
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(example.onnxProbabilities[j] - P.data[j])).toBeLessThanOrEqual(1e-12);
    }
    expect(Array.from(example.onnxLabels, Number)).toEqual(
      example.model.predict([
        [30, 1],
        [50, 0],
      ]),
    );
    expect(example.html).toContain('data-figure="forest"');
    expect(example.html).toContain('data-figure="roc"');
  });
});
