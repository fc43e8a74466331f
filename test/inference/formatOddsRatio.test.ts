import { describe, expect, it } from 'vitest';
import { formatOddsRatio } from '../../src/inference/formatOddsRatio.js';
import { formatSummary, train } from '../../src/index.js';

describe('odds ratios in summary tables', () => {
  it("write small and large values as R's format(x, digits = 6) does", () => {
    // R 4.2.2: for (v in c(...)) cat(format(v, digits = 6)).
    expect(formatOddsRatio(6.8142e-6)).toBe('6.8142e-06');
    expect(formatOddsRatio(1.1326e26)).toBe('1.1326e+26');
    expect(formatOddsRatio(2.2e-279)).toBe('2.2e-279');
    expect(formatOddsRatio(5e-5)).toBe('5e-05');
    expect(formatOddsRatio(Math.exp(-700))).toBe('<1e-300'); // R: 9.85968e-305
    expect(formatOddsRatio(0.559266)).toBe('0.559266');
    expect(formatOddsRatio(null)).toBe('NA');
  });

  it('say <1e-300 and >1e+300 where exp(β) under- or overflows, and keep the estimate', () => {
    // Firth on separated data measured in thousandths: β ≈ ±928, exp(β) is Inf or 0.
    const X = Array.from({ length: 12 }, (_, i) => [i * 1e-3]);
    const y = X.map((_, i) => (i >= 6 ? 1 : 0));
    for (const [sign, shown] of [
      [1, '>1e+300'],
      [-1, '<1e-300'],
    ] as const) {
      const model = train(
        X.map(([x]) => [sign * x!]),
        y,
        { penalty: 'firth' },
      );
      const line = formatSummary(model.summary()).split('\n')[3]!;
      expect(line.startsWith('x0')).toBe(true);
      expect(line.endsWith(` ${shown}`)).toBe(true);
      expect(line).toContain(model.coefficients[0]!.toPrecision(6));
      expect(line).not.toMatch(/Inf|0\.00000/);
    }
  });
});

describe('exponents in summary tables', () => {
  it("print p-values and small estimates with R's two-digit exponent (2.76e-09, not 2.76e-9)", async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../fixtures/pima.csv', import.meta.url), 'utf8').trim();
    const [header, ...lines] = text.split('\n');
    const names = header!.split(',');
    const target = names.indexOf('y');
    const rows = lines.map((line) => line.split(',').map(Number));
    const X = rows.map((r) => r.filter((_, j) => j !== target));
    const y = rows.map((r) => r[target]!);
    const model = train(X, y, {
      penalty: 'none',
      featureNames: names.filter((_, j) => j !== target),
    });
    // R 4.2.2, summary(glm(y ~ ., binomial, pima)): "mass ... 5.945 2.76e-09 ***".
    const mass = formatSummary(model.summary())
      .split('\n')
      .find((line) => line.startsWith('mass'))!;
    expect(mass).toContain(' 2.76e-09 ');
  });
});
