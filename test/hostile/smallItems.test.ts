import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { averagePrecision } from '../../src/metrics/averagePrecision.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-small-');
afterAll(() => temp.cleanup());

const rows = ['a,b,y', '1,2,0', '2,1,1', '3,3,0', '4,1,1', '0,0,0', '5,5,1', '2,2,1', '1,1,0'];

describe('smaller items of issue 14', () => {
  it('--weights naming the target is a usage error, not a one-class fit', async () => {
    const data = temp.file('w.csv', rows.join('\n'));
    const result = await runInProcess([
      'train',
      data,
      '-t',
      'y',
      '--weights',
      'y',
      '-m',
      join(temp.folder, 'w.json'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--weights names the target column "y"/);
  });

  it('average precision never exceeds 1 (rounding of the step sum)', () => {
    // Positives ranked first, so AP is 1 in exact arithmetic; with these weights the plain step
    // sum is 1.0000000000000002 (n = 34: two positives, then a negative, repeated).
    const n = 34;
    const y = Array.from({ length: n }, (_, i) => (i % 3 < 2 ? 1 : 0));
    const weights = y.map((_, i) => 0.1 + (i % 3) / 10);
    const score = y.map((v, i) => v + i / (10 * n));
    expect(averagePrecision(y, score, weights)).toBe(1);
  });
});

describe('export and report do not write over their inputs (as train -m and predict -o)', () => {
  it('--onnx or --html naming the model or the data: exit 1 before anything is written', async () => {
    const data = temp.file('io.csv', `${rows.join('\n')}\n`);
    const model = join(temp.folder, 'io.json');
    expect((await runInProcess(['train', data, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
    const before = readFileSync(model, 'utf8');
    for (const argv of [
      ['export', model, '--onnx', model],
      ['report', model, '--html', model],
      ['report', model, '--data', data, '--html', data],
    ]) {
      const result = await runInProcess(argv);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot write: it is the input file/);
    }
    expect(readFileSync(model, 'utf8')).toBe(before);
    expect(readFileSync(data, 'utf8')).toBe(`${rows.join('\n')}\n`);
  });
});
