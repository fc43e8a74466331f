import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-output-');
afterAll(() => temp.cleanup());

const rows = ['a,b,y', '1,2,0', '2,1,1', '3,3,0', '4,1,1', '0,0,0', '5,5,1', '2,2,1', '1,1,0'];
let data = '';
let model = '';
beforeAll(async () => {
  data = temp.file('d.csv', rows.join('\n'));
  model = join(temp.folder, 'd.model.json');
  expect((await runInProcess(['train', data, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
});

/** A stdout whose every write fails with the given system error code. */
function failingStdout(code: string): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`${code}: simulated`), { code }));
    },
  });
}

async function runWith(argv: readonly string[], stdout: Writable) {
  let stderr = '';
  const io = {
    stdout,
    stderr: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        stderr += chunk.toString('utf8');
        callback();
      },
    }),
  };
  const code = await run(argv, io);
  return { code, stderr };
}

describe('write errors on stdout', () => {
  for (const argv of [
    ['predict', 'MODEL', 'DATA'],
    ['summary', 'MODEL'],
    ['evaluate', 'MODEL', 'DATA'],
    ['summary', 'MODEL', '--json'],
  ]) {
    it(`${argv.join(' ')}: a full disk is "logreg: error:", exit 1`, async () => {
      const args = argv.map((a) => (a === 'MODEL' ? model : a === 'DATA' ? data : a));
      const result = await runWith(args, failingStdout('ENOSPC'));
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'logreg: error: cannot write the output to stdout: no space left on the device\n',
      );
    });
  }

  it('a closed pipe (EPIPE) is not an error: exit 0, nothing on stderr', async () => {
    const result = await runWith(['predict', model, data], failingStdout('EPIPE'));
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});

describe('output paths are checked before training', () => {
  it('-m equal to the input data file: exit 1, the data untouched', async () => {
    const copy = temp.file('same.csv', rows.join('\n'));
    const result = await runInProcess(['train', copy, '-t', 'y', '-m', copy, '-q']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/same\.csv: cannot write: it is the input file/);
    expect(readFileSync(copy, 'utf8')).toBe(rows.join('\n'));
    const predicted = await runInProcess(['predict', model, data, '-o', model]);
    expect(predicted.code).toBe(1);
    expect(predicted.stderr).toMatch(/it is the input file/);
  });

  it('a folder that takes no new file is found before the data are read', async () => {
    let folder: string;
    if (process.getuid?.() === 0) {
      // root passes permission bits; /sys refuses new files for root too.
      if (!existsSync('/sys/kernel')) return;
      folder = '/sys';
    } else {
      folder = join(temp.folder, 'readonly');
      mkdirSync(folder);
      chmodSync(folder, 0o500);
    }
    const result = await runInProcess([
      'train',
      join(temp.folder, 'no-such-data.csv'),
      '-t',
      'y',
      '-m',
      join(folder, 'm.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/m\.json: cannot write: permission denied/);
  });

  it('a replaced model keeps its mode (0600 stays 0600)', async () => {
    const own = join(temp.folder, 'private.json');
    expect((await runInProcess(['train', data, '-t', 'y', '-m', own, '-q'])).code).toBe(0);
    chmodSync(own, 0o600);
    expect((await runInProcess(['train', data, '-t', 'y', '-m', own, '-q', '--C', '2'])).code).toBe(
      0,
    );
    expect(statSync(own).mode & 0o777).toBe(0o600);
  });
});
