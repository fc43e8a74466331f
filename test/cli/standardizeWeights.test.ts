import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadJson } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-standardize-weights-');
afterAll(() => temp.cleanup());

interface Fit {
  readonly coefficients: readonly number[];
  readonly intercept: number;
}
const [pima] = loadJson<{ cases: { sample: Fit; fit: Fit }[] }>(
  'sklearn_standardize_class_weight.json',
).cases;

describe('train --standardize --class-weight balanced --standardize-weights', () => {
  it.each(['sample', 'fit'] as const)(
    '%s fits the scikit-learn reference of that convention (pima, C = 0.1; 1e-6 relative)',
    async (convention) => {
      const model = join(temp.folder, `${convention}.json`);
      const args = ['train', fixture('pima.csv'), '-t', 'y', '--C', '0.1', '--tolerance', '1e-10'];
      const result = await runInProcess([
        ...args,
        ...['--standardize', '--class-weight', 'balanced', '--standardize-weights', convention],
        ...['-m', model, '-q'],
      ]);
      expect(result.code, result.stderr).toBe(0);
      const fitted = (JSON.parse(readFileSync(model, 'utf8')) as { model: Fit }).model;
      const reference = pima![convention];
      const scale = Math.max(
        ...reference.coefficients.map(Math.abs),
        Math.abs(reference.intercept),
      );
      expect(Math.abs(fitted.intercept - reference.intercept) / scale).toBeLessThan(1e-6);
      fitted.coefficients.forEach((w, j) =>
        expect(Math.abs(w - reference.coefficients[j]!) / scale).toBeLessThan(1e-6),
      );
    },
  );

  it('needs --standardize', async () => {
    const args = ['train', fixture('pima.csv'), '-t', 'y', '--standardize-weights', 'sample'];
    const result = await runInProcess([...args, '-m', join(temp.folder, 'no.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--standardize-weights applies with --standardize only');
  });
});
