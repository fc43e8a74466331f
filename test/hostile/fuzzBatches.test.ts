/**
 * Fuzzing the batch readers of `predict` (issue 14): over random CSV and LIBSVM structure and
 * random batch sizes, `readCsvBatches` and `readLibsvmBatches` hand over exactly the rows of the
 * whole-file readers (same lines, labels and entries), or fail with the same typed error.
 * fast-check, fixed seed, bounded runs.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/data/column.js';
import type { LibsvmData } from '../../src/data/libsvmData.js';
import { selectColumns } from '../../src/data/libsvmData.js';
import { storedColumns } from '../../src/data/storedColumns.js';
import { InputError } from '../../src/errors.js';
import { denseFromSparse } from '../../src/linalg/sparseMatrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { readCsv, readCsvBatches } from '../../src/node/readCsv.js';
import { readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { readLibsvmBatches } from '../../src/node/readLibsvmBatches.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-fuzz-batches-');
afterAll(() => temp.cleanup());

/** Fixed seed; at most 80 runs and 20 s per property. */
const settings = { seed: 14, numRuns: 80, interruptAfterTimeLimit: 20_000 };

let counter = 0;
const fileOf = (content: string, ext: string, gzip: boolean): string =>
  temp.file(`b${counter++}${ext}${gzip ? '.gz' : ''}`, content, { gzip });

/** The outcome of a read: its value, or the message of its typed error. */
async function outcome<T>(read: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: error.message };
  }
}

const libsvmLine = fc
  .tuple(
    fc.constantFrom('1', '-1', '0', '2', 'x'),
    fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 5 }),
    fc.constantFrom('\n', '\r\n', ' # c\n', '\n\n'),
  )
  .map(
    ([label, indices, end]) => `${[label, ...indices.map((j) => `${j}:${j / 4}`)].join(' ')}${end}`,
  );

const csvLine = fc
  .tuple(
    fc.constantFrom('0', '1'),
    fc.oneof(fc.integer({ min: -9, max: 9 }).map(String), fc.constantFrom('', 'NA', 'a', '"1,5"')),
  )
  .map(([y, x]) => `${y},${x}`);

describe('batch readers agree with the whole-file readers, whatever the batch size', () => {
  it('readLibsvmBatches: the same rows, lines and entries as readLibsvmSparse, or the same error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(libsvmLine, { maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        async (lines, batchRows, gzip) => {
          const file = fileOf(lines.join(''), '.svm', gzip);
          const whole = await outcome(() => readLibsvmSparse(file));
          const batches: LibsvmData[] = [];
          const batched = await outcome(() =>
            readLibsvmBatches(file, { batchRows }, async (batch) => {
              batches.push(batch);
            }),
          );
          if ('error' in whole) {
            expect(batched).toEqual(whole);
            return;
          }
          expect(batched).toBeUndefined();
          const lineNumbers = batches.flatMap((b) => Array.from(b.lines));
          expect(lineNumbers).toEqual(Array.from(whole.lines));
          expect(batches.flatMap((b) => Array.from(b.labels))).toEqual(Array.from(whole.labels));
          const entries = (X: SparseMatrix): string[] =>
            Array.from({ length: X.rows }, (_, i) => {
              const row: string[] = [];
              for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
                row.push(`${X.indices[k]}:${X.values[k]}`);
              }
              return row.join(' ');
            });
          expect(batches.flatMap((b) => entries(b.X))).toEqual(entries(whole.X));
        },
      ),
      settings,
    );
  });

  it('readCsvBatches: the same rows and lines as readCsv, or the same error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(csvLine, { maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        async (lines, batchRows, gzip) => {
          const file = fileOf(['y,x', ...lines].join('\n'), '.csv', gzip);
          const whole = await outcome(() => readCsv(file));
          const batches: Table[] = [];
          const batched = await outcome(() =>
            readCsvBatches(file, { batchRows }, async (batch) => {
              batches.push(batch);
            }),
          );
          if ('error' in whole) {
            // The whole-file reader sees every row before it types a column, so it may refuse
            // what the batches accept; an error of the batches must be one of the whole file's.
            if (batched !== undefined) expect(batched).toEqual(whole);
            return;
          }
          if (batched !== undefined) return; // a batch typed alone may be refused (predict wants numbers)
          expect(batches.flatMap((b) => Array.from(b.lines))).toEqual(Array.from(whole.lines));
          const y = (t: Table): number[] => Array.from(t.columns[0]!.numbers ?? []);
          expect(batches.flatMap(y)).toEqual(y(whole));
        },
      ),
      settings,
    );
  });
});

describe('storedColumns and selectColumns on random CSR matrices', () => {
  it('keeping the stored columns keeps every entry; the dropped columns are all zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }), {
          maxLength: 8,
        }),
        fc.constantFrom(61, 100, 2 ** 31 - 1),
        (rowColumns, cols) => {
          // Columns past 30 are moved near the top of a wide matrix (the map branch).
          const place = (j: number): number => (j > 30 ? cols - 61 + j : j);
          const sorted = rowColumns.map((r) => r.map(place).sort((a, b) => a - b));
          const indptr = new Int32Array(sorted.length + 1);
          sorted.forEach((r, i) => (indptr[i + 1] = indptr[i] + r.length));
          const X: SparseMatrix = {
            format: 'csr',
            rows: sorted.length,
            cols,
            indptr,
            indices: Int32Array.from(sorted.flat()),
            values: Float64Array.from(sorted.flat(), (j) => j + 1),
          };
          const kept = storedColumns(X);
          expect(kept).toEqual([...new Set(sorted.flat())].sort((a, b) => a - b));
          const Y = selectColumns(X, kept);
          expect(Y.cols).toBe(kept.length);
          expect(Array.from(Y.indptr)).toEqual(Array.from(X.indptr));
          expect(Array.from(Y.indices, (c) => kept[c])).toEqual(Array.from(X.indices));
          expect(Array.from(Y.values)).toEqual(Array.from(X.values));
          if (cols <= 100) {
            const dense = denseFromSparse(X);
            const kept0 = new Set(kept);
            for (let j = 0; j < cols; j++) {
              if (kept0.has(j)) continue;
              for (let i = 0; i < X.rows; i++) expect(dense.data[i * cols + j]).toBe(0);
            }
          }
        },
      ),
      settings,
    );
  });
});
