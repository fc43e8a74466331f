import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-demo-');
afterAll(() => temp.cleanup());
const demo = fileURLToPath(new URL('../../examples/demo.mjs', import.meta.url));

describe('npm run demo (examples/demo.mjs)', () => {
  it('trains on the shipped breast-cancer data, prints summary and evaluation, writes model and plots', () => {
    const result = spawnSync(process.execPath, [demo, temp.folder], {
      encoding: 'utf8',
      cwd: temp.folder,
    });
    expect(result.status, result.stderr).toBe(0);
    // It leads with a table a newcomer can read: an unpenalized fit, every cell a number.
    expect(result.stdout).toMatch(/\$ logreg train .*pima\.csv --target y --penalty none/);
    const first = result.stdout.slice(result.stdout.indexOf('Coefficients:'));
    const table = first.slice(0, first.indexOf('---'));
    expect(table).toMatch(/^glucose\s+0\.0351/m);
    expect(table).not.toMatch(/\bNA\b/);
    // Odds ratios are never printed as 0 or Inf (R's notation, <1e-300 / >1e+300 at the limits).
    expect(result.stdout).not.toMatch(/\bInf\b| 0\.00000\b/);
    expect(result.stdout).toMatch(/\$ logreg train .*--penalty firth/);
    expect(result.stdout).toMatch(/ROC AUC\s+0\.99/);
    expect(result.stdout).toMatch(/chosen C\s+\d/);
    expect(result.stdout).toMatch(/Std\. Error/);
    expect(result.stdout).toMatch(
      /The report \(one self-contained HTML file, phone or desktop\): .*report\.html/,
    );
    for (const file of [
      'pima.json',
      'cv-model.json',
      'firth.json',
      'loss.svg',
      'cv.svg',
      'roc.svg',
      'pr.svg',
      'calibration.svg',
      'train.csv',
      'test.csv',
      'report.html',
      'model.onnx',
    ]) {
      expect(existsSync(join(temp.folder, file))).toBe(true);
    }
  });
});
