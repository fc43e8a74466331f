import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../src/node/readModelFile.js';
import { run } from '../../src/cli/run.js';
import type { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { libsvmDesignMatrix } from '../../src/data/libsvmData.js';
import { readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { readLibsvmBatches } from '../../src/node/readLibsvmBatches.js';
import { OutputFileError, writeFileAtomicStreaming } from '../../src/node/writeFileAtomic.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-stream-');
afterAll(() => temp.cleanup());

/** LIBSVM row i: features 1, 3 and (every fifth row) 4, label ±1. */
const svmRow = (i: number): string =>
  `${(i * 7) % 3 === 0 ? 1 : -1} 1:${(i * 7) % 11} 3:${((i * 5) % 13) / 4}${i % 5 === 0 ? ' 4:1' : ''}`;
const svmRows = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, k) => svmRow(from + k));

let model = '';
beforeAll(async () => {
  const data = temp.file('train.svm', svmRows(0, 80).join('\n'));
  model = join(temp.folder, 'model.json');
  expect((await runInProcess(['train', data, '-m', model, '-q'])).code).toBe(0);
});

/** The predictions of the whole file through the library, as `predict --proba` prints them. */
async function expectedText(file: string): Promise<string> {
  const { file: modelFile, model: fitted } = await readModelFile(model);
  // Feature 2 is in no row: the model's features are x1, x3 and x4.
  expect(fitted.featureNames).toEqual(['x1', 'x3', 'x4']);
  const X = libsvmDesignMatrix(await readLibsvmSparse(file), modelFile.features);
  const labels = fitted.predict(X);
  const p = (fitted as LogisticRegressionModel).positiveProbability(X);
  return `prediction,probability\n${labels.map((l, i) => `${String(l)},${String(p[i])}\n`).join('')}`;
}

describe('predict streams LIBSVM input', () => {
  it('over several batches, stdout and -o equal the whole-file predictions', async () => {
    const data = temp.file('many.svm', `# header comment\n${svmRows(0, 20_000).join('\n')}\n`);
    const expected = await expectedText(data);
    const streamed = await runInProcess(['predict', model, data, '--proba', '-q']);
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toBe(expected);
    const out = join(temp.folder, 'many.csv');
    const written = await runInProcess(['predict', model, data, '--proba', '-q', '-o', out]);
    expect(written.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('readLibsvmBatches: bounded batches with file lines; errors after the first batch name their line', async () => {
    const file = temp.file('b.svm', ['# c', ...svmRows(0, 30)].join('\n'));
    const sizes: number[] = [];
    const lines: number[] = [];
    const cols: number[] = [];
    await readLibsvmBatches(file, { batchRows: 1, minFeatures: 2 }, async (batch) => {
      sizes.push(batch.X.rows);
      lines.push(...batch.lines);
      cols.push(batch.X.cols);
    });
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
    expect(lines).toEqual(Array.from({ length: 30 }, (_, k) => k + 2));
    expect(Math.max(...cols)).toBe(4);
    expect(Math.min(...cols)).toBeGreaterThanOrEqual(2);

    const big = [...svmRows(0, 20_000), '1 1:x', ...svmRows(0, 10)].join('\n');
    let handed = 0;
    const error = await readLibsvmBatches(
      temp.file('bad.svm', big),
      { batchRows: 100 },
      async (batch) => {
        handed += batch.X.rows;
        expect(batch.X.rows).toBeLessThan(100 + 10_000); // one 64 KiB chunk is < 10,000 rows
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/bad\.svm: line 20001: /);
    expect(handed).toBeGreaterThan(0);

    await expect(
      readLibsvmBatches(temp.file('empty.svm', ''), {}, async () => undefined),
    ).rejects.toThrow(/empty\.svm: the file is empty/);
    const mine = new Error('from the caller');
    await expect(readLibsvmBatches(file, {}, () => Promise.reject(mine))).rejects.toBe(mine);
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
    const done = run(['predict', model, fifo, '-q', '--format', 'libsvm'], { stdout, stderr });
    const writer = createWriteStream(fifo);
    writer.write(`${svmRows(0, 10_000).join('\n')}\n`);
    const deadline = Date.now() + 30_000;
    while (out === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(out.split('\n').length - 1).toBeGreaterThan(1);
    writer.end(`${svmRow(1)}\n`);
    expect(await done).toBe(0);
    expect(out.split('\n')).toHaveLength(10_003);
  }, 60_000);
});

describe('predict -o streams into a temporary file, then renames', () => {
  it('an error after the first batch leaves the existing output untouched and no temporary file', async () => {
    const folder = join(temp.folder, 'out');
    mkdirSync(folder);
    const out = join(folder, 'pred.csv');
    writeFileSync(out, 'old\n');
    const bad = temp.file('late.svm', [...svmRows(0, 20_000), '1 1:x'].join('\n'));
    const result = await runInProcess(['predict', model, bad, '-q', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/late\.svm: line 20001: /);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(readdirSync(folder)).toEqual(['pred.csv']);
    const csvModel = join(temp.folder, 'csv.json');
    const train = temp.file('t.csv', 'a,y\n1,0\n2,1\n3,0\n4,1\n5,1\n');
    expect((await runInProcess(['train', train, '-t', 'y', '-m', csvModel, '-q'])).code).toBe(0);
    const rows = Array.from({ length: 20_000 }, (_, i) => String(i % 7));
    const badCsv = temp.file('late.csv', ['a', ...rows, '1,2'].join('\n'));
    const csv = await runInProcess(['predict', csvModel, badCsv, '-q', '-o', out]);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toMatch(/late\.csv: line 20002: expected 1 fields/);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(readdirSync(folder)).toEqual(['pred.csv']);
  });

  it('writeFileAtomicStreaming: pieces in order; a failing producer leaves nothing', async () => {
    const folder = join(temp.folder, 'atomic');
    mkdirSync(folder);
    const file = join(folder, 'f.txt');
    await writeFileAtomicStreaming(file, async (write) => {
      for (let k = 0; k < 1000; k++) await write(`${k}\n`);
    });
    expect(readFileSync(file, 'utf8')).toBe(
      Array.from({ length: 1000 }, (_, k) => `${k}\n`).join(''),
    );
    const mine = new Error('producer failed');
    await expect(
      writeFileAtomicStreaming(file, async (write) => {
        await write('partial\n');
        throw mine;
      }),
    ).rejects.toBe(mine);
    expect(readFileSync(file, 'utf8').startsWith('0\n1\n')).toBe(true);
    expect(readdirSync(folder)).toEqual(['f.txt']);
    await expect(
      writeFileAtomicStreaming(join(folder, 'no', 'f.txt'), async () => undefined),
    ).rejects.toThrow(OutputFileError);
  });
});
