import { afterAll, describe, expect, it } from 'vitest';
import { train } from '../../src/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-flags-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');
const { X, y, featureNames } = loadDataset('pima');

async function trainJson(
  args: readonly string[],
): Promise<{ objective: number; iterations: number }> {
  const result = await runInProcess(
    ['train', pima, '-t', 'y', '--standardize', '--json', ...args],
    temp.folder,
  );
  if (result.code !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { objective: number; iterations: number };
}

describe('--kernel and the early-stopping flags of sgd', () => {
  it('--kernel plain and --kernel wasm reach the same objective (to summation order)', async () => {
    const plain = await trainJson(['--kernel', 'plain', '--tolerance', '1e-10']);
    const wasm = await trainJson(['--kernel', 'wasm', '--tolerance', '1e-10']);
    expect(Math.abs(plain.objective - wasm.objective) / plain.objective).toBeLessThan(1e-12);
  });

  it('--patience, --validation-tolerance and --learning-rate-exponent reach the library unchanged', async () => {
    const flags = ['--solver', 'sgd', '--validation-fraction', '0.2', '--patience', '2'];
    const more = ['--validation-tolerance', '1e-3', '--learning-rate-schedule', 'invscaling'];
    const cli = await trainJson([
      ...flags,
      ...more,
      '--learning-rate-exponent',
      '0.6',
      '--seed',
      '3',
    ]);
    const lib = train(X, y, {
      standardize: true,
      featureNames,
      solver: 'sgd',
      validationFraction: 0.2,
      patience: 2,
      validationTolerance: 1e-3,
      learningRateSchedule: 'invscaling',
      learningRateExponent: 0.6,
      seed: 3,
    });
    expect(cli.objective).toBe(lib.fitReport.objective);
    expect(cli.iterations).toBe(lib.fitReport.iterations);
  });

  it('a bad --patience is a usage error', async () => {
    const result = await runInProcess(
      ['train', pima, '-t', 'y', '--solver', 'sgd', '--patience', '0'],
      temp.folder,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--patience/);
  });
});
