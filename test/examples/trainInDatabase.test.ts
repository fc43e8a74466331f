import { describe, expect, it, vi } from 'vitest';

describe('the README SQL example', () => {
  it('fits inside DuckDB and scores there as predictProba does', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const example = await import('../../examples/trainInDatabase.js');
    log.mockRestore();
    expect(example.model.featureNames).toEqual(['age', 'plan=pro']);
    expect(example.rows).toBe(12);
    expect(example.droppedRows).toBe(1);
    expect(example.model.fitReport.converged).toBe(true);
    const X = example.scored.map((r) => [Number(r[0]), r[1] === 'pro' ? 1 : 0]);
    const p = example.model.positiveProbability(X);
    example.scored.forEach((r, i) =>
      expect(Math.abs(Number(r[2]) - p[i]!)).toBeLessThanOrEqual(1e-12),
    );
  });
});
