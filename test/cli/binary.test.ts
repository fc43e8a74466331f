import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { cliEntry, fixture, runCli } from './runCli.js';
import { runInProcess } from './runInProcess.js';

/*
 * The end-to-end tests of the built binary (`node dist/cli/main.js`): what only a real process
 * shows (the entry file, exit status, a real working folder, closed and full stdout, /dev/stdin,
 * signals). Every other CLI test runs `run(argv, io)` in process (runInProcess.ts).
 */

const temp = tempFolder('logreg-cli-binary-');
afterAll(() => temp.cleanup());

const csv = ['a,b,y', '1,2,0', '2,1,1', '3,3,0', '4,1,1', '0,0,0', '5,5,1', '2,2,1', '1,1,0'].join(
  '\n',
);
const svm = '0 1:1 2:2\n1 1:2 2:1\n0 1:3 2:3\n1 1:4 2:1\n0 2:1\n1 1:5 2:5\n1 1:2 2:2\n0 1:1 2:1\n';
let data = '';
let csvModel = '';
let svmModel = '';
beforeAll(async () => {
  data = temp.file('d.csv', csv);
  csvModel = join(temp.folder, 'csv.model.json');
  svmModel = join(temp.folder, 'svm.model.json');
  expect((await runInProcess(['train', data, '-t', 'y', '-m', csvModel, '-q'])).code).toBe(0);
  const svmData = temp.file('d.svm', svm);
  expect((await runInProcess(['train', svmData, '-m', svmModel, '-q'])).code).toBe(0);
});

describe('the built binary', () => {
  it('--version and --help: exit 0, the text on stdout, nothing on stderr', () => {
    const version = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(runCli(['--version'], temp.folder)).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
    const help = runCli(['--help'], temp.folder);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: logreg /);
    expect(help.stderr).toBe('');
  });

  it('train, predict and evaluate with paths relative to the working folder, as in process', async () => {
    const folder = join(temp.folder, 'relative');
    mkdirSync(folder);
    copyFileSync(fixture('pima.csv'), join(folder, 'pima.csv'));
    const trained = runCli(['train', 'pima.csv', '-t', 'y', '-m', 'pima.json', '-q'], folder);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(existsSync(join(folder, 'pima.json'))).toBe(true);
    const predicted = runCli(['predict', 'pima.json', 'pima.csv', '--proba'], folder);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.stdout.split('\n')).toHaveLength(770); // a header, 768 rows, a final newline
    const evaluated = runCli(['evaluate', 'pima.json', 'pima.csv'], folder);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/accuracy/);
    // The binary and the in-process run (the sources) agree byte for byte.
    expect(predicted).toEqual(
      await runInProcess(['predict', 'pima.json', 'pima.csv', '--proba'], folder),
    );
    expect(evaluated).toEqual(await runInProcess(['evaluate', 'pima.json', 'pima.csv'], folder));
  });

  it('bad data: exit 1, one line on stderr naming file and line, no stack trace', () => {
    temp.file('ragged.csv', 'a,b,y\n1,2,0\n3,4\n5,6,1\n');
    const result = runCli(['train', 'ragged.csv', '-t', 'y'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^logreg: error: ragged\.csv: line 3: expected 3 fields as in the header, got 2[^\n]*\n$/,
    );
  });

  it('bad usage: exit 2, the message and the hint on stderr', () => {
    const result = runCli(['train', 'd.csv', '-t', 'y', '--lambda', '1'], temp.folder);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^logreg: error: unknown option '--lambda'/);
    expect(result.stderr).toMatch(/\(add --help for usage\)\n$/);
  });

  it('a reader that closes the pipe early (… | head): exit 0, nothing on stderr', async () => {
    const rows = readFileSync(fixture('pima.csv'), 'utf8').trim().split('\n');
    const big = temp.file(
      'big.csv',
      `${[rows[0], ...Array.from({ length: 40 }, () => rows.slice(1)).flat()].join('\n')}\n`,
    );
    const model = join(temp.folder, 'pima.json');
    expect((await runInProcess(['train', fixture('pima.csv'), '-t', 'y', '-m', model])).code).toBe(
      0,
    );
    // 30 720 rows of probabilities, far more than a pipe holds: writes go on after the close.
    const child = spawn(process.execPath, [cliEntry, 'predict', model, big, '--proba'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    expect(stderr).toBe('');
    expect([code, signal]).toEqual([0, null]);
  });

  it('writing to /dev/full: exit 1, one line, no stack trace', () => {
    if (!existsSync('/dev/full')) return;
    for (const args of [
      ['predict', csvModel, data],
      ['summary', csvModel],
      ['train', data, '-t', 'y', '-m', join(temp.folder, 'full.json')],
    ]) {
      const full = openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [cliEntry, ...args], {
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(
          'logreg: error: cannot write the output to stdout: no space left on the device\n',
        );
      } finally {
        closeSync(full);
      }
    }
  });

  const piped: [string, string, Buffer, string[]][] = [
    ['CSV', 'csv', Buffer.from(csv), []],
    ['gzipped CSV', 'csv', gzipSync(csv), []],
    ['LIBSVM', 'svm', Buffer.from(svm), ['--format', 'libsvm']],
    ['gzipped LIBSVM', 'svm', gzipSync(svm), ['--format', 'libsvm']],
  ];
  for (const [what, kind, content, flags] of piped) {
    it(`reads /dev/stdin from a shell pipe: ${what}`, () => {
      if (process.platform === 'win32') return;
      const model = kind === 'csv' ? csvModel : svmModel;
      const file = temp.file(`piped-${what.replace(/ /g, '-')}`, content);
      // A shell pipe, as a user types it (Node's own stdin pipes are sockets, which /dev/stdin
      // cannot reopen).
      const command = `cat '${file}' | '${process.execPath}' '${cliEntry}' predict '${model}' /dev/stdin ${flags.join(' ')}`;
      const result = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(9);
    });
  }
});

describe('temporary files', () => {
  it('SIGTERM while a file is written: the temporary file is removed, the process ends by the signal', async () => {
    const folder = join(temp.folder, 'signal');
    mkdirSync(folder);
    const writer = fileURLToPath(new URL('../../dist/node/writeFileAtomic.js', import.meta.url));
    const script = `
      import { readdirSync } from 'node:fs';
      const { writeFileAtomic } = await import(${JSON.stringify(writer)});
      const timer = setInterval(() => {
        if (readdirSync(${JSON.stringify(folder)}).some((f) => f.endsWith('.tmp'))) {
          clearInterval(timer);
          process.kill(process.pid, 'SIGTERM');
        }
      }, 0);
      await writeFileAtomic(${JSON.stringify(join(folder, 'big.bin'))}, Buffer.alloc(1 << 28, 1));
      console.log('finished');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    expect(out).toBe('');
    expect([code, signal]).toEqual([null, 'SIGTERM']);
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});
