import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/data/dataFileError.js';
import { readLibsvm } from '../../src/node/readLibsvm.js';
import { formatOf, readTable } from '../../src/node/readTable.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());

async function failure(name: string, content: string): Promise<DataFileError> {
  const error = await readTable(temp.file(name, content)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

describe('readLibsvm', () => {
  it('reads labels and sparse features into dense columns label, x1 … xd', async () => {
    const text = '# a comment line\n+1 1:0.5 3:2\n-1 2:-1 # trailing comment\n\n1 qid:3 3:1e-1\n';
    const table = await readLibsvm(temp.file('a.svm', text));
    expect(table.format).toBe('libsvm');
    expect(table.columns.map((c) => c.name)).toEqual(['label', 'x1', 'x2', 'x3']);
    expect(Array.from(table.columns[0]!.numbers)).toEqual([1, -1, 1]);
    expect(Array.from(table.columns[1]!.numbers)).toEqual([0.5, 0, 0]);
    expect(Array.from(table.columns[2]!.numbers)).toEqual([0, -1, 0]);
    expect(Array.from(table.columns[3]!.numbers)).toEqual([2, 0, 0.1]);
    expect(Array.from(table.lines)).toEqual([2, 3, 5]);
  });

  it('accepts indices out of order and CRLF line ends, and pads to minFeatures', async () => {
    const table = await readLibsvm(temp.file('b.libsvm', '0 2:1 1:3\r\n1 1:1\r\n'), {
      minFeatures: 4,
    });
    expect(table.columns.map((c) => c.name)).toEqual(['label', 'x1', 'x2', 'x3', 'x4']);
    expect(Array.from(table.columns[1]!.numbers)).toEqual([3, 1]);
    expect(Array.from(table.columns[4]!.numbers)).toEqual([0, 0]);
  });

  it('is chosen by extension, also under .gz', async () => {
    expect(formatOf('x.svm')).toBe('libsvm');
    expect(formatOf('x.LIBSVM.gz')).toBe('libsvm');
    expect(formatOf('x.tsv.gz')).toBe('tsv');
    expect(formatOf('x.txt')).toBe('csv');
    const table = await readTable(temp.file('c.svm.gz', '1 1:1\n0 1:2\n', { gzip: true }));
    expect(table.rowCount).toBe(2);
  });

  it('reads a LIBSVM file with another extension when asked to', async () => {
    const table = await readTable(temp.file('d.txt', '1 1:1\n0 1:2\n'), { format: 'libsvm' });
    expect(table.columns.map((c) => c.name)).toEqual(['label', 'x1']);
  });
});

describe('readLibsvm on malformed files: the message names the file, the line and the problem', () => {
  it('a non-numeric feature value', async () => {
    const error = await failure('v.svm', '1 1:2\n0 1:abc 2:1\n');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(
      /v\.svm: line 2: the value "abc" of feature 1 in "1:abc" is not a number/,
    );
  });

  it('a non-numeric label', async () => {
    const error = await failure('l.svm', '1 1:2\n\nyes 1:1\n');
    expect(error.message).toMatch(/l\.svm: line 3: the label "yes" is not a number/);
  });

  it('a bad index', async () => {
    expect((await failure('i.svm', '1 0:2\n')).message).toMatch(/line 1: the feature index "0"/);
    expect((await failure('j.svm', '1 1.5:2\n')).message).toMatch(
      /line 1: the feature index "1\.5"/,
    );
  });

  it('a token without a colon', async () => {
    expect((await failure('t.svm', '1 1:2\n1 3\n')).message).toMatch(
      /line 2: expected index:value, got "3"/,
    );
  });

  it('a repeated index', async () => {
    expect((await failure('r.svm', '1 1:2 2:1 1:3\n')).message).toMatch(
      /line 1: feature 1 appears twice/,
    );
  });

  it('an empty file, and a file of comments', async () => {
    expect((await failure('e.svm', '')).message).toMatch(/e\.svm: the file is empty/);
    expect((await failure('f.svm', '# nothing\n\n')).message).toMatch(
      /f\.svm: line 2: no data rows/,
    );
  });

  it('binary garbage', async () => {
    const error = await failure('g.svm', '1 1:1\n\u0000\u0001\n');
    expect(error.message).toMatch(/g\.svm: line 2: binary data/);
  });
});
