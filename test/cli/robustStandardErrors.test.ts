import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-robust-');
afterAll(() => temp.cleanup());
const bacteria = fixture('sandwich_bacteria_raw.csv');
const at = (name: string): string => join(temp.folder, name);

/** R's glm(y ~ week + ap + hilo) on MASS bacteria with sandwich and lmtest (scripts/r-sandwich.R). */
const r = loadJson<{
  bacteria_cli: { hc1_se: number[]; hc3: number[]; cr1: number[]; model: number[] };
}>('r_sandwich.json').bacteria_cli;

/** Standard errors in the summary's order ((Intercept) first) from a matrix in the model's order. */
function standardErrors(matrix: readonly number[]): number[] {
  const d = Math.round(Math.sqrt(matrix.length));
  const se = Array.from({ length: d }, (_, k) => Math.sqrt(matrix[k * d + k]));
  return [se[d - 1], ...se.slice(0, d - 1)];
}

interface Summary {
  coefficients: { name: string; stdError: number }[];
  standardErrors: { type: string; cluster?: { name?: string; count: number }; stored: string[] };
}

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function summary(model: string, ...flags: string[]): Promise<Summary> {
  return JSON.parse(await ok(['summary', at(model), '--json', ...flags])) as Summary;
}

const base = ['--features', 'week,ap,hilo', '-t', 'y', '--penalty', 'none', '-q'];

describe('train --se / --cluster store robust standard errors; summary shows them (R sandwich, 1e-8)', () => {
  it('--se robust is HC1, shown by default and with --se hc1; --se model the classical ones', async () => {
    const out = await ok(['train', bacteria, ...base, '--se', 'robust', '-m', at('hc1.json')]);
    expect(out).toMatch(/robust SE +HC1 \(sandwich::vcovHC\) stored/);
    for (const flags of [[], ['--se', 'hc1'], ['--se', 'robust']]) {
      const s = await summary('hc1.json', ...flags);
      expect(s.standardErrors).toEqual({ type: 'hc1', stored: ['model', 'hc1'] });
      const se = s.coefficients.map((c) => c.stdError);
      expect(maxRelativeError(se, r.hc1_se)).toBeLessThan(1e-8);
    }
    const classical = await summary('hc1.json', '--se', 'model');
    expect(
      maxRelativeError(
        classical.coefficients.map((c) => c.stdError),
        standardErrors(r.model),
      ),
    ).toBeLessThan(1e-8);
    const text = await ok(['summary', at('hc1.json')]);
    expect(text).toMatch(
      /^Standard errors: HC1, heteroskedasticity-consistent \(as sandwich::vcovHC\(type = "HC1"\)\)\n\nCoefficients:/,
    );
    const modelText = await ok(['summary', at('hc1.json'), '--se', 'model']);
    expect(modelText).toMatch(/^Standard errors: model-based/);
  });

  it('--se hc3', async () => {
    await ok(['train', bacteria, ...base, '--se', 'hc3', '-m', at('hc3.json')]);
    const s = await summary('hc3.json');
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError),
        standardErrors(r.hc3),
      ),
    ).toBeLessThan(1e-8);
  });

  it('--cluster ID is CR1 (vcovCL type HC1), and the ID column is not a feature', async () => {
    await ok([
      'train',
      bacteria,
      '-t',
      'y',
      '--exclude',
      'trt',
      '--penalty',
      'none',
      '--cluster',
      'ID',
      '-q',
      '-m',
      at('cr1.json'),
    ]);
    const s = await summary('cr1.json');
    expect(s.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'week', 'ap=p', 'hilo=lo']);
    expect(s.standardErrors).toEqual({
      type: 'hc1',
      cluster: { name: 'ID', count: 50 },
      stored: ['model', 'cluster'],
    });
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError),
        standardErrors(r.cr1),
      ),
    ).toBeLessThan(1e-8);
    expect(await ok(['summary', at('cr1.json')])).toMatch(
      /^Standard errors: CR1, clustered by ID \(50 clusters; as sandwich::vcovCL\(type = "HC1"\)\)/,
    );
  });

  it('a covariance the model does not store is an error naming the train flag', async () => {
    await ok(['train', bacteria, ...base, '-m', at('plain.json')]);
    const result = await runInProcess(['summary', at('plain.json'), '--se', 'hc2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no HC2 covariance is stored with this model.*train --penalty none --se hc2/,
    );
    const cluster = await runInProcess(['summary', at('hc1.json'), '--se', 'cluster']);
    expect(cluster.stderr).toMatch(/--cluster <column>/);
  });

  it('--se without --penalty none, and --se hc3 with --cluster, are errors naming the flags', async () => {
    const l2 = await runInProcess([
      'train',
      bacteria,
      '-t',
      'y',
      '--se',
      'hc1',
      '-m',
      at('x.json'),
    ]);
    expect(l2.code).toBe(2);
    expect(l2.stderr).toMatch(
      /--se \/ --cluster applies to --penalty none \(maximum likelihood\) only, not to --penalty l2/,
    );
    const hc3 = await runInProcess([
      'train',
      bacteria,
      ...base,
      '--se',
      'hc3',
      '--cluster',
      'ID',
      '-m',
      at('x.json'),
    ]);
    expect(hc3.code).toBe(2);
    expect(hc3.stderr).toMatch(/'hc0' \(CR0\) or 'hc1' \(CR1\)/);
  });
});
