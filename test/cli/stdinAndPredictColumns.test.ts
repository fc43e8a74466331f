import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { fixture, runCli } from './runCli.js';

const temp = tempFolder('logreg-cli-stdin-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');
const pimaText = readFileSync(pima, 'utf8');

/** Pima with an `id` column of zero-padded row numbers, and "NA" for glucose on lines 4 and 9. */
function pimaWithIds(): string {
  const lines = pimaText.trimEnd().split('\n');
  return `${lines
    .map((line, i) => {
      if (i === 0) return `id,${line}`;
      const cells = line.split(',');
      if (i === 3 || i === 8) cells[1] = 'NA';
      return `${String(i).padStart(3, '0')},${cells.join(',')}`;
    })
    .join('\n')}\n`;
}

beforeAll(() => {
  const result = runCli(
    ['train', pima, '--target', 'y', '--model', 'pima.json', '-q'],
    temp.folder,
  );
  if (result.code !== 0) throw new Error(result.stderr);
});

describe('- reads standard input', () => {
  it('train - fits the same model as train on the file, and calls the data "stdin"', () => {
    const result = runCli(
      ['train', '-', '-t', 'y', '--model', 'stdin.json', '-q'],
      temp.folder,
      pimaText,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('data       stdin: 768 rows, 8 features');
    const fromFile = JSON.parse(readFileSync(join(temp.folder, 'pima.json'), 'utf8')) as {
      model: unknown;
      training: { file: string };
    };
    const fromStdin = JSON.parse(readFileSync(join(temp.folder, 'stdin.json'), 'utf8')) as {
      model: unknown;
      training: { file: string };
    };
    expect(fromStdin.model).toEqual(fromFile.model);
    expect(fromStdin.training.file).toBe('stdin');
  });

  it('gzip on stdin is recognized by its magic bytes; predict - equals predict on the file', () => {
    const expected = runCli(['predict', 'pima.json', pima, '--proba'], temp.folder);
    const piped = runCli(['predict', 'pima.json', '-', '--proba'], temp.folder, gzipSync(pimaText));
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(expected.stdout);
  });

  it('gzip in a file without a .gz name is recognized by its magic bytes', () => {
    const file = temp.file('pima.data', gzipSync(pimaText));
    const expected = runCli(['predict', 'pima.json', pima], temp.folder);
    const result = runCli(['predict', 'pima.json', file], temp.folder);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected.stdout);
  });

  it('evaluate - and LIBSVM on stdin with --format libsvm', () => {
    const evaluated = runCli(['evaluate', 'pima.json', '-', '--json'], temp.folder, pimaText);
    expect(evaluated.code).toBe(0);
    const onFile = runCli(['evaluate', 'pima.json', pima, '--json'], temp.folder);
    expect(evaluated.stdout).toBe(onFile.stdout);
    const libsvm = '1 1:0.5 2:1\n0 1:-1 2:0.25\n1 1:2 2:1.5\n0 1:-0.5 2:-1\n';
    const trained = runCli(
      ['train', '-', '--format', 'libsvm', '--model', 'svm.json', '--json'],
      temp.folder,
      libsvm,
    );
    expect(trained.code).toBe(0);
    expect((JSON.parse(trained.stdout) as { nObservations: number }).nObservations).toBe(4);
  });

  it('errors name stdin and the line', () => {
    const result = runCli(['predict', 'pima.json', '-'], temp.folder, 'a,b\n1,2,3\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'logreg: error: stdin: line 2: expected 2 fields as in the header, got 3 (a field containing a comma must be quoted)\n',
    );
  });
});

describe('predict --keep, --drop-missing, --class-probabilities', () => {
  it('--keep copies columns as written (007 stays 007), before the prediction', () => {
    const file = temp.file('ids.csv', pimaWithIds().replace(/^NA$/m, '0'));
    const result = runCli(
      ['predict', 'pima.json', file, '--keep', 'id,age', '--drop-missing'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id,age,prediction');
    expect(lines[1]).toBe('001,50,1');
    // Line 4 of the file (row 003) is dropped: the third output row is row 004, line 5.
    const age = pimaText.split('\n')[4]!.split(',')[7];
    expect(lines[3]).toMatch(new RegExp(`^004,${age},[01]$`));
    expect(lines).toHaveLength(767);
    expect(result.stderr).toBe(
      'logreg: note: --drop-missing dropped 2 of 768 rows with missing values (lines 4, 9); they have no prediction\n',
    );
  });

  it('without --drop-missing a missing cell is an error naming line, column and the flag', () => {
    const file = temp.file('ids2.csv', pimaWithIds());
    const result = runCli(['predict', 'pima.json', file], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^logreg: error: .*ids2\.csv: line 4, column "glucose": missing value .*; --drop-missing drops such rows\n$/,
    );
  });

  it('--keep names an absent column: error listing the columns', () => {
    const result = runCli(['predict', 'pima.json', pima, '--keep', 'id'], temp.folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no column "id" in the header');
  });

  it('--class-probabilities gives a binary model p(<class>) columns summing to 1', () => {
    const proba = runCli(['predict', 'pima.json', pima, '--proba'], temp.folder);
    const result = runCli(['predict', 'pima.json', pima, '--class-probabilities'], temp.folder);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('prediction,p(0),p(1)');
    const positive = proba.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
    lines.slice(1).forEach((line, i) => {
      const [, p0, p1] = line.split(',').map(Number);
      // The same probability as --proba, to an ulp (the score kernel's e^z against Math.exp).
      expect(Math.abs(p1! - positive[i]!)).toBeLessThanOrEqual(2 * Number.EPSILON * positive[i]!);
      expect(Math.abs(p0! + p1! - 1)).toBeLessThan(1e-15);
    });
  });
});
