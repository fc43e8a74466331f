import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-bad-');
afterAll(() => temp.cleanup());

/** Trains on `content` written as `name` and returns the result; the model must not appear. */
async function trainOn(
  name: string,
  content: string | Uint8Array,
  extra: readonly string[] = ['--target', 'y'],
) {
  const model = `${name}.model.json`;
  temp.file(name, content);
  const result = await runInProcess(['train', name, ...extra, '--model', model], temp.folder);
  expect(existsSync(join(temp.folder, model))).toBe(false);
  return result;
}

describe('malformed files: exit code 1, a message naming file, line and problem, no model file', () => {
  const cases: [string, string, string | Uint8Array, RegExp][] = [
    [
      'a ragged row',
      'ragged.csv',
      'a,b,y\n1,2,0\n3,4\n5,6,1\n',
      /ragged\.csv: line 3: expected 3 fields as in the header, got 2/,
    ],
    [
      'an unterminated quote',
      'quote.csv',
      'a,y\n1,0\n"2,1\n3,0\n',
      /quote\.csv: line 3: unterminated quoted field/,
    ],
    [
      'binary garbage',
      'garbage.csv',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      /garbage\.csv: line 1: binary data \(byte 0x03\)/,
    ],
    ['an empty file', 'empty.csv', '', /empty\.csv: line 1: the file is empty/],
    [
      'a header without rows',
      'header.csv',
      'a,b,y\n',
      /header\.csv: line 2: a header row but no data rows/,
    ],
    [
      'a target column that does not exist',
      'notarget.csv',
      'a,b,label\n1,2,0\n3,4,1\n',
      /notarget\.csv: line 1: no column "y" in the header \(the file has 3: a, b, label\)/,
    ],
    [
      'a missing value',
      'missing.csv',
      'a,b,y\n1,2,0\n3,?,1\n',
      /missing\.csv: line 3, column "b": missing value/,
    ],
    [
      'a single label',
      'one.csv',
      'a,y\n1,0\n2,0\n',
      /one\.csv: the target column "y" has a single value/,
    ],
    [
      'a negative weight',
      'weights.csv',
      'a,w,y\n1,1,0\n2,-1,1\n',
      /weights\.csv: line 3, column "w": a weight must be a number ≥ 0, got "-1"/,
    ],
  ];
  for (const [what, name, content, message] of cases) {
    it(what, async () => {
      const extra =
        name === 'weights.csv' ? ['--target', 'y', '--weights', 'w'] : ['--target', 'y'];
      const result = await trainOn(name, content, extra);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^logreg: error: /);
      expect(result.stdout).toBe('');
    });
  }

  it('a non-numeric value in a LIBSVM field', async () => {
    const result = await trainOn('bad.svm', '1 1:0.5 2:1\n0 1:0.25 2:x\n', []);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /bad\.svm: line 2: the value "x" of feature 2 in "2:x" is not a number/,
    );
  });

  it('a file that does not exist', async () => {
    const result = await runInProcess(['train', 'nope.csv', '--target', 'y'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nope\.csv: no such file/);
  });

  it('separated classes without a penalty: the library explains, the CLI names the flags', async () => {
    const result = await runInProcess(
      [
        'train',
        fixture('breast_cancer.csv'),
        '--target',
        'y',
        '--penalty',
        'none',
        '--model',
        'sep.json',
      ],
      temp.folder,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/completely separated/);
    expect(result.stderr).toMatch(
      /--penalty firth, or the default --penalty l2 .*--on-separation warn/,
    );
    expect(existsSync(join(temp.folder, 'sep.json'))).toBe(false);
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(temp.folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the model file is written atomically', () => {
  it('a failed run leaves an existing model file untouched', async () => {
    const original = '{"precious": true}\n';
    writeFileSync(join(temp.folder, 'keep.json'), original);
    temp.file('broken.csv', 'a,y\n1,0\n2\n');
    const result = await runInProcess(
      ['train', 'broken.csv', '--target', 'y', '--model', 'keep.json'],
      temp.folder,
    );
    expect(result.code).toBe(1);
    expect(readFileSync(join(temp.folder, 'keep.json'), 'utf8')).toBe(original);
  });

  it('a model path in a missing folder fails before reading, and creates nothing', async () => {
    const result = await runInProcess(
      ['train', fixture('pima.csv'), '--target', 'y', '--model', 'no/such/model.json'],
      temp.folder,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no\/such\/model\.json: cannot write: no such folder "no\/such"/);
    expect(existsSync(join(temp.folder, 'no'))).toBe(false);
  });

  it('a failed write of the model leaves the existing file untouched (the plot path is a folder)', async () => {
    const original = '{"precious": true}\n';
    writeFileSync(join(temp.folder, 'keep2.json'), original);
    const result = await runInProcess(
      [
        'train',
        fixture('pima.csv'),
        '--target',
        'y',
        '--model',
        'keep2.json',
        '--plot-loss',
        temp.folder,
      ],
      temp.folder,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot write: it is a folder/);
    expect(readFileSync(join(temp.folder, 'keep2.json'), 'utf8')).toBe(original);
  });
});

describe('bad usage: exit code 2', () => {
  const usage: [string, string[], RegExp][] = [
    ['no --target for a CSV file', ['train', fixture('pima.csv')], /train needs --target <column>/],
    [
      '--features with --exclude',
      ['train', fixture('pima.csv'), '--target', 'y', '--features', 'age', '--exclude', 'mass'],
      /--features or --exclude, not both/,
    ],
    [
      '--C 0',
      ['train', fixture('pima.csv'), '--target', 'y', '--C', '0'],
      /'--C <number>' argument '0' is invalid\. expected a number > 0/,
    ],
    [
      '--max-iterations 1.5',
      ['train', fixture('pima.csv'), '--target', 'y', '--max-iterations', '1.5'],
      /expected an integer ≥ 1/,
    ],
    [
      'an unknown solver',
      ['train', fixture('pima.csv'), '--target', 'y', '--solver', 'adam'],
      /Allowed choices are lbfgs, newton, gd, sgd/,
    ],
    [
      'an unknown option',
      ['train', fixture('pima.csv'), '--target', 'y', '--lambda', '1'],
      /unknown option '--lambda'/,
    ],
    ['an unknown command', ['fit', 'x.csv'], /unknown command 'fit'/],
    ['no command', [], /Usage: logreg/],
    ['a missing argument', ['predict', 'model.json'], /missing required argument 'data'/],
    [
      'a target among --features',
      ['train', fixture('pima.csv'), '--target', 'y', '--features', 'age,y'],
      /--features lists "y", the target or weights column/,
    ],
  ];
  for (const [what, args, message] of usage) {
    it(what, async () => {
      const result = await runInProcess(args, temp.folder);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    });
  }
});
