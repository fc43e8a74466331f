import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { regularizationPath, train } from '../../src/index.js';
import { loadDataset } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-path-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');
const { X, y, featureNames } = loadDataset('pima');

describe('logreg path and the L1 / elastic-net flags', () => {
  it('path --json equals the library path, and --plot writes the coefficient paths', async () => {
    const plot = join(temp.folder, 'path.svg');
    const result = await runInProcess(
      ['path', pima, '-t', 'y', '--Cs', '6', '--standardize', '--plot', plot, '--json'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      Cs: number[];
      coefficients: number[][];
      nonZero: number[];
    };
    const lib = regularizationPath(X, y, { count: 6, standardize: true, featureNames });
    expect(json.Cs).toEqual(lib.Cs);
    expect(json.coefficients).toEqual(lib.coefficients.map((c) => Array.from(c)));
    expect(json.nonZero[0]).toBe(0);
    expect(json.nonZero.at(-1)).toBe(8);
    const svg = readFileSync(plot, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('glucose');
  });

  it('path needs --l1-ratio for elasticnet, with a clear message and exit 2', async () => {
    const result = await runInProcess(
      ['path', pima, '-t', 'y', '--penalty', 'elasticnet'],
      temp.folder,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--penalty elasticnet needs --l1-ratio/);
  });

  it('train --penalty l1 uses newglmnet and gives the library model with exact zeros', async () => {
    const model = join(temp.folder, 'l1.json');
    const result = await runInProcess(
      ['train', pima, '-t', 'y', '--penalty', 'l1', '--C', '0.01', '--model', model, '--json'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ solver: 'newglmnet', converged: true });
    const saved = JSON.parse(readFileSync(model, 'utf8')) as { model: { coefficients: number[] } };
    const lib = train(X, y, { penalty: 'l1', C: 0.01, featureNames });
    expect(saved.model.coefficients).toEqual(lib.coefficients);
    expect(lib.coefficients.filter((c) => c === 0).length).toBeGreaterThan(0);
  });

  it('the text report names the L1 and elastic-net penalties with their C', async () => {
    const l1 = await runInProcess(
      ['train', pima, '-t', 'y', '--penalty', 'l1', '--C', '0.01'],
      temp.folder,
    );
    expect(l1.code).toBe(0);
    expect(l1.stdout).toMatch(/penalty\s+L1, C = 0\.01\n/);
    const net = await runInProcess(
      ['train', pima, '-t', 'y', '--penalty', 'elasticnet', '--l1-ratio', '0.5', '--C', '0.1'],
      temp.folder,
    );
    expect(net.stdout).toMatch(/penalty\s+elastic net \(l1Ratio 0\.5\), C = 0\.1\n/);
  });

  it('train --penalty elasticnet --l1-ratio 0.5 matches the library; a smooth solver is refused', async () => {
    const result = await runInProcess(
      [
        'train',
        pima,
        '-t',
        'y',
        '--penalty',
        'elasticnet',
        '--l1-ratio',
        '0.5',
        '--C',
        '0.1',
        '--json',
      ],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const lib = train(X, y, { penalty: 'elasticnet', l1Ratio: 0.5, C: 0.1, featureNames });
    expect(JSON.parse(result.stdout).objective).toBe(lib.fitReport.objective);
    const bad = await runInProcess(
      ['train', pima, '-t', 'y', '--penalty', 'l1', '--solver', 'lbfgs'],
      temp.folder,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--penalty l1 is not supported by --solver lbfgs/);
  });
});
