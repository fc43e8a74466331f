import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { readCsvBatches } from '../../src/node/readCsv.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-predict-');
afterAll(() => temp.cleanup());

const row = (i: number): string =>
  `${(i * 7) % 11},${(i * 5) % 13},${i % 3 === 0 ? 'u' : 'v'},${(i * 3) % 2}`;
let model = '';
beforeAll(async () => {
  const data = temp.file(
    'train.csv',
    ['a,b,c,y', ...Array.from({ length: 60 }, (_, i) => row(i))].join('\n'),
  );
  model = join(temp.folder, 'model.json');
  expect((await runInProcess(['train', data, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
});

describe('predict streams CSV to stdout in batches', () => {
  it('the streamed output equals the whole-file output (-o), over several batches', async () => {
    const data = temp.file(
      'many.csv',
      ['a,b,c', ...Array.from({ length: 20_000 }, (_, i) => row(i).slice(0, -2))].join('\n'),
    );
    const streamed = await runInProcess(['predict', model, data, '--proba', '-q']);
    expect(streamed.code).toBe(0);
    const file = join(temp.folder, 'out.csv');
    expect((await runInProcess(['predict', model, data, '--proba', '-q', '-o', file])).code).toBe(
      0,
    );
    expect(streamed.stdout).toBe(readFileSync(file, 'utf8'));
    expect(streamed.stdout.split('\n')).toHaveLength(20_002);
  });

  it('readCsvBatches hands over batches with their file lines, and a bad cell after the first batch still names its line', async () => {
    const lines = ['a,b', ...Array.from({ length: 25 }, (_, i) => `${i},${i % 2}`)];
    const sizes: number[] = [];
    const firstLines: number[] = [];
    await readCsvBatches(temp.file('b.csv', lines.join('\n')), { batchRows: 1 }, async (t) => {
      sizes.push(t.rowCount);
      firstLines.push(t.lines[0]!);
    });
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(25);
    expect(firstLines[0]).toBe(2);
    expect(firstLines.every((l, k) => k === 0 || l > firstLines[k - 1]!)).toBe(true);
    const ragged = [...lines.slice(0, 20), '1,2,3', ...lines.slice(20)].join('\n');
    await expect(
      readCsvBatches(temp.file('r.csv', ragged), { batchRows: 4 }, async () => undefined),
    ).rejects.toThrow(/r\.csv: line 21: expected 2 fields as in the header, got 3/);
    await expect(
      readCsvBatches(temp.file('e.csv', 'a,b\n'), {}, async () => undefined),
    ).rejects.toThrow(/a header row but no data rows/);
  });

  it('the first rows come out before the input ends (a FIFO kept open)', async () => {
    if (process.platform === 'win32') return;
    const fifo = join(temp.folder, 'in.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    let out = '';
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out += chunk.toString('utf8');
        callback();
      },
    });
    const stderr = new Writable({ write: (_c, _e, callback) => callback() });
    const done = run(['predict', model, fifo, '-q'], { stdout, stderr });
    const writer = createWriteStream(fifo);
    writer.write(
      ['a,b,c', ...Array.from({ length: 10_000 }, (_, i) => row(i).slice(0, -2))].join('\n') + '\n',
    );
    const deadline = Date.now() + 30_000;
    while (out === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const before = out.split('\n').length - 1;
    expect(before).toBeGreaterThan(1);
    writer.end(`${row(1).slice(0, -2)}\n`);
    expect(await done).toBe(0);
    expect(out.split('\n')).toHaveLength(10_003);
  }, 60_000);
});
