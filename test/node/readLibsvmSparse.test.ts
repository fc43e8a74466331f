import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { denseFromSparse, isSparseMatrix } from '../../src/linalg/sparseMatrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { readLibsvm, readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());

/** The CSR arrays as plain arrays, for exact comparison. */
function csr(X: SparseMatrix): {
  rows: number;
  cols: number;
  indptr: number[];
  indices: number[];
  values: number[];
} {
  return {
    rows: X.rows,
    cols: X.cols,
    indptr: Array.from(X.indptr),
    indices: Array.from(X.indices),
    values: Array.from(X.values),
  };
}

async function sparseFailure(name: string, content: string): Promise<DataFileError> {
  const error = await readLibsvmSparse(temp.file(name, content)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

async function denseFailure(name: string, content: string): Promise<DataFileError> {
  const error = await readLibsvm(temp.file(name, content)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

describe('readLibsvmSparse', () => {
  it('reads rows into exact CSR arrays: comments, blank lines, qid, empty rows', async () => {
    const text =
      '# header comment\n+1 1:0.5 3:2\n-1 2:-1 # trailing comment\n\n1 qid:3 3:1e-1\n0\n0 # only a label\n';
    const data = await readLibsvmSparse(temp.file('a.svm', text));
    expect(isSparseMatrix(data.X)).toBe(true);
    expect(csr(data.X)).toEqual({
      rows: 5,
      cols: 3,
      indptr: [0, 2, 3, 4, 4, 4],
      indices: [0, 2, 1, 2],
      values: [0.5, 2, -1, 0.1],
    });
    expect(Array.from(data.labels)).toEqual([1, -1, 1, 0, 0]);
    expect(Array.from(data.lines)).toEqual([2, 3, 5, 6, 7]);
    expect(data.featureNames).toEqual(['x1', 'x2', 'x3']);
    expect(data.labels).toBeInstanceOf(Float64Array);
  });

  it('sorts indices given out of order, reads CRLF and tabs, and pads columns to minFeatures', async () => {
    const data = await readLibsvmSparse(temp.file('b.libsvm', '0 3:7 1:3\t2:5\r\n1\t1:1\r\n'), {
      minFeatures: 5,
    });
    expect(csr(data.X)).toEqual({
      rows: 2,
      cols: 5,
      indptr: [0, 3, 4],
      indices: [0, 1, 2, 0],
      values: [3, 5, 7, 1],
    });
    expect(data.featureNames).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('minFeatures below the largest index changes nothing', async () => {
    const data = await readLibsvmSparse(temp.file('m.svm', '1 4:1\n'), { minFeatures: 2 });
    expect(data.X.cols).toBe(4);
  });

  it('reads gzip', async () => {
    const data = await readLibsvmSparse(temp.file('c.svm.gz', '1 1:1\n0 2:2', { gzip: true }));
    expect(csr(data.X)).toEqual({
      rows: 2,
      cols: 2,
      indptr: [0, 1, 2],
      indices: [0, 1],
      values: [1, 2],
    });
  });

  it('parses numbers exactly as Number() does, also long ones and large exponents', async () => {
    const numbers = [
      '0.1',
      '-.5',
      '+7',
      '3.',
      '1e-300',
      '2.5E+10',
      '0.30000000000000004',
      '123456789012345678901234567890',
      '1.7976931348623157e308',
      '-0',
      '0.000000000000000000001234',
    ];
    const line = `1 ${numbers.map((v, j) => `${j + 1}:${v}`).join(' ')}\n`;
    const data = await readLibsvmSparse(temp.file('n.svm', line));
    expect(Array.from(data.X.values)).toEqual(numbers.map(Number));
    expect(Object.is(data.X.values[9], -0)).toBe(true);
  });

  it('reads lines with non-ASCII white space or a byte-order mark as the text reader does', async () => {
    const data = await readLibsvmSparse(temp.file('u.svm', '\ufeff1 1:2\u00a03:4\n0 2:1 # é\n'));
    expect(csr(data.X)).toEqual({
      rows: 2,
      cols: 3,
      indptr: [0, 2, 3],
      indices: [0, 2, 1],
      values: [2, 4, 1],
    });
  });

  it('reads lines cut across stream chunks (a file of many 64 KiB chunks)', async () => {
    const lines: string[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const value = (i % 97) / 8 - 3;
      lines.push(`${i % 2} ${(i % 50) + 1}:${value} ${(i % 50) + 51}:${i}`);
      expected.push(value, i);
    }
    const data = await readLibsvmSparse(temp.file('big.svm', lines.join('\n')));
    expect(data.X.rows).toBe(20_000);
    expect(data.X.cols).toBe(100);
    expect(Array.from(data.X.values)).toEqual(expected);
    expect(data.lines[19_999]).toBe(20_000);
  });

  it('equals the dense reader on pima written as LIBSVM (zeros left out)', async () => {
    const pima = fileURLToPath(new URL('../fixtures/pima.csv', import.meta.url));
    const lines = readFileSync(pima, 'utf8').trim().split('\n').slice(1);
    const svm = lines.map((line) => {
      const cells = line.split(',');
      const label = cells.pop()!;
      return `${label} ${cells
        .map((v, j) => (Number(v) === 0 ? '' : `${j + 1}:${v}`))
        .filter(Boolean)
        .join(' ')}`;
    });
    const file = temp.file('pima.svm', `${svm.join('\n')}\n`);
    const sparse = await readLibsvmSparse(file);
    const table = await readLibsvm(file);
    const dense = denseFromSparse(sparse.X);
    expect(dense.cols).toBe(table.columns.length - 1);
    for (let j = 0; j < dense.cols; j++) {
      const column = Array.from({ length: dense.rows }, (_, i) => dense.data[i * dense.cols + j]);
      expect(column).toEqual(Array.from(table.columns[j + 1]!.numbers));
    }
    expect(Array.from(sparse.labels)).toEqual(Array.from(table.columns[0]!.numbers));
    expect(Array.from(sparse.lines)).toEqual(Array.from(table.lines));
    // And the values are pima's, parsed as Number() parses them.
    expect(dense.data[0]).toBe(6);
    expect(dense.data[6]).toBe(0.627);
  });

  it('round-trips random sparse rows written in varied styles (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            label: fc.constantFrom(-1, 0, 1, 2),
            entries: fc.uniqueArray(
              fc.record({
                index: fc.integer({ min: 1, max: 40 }),
                value: fc.double({ noNaN: true, noDefaultInfinity: true }),
              }),
              { selector: (e) => e.index, maxLength: 8 },
            ),
            separator: fc.constantFrom(' ', '\t', '  '),
            ending: fc.constantFrom('\n', '\r\n', ' # note\n'),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (rows) => {
          const text = rows
            .map(
              (r) =>
                `${r.label}${r.entries.map((e) => `${r.separator}${e.index}:${String(e.value)}`).join('')}${r.ending}`,
            )
            .join('');
          const data = await readLibsvmSparse(temp.file(`p${n++}.svm`, text));
          expect(Array.from(data.labels)).toEqual(rows.map((r) => r.label));
          rows.forEach((r, i) => {
            const sorted = [...r.entries].sort((a, b) => a.index - b.index);
            const from = data.X.indptr[i]!;
            const to = data.X.indptr[i + 1]!;
            expect(Array.from(data.X.indices.subarray(from, to))).toEqual(
              sorted.map((e) => e.index - 1),
            );
            expect(Array.from(data.X.values.subarray(from, to))).toEqual(
              sorted.map((e) => Number(String(e.value))),
            );
          });
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('readLibsvmSparse on malformed files: the dense reader’s messages, naming file and line', () => {
  const cases: [string, string, RegExp][] = [
    [
      'v.svm',
      '1 1:2\n0 1:abc 2:1\n',
      /v\.svm: line 2: the value "abc" of feature 1 in "1:abc" is not a number/,
    ],
    ['l.svm', '1 1:2\n\nyes 1:1\n', /l\.svm: line 3: the label "yes" is not a number/],
    [
      'i.svm',
      '1 0:2\n',
      /i\.svm: line 1: the feature index "0" in "0:2" is not a positive integer/,
    ],
    ['j.svm', '1 1.5:2\n', /line 1: the feature index "1\.5"/],
    ['k.svm', '1 :2\n', /line 1: the feature index "" in ":2"/],
    ['t.svm', '1 1:2\n1 3\n', /t\.svm: line 2: expected index:value, got "3"/],
    ['r.svm', '1 1:2 2:1 1:3\n', /r\.svm: line 1: feature 1 appears twice/],
    ['s.svm', '1 5:2 3:1 5:3 3:4\n', /s\.svm: line 1: feature 5 appears twice/],
    ['h.svm', '1 1:0x1f\n', /line 1: the value "0x1f" of feature 1/],
    ['o.svm', '1 1:1e400\n', /line 1: the value "1e400" of feature 1/],
    ['w.svm', '1 1:2\n0 2:Infinity\n', /line 2: the value "Infinity" of feature 2/],
    [
      'z.svm',
      '1 3000000000:1\n',
      /line 1: the feature index 3000000000 in "3000000000:1" is above the limit of 10000000 features/,
    ],
    ['e.svm', '', /e\.svm: the file is empty/],
    ['f.svm', '# nothing\n\n', /f\.svm: line 2: no data rows/],
    ['g.svm', '1 1:1\n\u0000\u0001\n', /g\.svm: line 2: binary data/],
  ];
  for (const [name, content, message] of cases) {
    it(`${name}: ${message.source}`, async () => {
      const sparse = await sparseFailure(name, content);
      expect(sparse.message).toMatch(message);
      const dense = await denseFailure(`dense-${name}`, content);
      expect(dense.message.replace(/dense-/, '')).toBe(sparse.message);
      expect(dense.line).toBe(sparse.line);
    });
  }

  it('binary data in a comment, and in a gzipped file', async () => {
    expect((await sparseFailure('gc.svm', '1 1:1 # a\u0002b\n')).message).toMatch(
      /gc\.svm: line 1: binary data \(byte 0x02\)/,
    );
    const gz = await readLibsvmSparse(
      temp.file('gz.svm.gz', '1 1:1\n\u0000\n', { gzip: true }),
    ).catch((e: unknown) => e);
    expect((gz as Error).message).toMatch(/gz\.svm\.gz: line 2: binary data \(byte 0x00\)/);
  });

  it('a missing file', async () => {
    const error = await readLibsvmSparse(`${temp.folder}/absent.svm`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/absent\.svm: no such file/);
  });
});
