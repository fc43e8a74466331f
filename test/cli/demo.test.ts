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
    expect(result.stdout).toMatch(/\$ logreg train .*--standardize/);
    expect(result.stdout).toMatch(/Coefficients/);
    expect(result.stdout).toMatch(/ROC AUC\s+0\.99/);
    expect(result.stdout).toMatch(/chosen C\s+\d/);
    expect(result.stdout).toMatch(/Std\. Error/);
    expect(result.stdout).toMatch(
      /The report \(one self-contained HTML file, phone or desktop\): .*report\.html/,
    );
    for (const file of [
      'model.json',
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
