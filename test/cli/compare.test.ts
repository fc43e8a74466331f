import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-compare-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.folder, name);
const melanoma = fixture('anova_melanoma.csv');

/** R 4.2.2 anova(small, big, test = "LRT") on MASS Melanoma (scripts/r-anova.R). */
const r = loadJson<{
  melanoma: { resid_dev: number[]; df: number; deviance: number; p_value: number; aic: number[] };
}>('r_anova.json').melanoma;

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  const base = ['-t', 'died', '--penalty', 'none', '-q'];
  await ok(['train', melanoma, ...base, '--features', 'thickness,ulcer', '-m', at('small.json')]);
  await ok(['train', melanoma, ...base, '-m', at('big.json')]);
  // The same file with one thickness changed.
  const lines = readFileSync(melanoma, 'utf8').split('\n');
  lines[5] = lines[5].replace(/^(\d+),[^,]+,/, '$1,9.99,');
  writeFileSync(at('edited.csv'), lines.join('\n'));
  await ok([
    'train',
    at('edited.csv'),
    ...base,
    '--features',
    'thickness',
    '-m',
    at('edited.json'),
  ]);
  await ok(['train', melanoma, '-t', 'ulcer', '--penalty', 'none', '-q', '-m', at('ulcer.json')]);
});

describe('logreg compare small.json big.json', () => {
  it('prints the likelihood-ratio test as R anova(test = "LRT") and --json equals R to 1e-8', async () => {
    const text = await ok(['compare', at('small.json'), at('big.json')]);
    expect(text).toMatch(/^Analysis of Deviance Table \(likelihood-ratio test\)/);
    expect(text).toMatch(/\(adds age, sex, year\)/);
    expect(text).toMatch(/\n2 +199 +202\.01 +3 +9\.8356 +0\.02002 +\*/);
    const json = JSON.parse(await ok(['compare', at('small.json'), at('big.json'), '--json'])) as {
      df: number;
      lrStatistic: number;
      pValue: number;
      small: { deviance: number; aic: number };
      target: string;
    };
    expect(json.target).toBe('died');
    expect(json.df).toBe(r.df);
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    expect(rel(json.lrStatistic, r.deviance)).toBeLessThan(1e-8);
    expect(rel(json.pValue, r.p_value)).toBeLessThan(1e-8);
    expect(rel(json.small.deviance, r.resid_dev[0])).toBeLessThan(1e-8);
    expect(rel(json.small.aic, r.aic[0])).toBeLessThan(1e-8);
  });

  it('refuses models that are not nested, fitted on other rows or of another target', async () => {
    const reversed = await runInProcess(['compare', at('big.json'), at('small.json')]);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toMatch(/not nested: the big model lacks the small one's 'age'/);
    const edited = await runInProcess(['compare', at('edited.json'), at('big.json')]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/different rows: the values of 'thickness' differ/);
    const target = await runInProcess(['compare', at('small.json'), at('ulcer.json')]);
    expect(target.code).toBe(1);
    expect(target.stderr).toMatch(/different targets: "died" .* and "ulcer"/);
  });
});
