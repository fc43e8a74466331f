import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictCommand, predictBatchRows } from '../../src/cli/predictCommand.js';
import type { PredictFlags } from '../../src/cli/predictCommand.js';
import { buildDesignMatrix } from '../../src/data/designMatrix.js';
import { completeRows } from '../../src/data/completeRows.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { readModelFile } from '../../src/node/readModelFile.js';
import { readTable } from '../../src/node/readTable.js';
import { tempFolder } from '../node/tempFiles.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-predict-stream-');
afterAll(() => temp.cleanup());

/** mulberry32: seeded uniforms in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 20,000 rows (two and a half batches of 8192): an id, two numbers, a categorical column g, a
 * binary target y and a three-class target k drawn from logistic models of them, and "NA" in x1
 * on every 997th row.
 */
function generated(): string {
  const rnd = random(7);
  const lines = ['id,x1,x2,g,y,k'];
  for (let i = 0; i < 20_000; i++) {
    const x1 = Math.round((rnd() * 4 - 2) * 1000) / 1000;
    const x2 = Math.round((rnd() * 6 - 3) * 100) / 100;
    const g = ['red', 'green', 'blue'][Math.floor(rnd() * 3)]!;
    const z = 0.8 * x1 - 0.5 * x2 + (g === 'red' ? 0.7 : 0) - 0.2;
    const y = rnd() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no';
    const k = z + rnd() * 2 - 1 < -0.5 ? 'a' : z < 0.6 ? 'b' : 'c';
    lines.push(`r${i},${i % 997 === 5 ? 'NA' : x1},${x2},${g},${y},${k}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * 20,000 rows of plain numbers (x1, x2, x3, y), the byte-level reader's case; `breakAt` puts a
 * cell it does not take (\"NA\") in x2 on that row, after which the general reader goes on.
 */
function numeric(breakAt?: number): string {
  const rnd = random(11);
  const lines = ['x1,x2,x3,y'];
  for (let i = 0; i < 20_000; i++) {
    const x = [rnd() * 4 - 2, rnd() * 2 - 1, rnd() * 10].map((v) => Math.round(v * 1e4) / 1e4);
    const y = rnd() < 1 / (1 + Math.exp(-(x[0]! - 2 * x[1]! + 0.1 * x[2]! - 0.5))) ? 1 : 0;
    lines.push(`${x[0]},${i === breakAt ? 'NA' : x[1]},${x[2]},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A stream that keeps what is written to it. */
function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

const base: PredictFlags = {
  quiet: true,
  proba: true,
  se: false,
  classProbabilities: false,
  dropMissing: true,
};

/** predictCommand's stdout and stderr with batches of `batchRows` rows. */
async function predicted(
  model: string,
  data: string,
  flags: Partial<PredictFlags>,
  batchRows?: number,
  parseThread?: boolean,
): Promise<{ stdout: string; stderr: string }> {
  const stdout = collector();
  const stderr = collector();
  await predictCommand(
    { stdout, stderr },
    join(temp.folder, model),
    join(temp.folder, data),
    { ...base, ...flags },
    batchRows,
    parseThread,
  );
  return { stdout: stdout.text(), stderr: stderr.text() };
}

beforeAll(async () => {
  const text = generated();
  writeFileSync(join(temp.folder, 'data.csv'), text);
  writeFileSync(join(temp.folder, 'data.csv.gz'), gzipSync(text));
  writeFileSync(join(temp.folder, 'numeric.csv'), numeric());
  writeFileSync(join(temp.folder, 'numeric.tsv'), numeric().replaceAll(',', '\t'));
  writeFileSync(join(temp.folder, 'late.csv'), numeric(15_000));
  writeFileSync(join(temp.folder, 'early.csv'), numeric(2));
  for (const [target, model, extra] of [
    ['y', 'binary.json', ['--categorical', 'g', '--penalty', 'none']],
    ['k', 'multi.json', []],
  ] as const) {
    const trained = await runInProcess(
      [
        'train',
        'data.csv',
        '--target',
        target,
        '--exclude',
        target === 'y' ? 'id,k' : 'id,y',
        '--drop-missing',
        '--model',
        model,
        '-q',
        ...extra,
      ],
      temp.folder,
    );
    if (trained.code !== 0) throw new Error(trained.stderr);
  }
  const numericModel = await runInProcess(
    ['train', 'numeric.csv', '--target', 'y', '--model', 'numeric.json', '-q'],
    temp.folder,
  );
  if (numericModel.code !== 0) throw new Error(numericModel.stderr);
});

describe('logreg predict streams in batches', () => {
  const whole = 1_000_000_000;

  it('batches of 8192, 1000 and 7 rows give the bytes of the whole file in one batch', async () => {
    const cases: [string, Partial<PredictFlags>][] = [
      ['binary.json', { keep: ['id'] }],
      ['binary.json', { se: true, interval: 0.9, classProbabilities: true }],
      ['multi.json', { keep: ['id', 'g'] }],
    ];
    for (const [model, flags] of cases) {
      const reference = await predicted(model, 'data.csv', flags, whole);
      expect(reference.stdout.split('\n')).toHaveLength(20_000 - 21 + 2);
      for (const batchRows of [predictBatchRows, 1000, 7]) {
        const streamed = await predicted(model, 'data.csv', flags, batchRows);
        expect(streamed.stdout).toBe(reference.stdout);
        expect(streamed.stderr).toBe(reference.stderr);
      }
    }
  });

  it('plain numbers (the byte-level reader) give the bytes of the general reader, CSV and TSV', async () => {
    // naValues: [] adds no token, but the byte-level reader leaves such options to the general one.
    const general = await predicted('numeric.json', 'numeric.csv', { naValues: [] }, whole);
    expect(general.stdout.split('\n')).toHaveLength(20_002);
    for (const batchRows of [predictBatchRows, 1000, 7, whole]) {
      const fast = await predicted('numeric.json', 'numeric.csv', {}, batchRows);
      expect(fast.stdout).toBe(general.stdout);
    }
    const tiny = await predicted('numeric.json', 'numeric.csv', { naValues: [] }, 7);
    expect(tiny.stdout).toBe(general.stdout);
    const tsv = await predicted('numeric.json', 'numeric.tsv', { classProbabilities: true });
    const tsvGeneral = await predicted('numeric.json', 'numeric.tsv', {
      classProbabilities: true,
      naValues: [],
    });
    expect(tsv.stdout).toBe(tsvGeneral.stdout);
    expect(tsv.stdout.slice(0, 30)).toMatch(/^prediction,p\(0\),p\(1\)\n[01],0\./);
  });

  it('the command line (its default read limits) and --output write those bytes too', async () => {
    const general = await predicted('numeric.json', 'numeric.csv', { naValues: [] });
    const cli = await runInProcess(
      ['predict', 'numeric.json', 'numeric.csv', '--proba'],
      temp.folder,
    );
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(general.stdout);
    const written = await runInProcess(
      ['predict', 'numeric.json', 'numeric.csv', '--proba', '-o', 'out.csv'],
      temp.folder,
    );
    expect(written.code).toBe(0);
    expect(readFileSync(join(temp.folder, 'out.csv'), 'utf8')).toBe(general.stdout);
  });

  it('a cell the byte-level reader does not take, early or late: the general reader goes on, same bytes', async () => {
    for (const data of ['late.csv', 'early.csv']) {
      const general = await predicted('numeric.json', data, { naValues: [] }, whole);
      const mixed = await predicted('numeric.json', data, {});
      expect(mixed.stdout).toBe(general.stdout);
      expect(mixed.stderr).toBe(general.stderr);
      expect(mixed.stdout.split('\n')).toHaveLength(20_001);
    }
    const late = await predicted('numeric.json', 'late.csv', {});
    expect(late.stderr).toMatch(/dropped 1 of 20000 rows with missing values \(line 15002\)/);
    // Without --drop-missing, the "NA" is an error naming its line, after the rows before it.
    await expect(predicted('numeric.json', 'late.csv', { dropMissing: false })).rejects.toThrow(
      /line 15002/,
    );
  });

  it('gzip streams the same bytes as the plain file', async () => {
    const plain = await predicted('binary.json', 'data.csv', { keep: ['id'] });
    const gzip = await predicted('binary.json', 'data.csv.gz', { keep: ['id'] });
    expect(gzip.stdout).toBe(plain.stdout);
  });

  it('the rows are in input order, ids kept, probabilities those of the library on the whole matrix', async () => {
    const { stdout, stderr } = await predicted('binary.json', 'data.csv', { keep: ['id'] });
    // 21 rows hold "NA" (rows 5, 1002, …, 19945): left out, and the note says so.
    expect(stderr).toMatch(/dropped 21 of 20000 rows with missing values \(lines 7, 1004, 2001, /);
    const { file, model } = await readModelFile(join(temp.folder, 'binary.json'));
    if (!(model instanceof LogisticRegressionModel)) throw new Error('expected a binary model');
    const table = await readTable(join(temp.folder, 'data.csv'));
    const { rows } = completeRows(
      table,
      file.features.map((f) => f.column),
    );
    const p = model.positiveProbability(buildDesignMatrix(table, file.features, rows));
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id,prediction,probability');
    const ids = table.columns.find((c) => c.name === 'id')!;
    expect(lines.length - 1).toBe(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, label, probability] = lines[i + 1]!.split(',');
      expect(id).toBe(ids.text![rows[i]!]);
      expect(probability).toBe(String(p[i]));
      expect(label).toBe(p[i]! >= 0.5 ? 'yes' : 'no');
    }
    // Input order: ids ascend.
    expect(lines.slice(1, 6).map((l) => l.split(',')[0])).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });
});

describe('logreg predict parses on a worker thread', () => {
  const whole = 1_000_000_000;

  it('worker on or off, any batch size: the bytes of the general reader, CSV and TSV', async () => {
    for (const flags of [{}, { classProbabilities: true }]) {
      const general = await predicted('numeric.json', 'numeric.csv', { ...flags, naValues: [] });
      expect(general.stdout.split('\n')).toHaveLength(20_002);
      for (const batchRows of [predictBatchRows, 1000, 7, whole]) {
        const serial = await predicted('numeric.json', 'numeric.csv', flags, batchRows, false);
        const threaded = await predicted('numeric.json', 'numeric.csv', flags, batchRows, true);
        expect(serial.stdout).toBe(general.stdout);
        expect(threaded.stdout).toBe(general.stdout);
        expect(threaded.stderr).toBe(serial.stderr);
      }
    }
    const tsv = await predicted('numeric.json', 'numeric.tsv', { naValues: [] });
    const tsvThreaded = await predicted('numeric.json', 'numeric.tsv', {}, 1000, true);
    expect(tsvThreaded.stdout).toBe(tsv.stdout);
  });

  it('a cell the worker does not take, early or late: the general reader goes on after its rows', async () => {
    for (const data of ['late.csv', 'early.csv']) {
      const general = await predicted('numeric.json', data, { naValues: [] }, whole);
      for (const batchRows of [predictBatchRows, 1000, 7]) {
        const mixed = await predicted('numeric.json', data, {}, batchRows, true);
        expect(mixed.stdout).toBe(general.stdout);
        expect(mixed.stderr).toBe(general.stderr);
      }
    }
  });

  it('a repeated header name: the worker leaves the file to the general reader, same error', async () => {
    writeFileSync(
      join(temp.folder, 'repeated.csv'),
      numeric().replace('x1,x2,x3,y', 'x1,x2,x3,x3'),
    );
    const failure = (thread: boolean): Promise<unknown> =>
      predicted('numeric.json', 'repeated.csv', {}, 1000, thread).catch((error: unknown) => error);
    const serial = await failure(false);
    expect(String(serial)).toMatch(/line 1: duplicate column name "x3"/);
    expect(String(await failure(true))).toBe(String(serial));
  });

  it('an error names the line the serial path names', async () => {
    const flags = { dropMissing: false };
    const serial = await predicted('numeric.json', 'late.csv', flags, 1000, false).catch(
      (error: unknown) => error,
    );
    const threaded = await predicted('numeric.json', 'late.csv', flags, 1000, true).catch(
      (error: unknown) => error,
    );
    expect(String(serial)).toMatch(/line 15002/);
    expect(String(threaded)).toBe(String(serial));
    // A model that reads a column the file lacks: the same error from either path.
    const missing = await predicted('binary.json', 'numeric.csv', {}, 1000, false).catch(
      (error: unknown) => error,
    );
    const missingThreaded = await predicted('binary.json', 'numeric.csv', {}, 1000, true).catch(
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(Error);
    expect(String(missingThreaded)).toBe(String(missing));
  });
});
