import { describe, expect, it, vi } from 'vitest';

describe('the README quick-start example', () => {
  it('runs and prints what the README says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const example = await import('../../examples/quickstart.js');
    log.mockRestore();
    expect(example.model.classes).toEqual(['fail', 'pass']);
    expect(example.model.fitReport.converged).toBe(true);
    expect(example.probability).toBeGreaterThan(0);
    expect(example.probability).toBeLessThan(1);
    expect(example.restored.positiveProbability([[5, 7]])[0]).toBe(example.probability);
    // The README quotes R: glm(passed ~ studied + slept, binomial) gives 2.2436318, 0.4068283,
    // −0.5811287 and AIC 16.34496 (default Newton fit: agreement to the 8 digits R prints).
    const fromR = [2.2436318, 0.4068283, -0.5811287];
    const ours = [example.model.intercept, ...example.model.coefficients];
    ours.forEach((v, k) => expect(Math.abs(v - fromR[k]) / Math.abs(fromR[k])).toBeLessThan(1e-7));
    expect(example.model.summary().aic).toBeCloseTo(16.34496, 5);
    // Studying helps; the summary has a row per coefficient with a standard error.
    expect(example.model.coefficients[0]).toBeGreaterThan(0);
    const s = example.model.summary();
    expect(s.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'studied', 'slept']);
    expect(s.coefficients.every((c) => c.stdError !== null && c.stdError > 0)).toBe(true);
  });
});
