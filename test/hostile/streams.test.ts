import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/data/dataFileError.js';
import { ExpansionGuard } from '../../src/node/openDataStream.js';
import { readCsv } from '../../src/node/readCsv.js';
import { readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-streams-');
afterAll(() => temp.cleanup());

const csv = ['a,b,y', '1,2,0', '2,1,1', '3,3,0', '4,1,1', '0,0,0', '5,5,1', '2,2,1', '1,1,0'].join(
  '\n',
);
const svm = '0 1:1 2:2\n1 1:2 2:1\n0 1:3 2:3\n1 1:4 2:1\n0 2:1\n1 1:5 2:5\n1 1:2 2:2\n0 1:1 2:1\n';
let csvModel = '';
let svmModel = '';
beforeAll(async () => {
  csvModel = join(temp.folder, 'csv.model.json');
  svmModel = join(temp.folder, 'svm.model.json');
  const data = temp.file('d.csv', csv);
  const svmData = temp.file('d.svm', svm);
  expect((await runInProcess(['train', data, '-t', 'y', '-m', csvModel, '-q'])).code).toBe(0);
  expect((await runInProcess(['train', svmData, '-m', svmModel, '-q'])).code).toBe(0);
});

/** Makes a FIFO and starts a writer that sends `content` into it once a reader opens it. */
function fifoWith(name: string, content: Buffer): string {
  const path = join(temp.folder, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  const writer = spawn('sh', ['-c', `cat > "${path}"`], { stdio: ['pipe', 'ignore', 'ignore'] });
  writer.stdin.end(content);
  return path;
}

// /dev/stdin from a shell pipe needs the built binary: test/cli/binary.test.ts.
describe('FIFOs are read sequentially', () => {
  const cases: [string, string, Buffer, string[]][] = [
    ['CSV', 'csv', Buffer.from(csv), []],
    ['gzipped CSV', 'csv', gzipSync(csv), []],
    ['LIBSVM', 'svm', Buffer.from(svm), ['--format', 'libsvm']],
    ['gzipped LIBSVM', 'svm', gzipSync(svm), ['--format', 'libsvm']],
  ];
  for (const [what, kind, content, flags] of cases) {
    it(`predict from a FIFO: ${what}`, async () => {
      if (process.platform === 'win32') return;
      const model = kind === 'csv' ? csvModel : svmModel;
      const fromFile = await runInProcess([
        'predict',
        model,
        temp.file(`plain-${what}`, content),
        ...flags,
        '-q',
      ]);
      const fifo = fifoWith(`fifo-${what.replace(/ /g, '-')}`, content);
      const fromFifo = await runInProcess(['predict', model, fifo, ...flags, '-q']);
      expect(fromFifo.stderr).toBe('');
      expect(fromFifo.code).toBe(0);
      expect(fromFifo.stdout).toBe(fromFile.stdout);
      expect(fromFifo.stdout.trim().split('\n')).toHaveLength(9);
    });
  }
});

describe('line length limit (maxLineLength, --max-line-length)', () => {
  const long = `a,y\n1,0\n${'9'.repeat(300)},1\n2,0\n`;
  it('CSV, plain and gzipped: a line over the limit names file and line', async () => {
    for (const gzip of [false, true]) {
      const file = temp.file(`long${gzip ? '.csv.gz' : '.csv'}`, long, { gzip });
      const error = await readCsv(file, { maxLineLength: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toBe(
        `${file}: line 3: the line is longer than 100 bytes (no line break): not a data file, or raise the limit (--max-line-length, option maxLineLength)`,
      );
      expect((await readCsv(file, { maxLineLength: 302 })).rowCount).toBe(3);
    }
  });

  it('LIBSVM, plain and gzipped, with or without a final line break', async () => {
    for (const gzip of [false, true]) {
      for (const tail of ['\n', '']) {
        const text = `1 1:1\n0 1:${'1'.repeat(200)}${tail}`;
        const file = temp.file(`long${gzip ? '.svm.gz' : '.svm'}`, text, { gzip });
        const error = await readLibsvmSparse(file, { maxLineLength: 100 }).catch((e: unknown) => e);
        expect((error as Error).message).toMatch(/: line 2: the line is longer than 100 bytes/);
      }
    }
  });

  it('input without a line break stops at the limit (not at the end of the data)', async () => {
    const file = temp.file('oneline.csv', 'a'.repeat(5000));
    const error = await readCsv(file, { maxLineLength: 1000 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/oneline\.csv: line 1: the line is longer than 1000/);
  });

  it('CLI: --max-line-length', async () => {
    const file = temp.file('cli-long.csv', long);
    const result = await runInProcess(['train', file, '-t', 'y', '--max-line-length', '100']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cli-long\.csv: line 3: the line is longer than 100 bytes/);
    const bad = await runInProcess(['train', file, '-t', 'y', '--max-line-length', '0']);
    expect(bad.code).toBe(2);
  });
});

describe('gzip bombs (maxExpansion, --max-expansion)', () => {
  it('ExpansionGuard passes data up to the ratio (past 64 MiB) and fails beyond it', async () => {
    const mib = Buffer.alloc(1 << 20, 0x30);
    const through = async (ratio: number, compressedBytes: number): Promise<unknown> => {
      const guard = new ExpansionGuard('bomb.csv.gz', ratio, { bytes: compressedBytes });
      const source = Readable.from(Array.from({ length: 80 }, () => mib));
      let out = 0;
      try {
        for await (const chunk of source.pipe(guard)) out += (chunk as Buffer).length;
      } catch (error) {
        return error;
      }
      return out;
    };
    expect(await through(200, 1 << 20)).toBe(80 << 20); // 80 MiB from 1 MiB: 80×
    const error = await through(50, 1 << 20);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(
      /^bomb\.csv\.gz: decompresses to more than 50 times its compressed size .*--max-expansion/,
    );
  });

  it('a real bomb (20 MiB of short rows in a 20 KB gzip) is refused by default', async () => {
    const file = temp.file(
      'bomb.csv.gz',
      Buffer.concat([Buffer.from('y\n'), Buffer.alloc(20 << 20, '0\n')]),
      {
        gzip: true,
      },
    );
    const error = await readCsv(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/decompresses to more than 200 times/);
  }, 60_000);
});
