import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/data/dataFileError.js';
import { libsvmDesignMatrix, selectColumns } from '../../src/data/libsvmData.js';
import { modelFileText, parseModelFile } from '../../src/data/modelFile.js';
import type { ModelFile } from '../../src/data/modelFile.js';
import { storedColumns } from '../../src/data/storedColumns.js';
import { prepareLibsvmTrainingData } from '../../src/data/trainingData.js';
import { ModelFormatError } from '../../src/errors.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { readTable } from '../../src/node/readTable.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-sparse-model-');
afterAll(() => temp.cleanup());

/** The 13-byte file of issue 14 (item 1): one feature index at 2³¹ − 1. */
const hugeIndex = '1 1:1\n-1 2147483647:1\n';

const flags = { intercept: true, dropMissing: false, quiet: true } as const;

/** A CSR matrix of the given rows (entries [column, value], columns increasing). */
function csr(cols: number, rows: readonly (readonly [number, number])[][]): SparseMatrix {
  const indptr = new Int32Array(rows.length + 1);
  const entries = rows.flat();
  rows.forEach((row, i) => (indptr[i + 1] = indptr[i] + row.length));
  return {
    format: 'csr',
    rows: rows.length,
    cols,
    indptr,
    indices: Int32Array.from(entries, ([j]) => j),
    values: Float64Array.from(entries, ([, v]) => v),
  };
}

describe('storedColumns and selectColumns: memory follows the stored entries', () => {
  it('storedColumns lists the columns with an entry (explicit zeros too), narrow and wide', () => {
    const rows: [number, number][][] = [
      [
        [2, 1],
        [7, 0],
      ],
      [],
      [
        [2, 3],
        [5, 1],
      ],
    ];
    expect(storedColumns(csr(10, rows))).toEqual([2, 5, 7]);
    // 2³¹ − 1 columns: a flag per column would take 2 GB; sorting the 4 entries does not.
    const wide = csr(2 ** 31 - 1, [
      [
        [0, 1],
        [2 ** 31 - 2, 2],
      ],
      [
        [0, 5],
        [99, 1],
      ],
    ]);
    expect(storedColumns(wide)).toEqual([0, 99, 2 ** 31 - 2]);
  });

  it('selectColumns of a matrix with 2³¹ − 1 columns keeps the chosen ones, in the given order', () => {
    const wide = csr(2 ** 31 - 1, [
      [
        [0, 1],
        [2 ** 31 - 2, 2],
      ],
      [[3, 4]],
    ]);
    const picked = selectColumns(wide, [2 ** 31 - 2, 3, 2 ** 31 + 5]);
    expect(picked.cols).toBe(3);
    expect(Array.from(picked.indptr)).toEqual([0, 1, 2]);
    expect(Array.from(picked.indices)).toEqual([0, 1]);
    expect(Array.from(picked.values)).toEqual([2, 4]);
  });
});

describe('LIBSVM training keeps only the feature indices in use (issue 14, item 1)', () => {
  it('the 13-byte file read with maxFeatures 2³¹ − 1: X keeps its width, training data has 2 columns', async () => {
    const data = await readLibsvmSparse(temp.file('huge.svm', hugeIndex), {
      maxFeatures: 2 ** 31 - 1,
    });
    expect(data.X.cols).toBe(2 ** 31 - 1);
    const prepared = prepareLibsvmTrainingData(data, flags);
    expect(prepared.featureNames).toEqual(['x1', 'x2147483647']);
    expect(prepared.X.cols).toBe(2);
    expect(prepared.encodings.map((e) => e.column)).toEqual(['x1', 'x2147483647']);
  });

  it('--features keeps an index no row uses; --exclude drops one in use', async () => {
    const data = await readLibsvmSparse(temp.file('gap.svm', '1 1:1 4:2\n0 2:1 4:1\n'));
    expect(prepareLibsvmTrainingData(data, flags).featureNames).toEqual(['x1', 'x2', 'x4']);
    expect(
      prepareLibsvmTrainingData(data, { ...flags, features: ['x3', 'x4'] }).featureNames,
    ).toEqual(['x3', 'x4']);
    expect(prepareLibsvmTrainingData(data, { ...flags, exclude: ['x2'] }).featureNames).toEqual([
      'x1',
      'x4',
    ]);
  });

  it('CLI: train and predict on the 13-byte file with --max-features 2147483647', async () => {
    const file = temp.file('huge-cli.svm', hugeIndex);
    const model = join(temp.folder, 'huge.model.json');
    const limit = ['--max-features', '2147483647'];
    const trained = await runInProcess(['train', file, '-m', model, ...limit, '-q']);
    expect(trained.code).toBe(0);
    const text = readFileSync(model, 'utf8');
    expect(text.length).toBeLessThan(4000);
    const json = JSON.parse(text) as { features: unknown; model: { featureNames: string[] } };
    expect(json.features).toBe('libsvm');
    expect(json.model.featureNames).toEqual(['x1', 'x2147483647']);
    // predict finds each feature again by its index; a file without the big index gets 0 there.
    const predicted = await runInProcess(['predict', model, file, '--proba', ...limit, '-q']);
    expect(predicted.code).toBe(0);
    const lines = predicted.stdout.trim().split('\n');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '-1']);
    const other = temp.file('other.svm', '1 1:1\n-1 5:1\n');
    const second = await runInProcess(['predict', model, other, '--proba', '-q']);
    expect(second.code).toBe(0);
    const p = second.stdout.trim().split('\n').slice(1);
    expect(p[0]).toBe(lines[1]);
    expect(Number(p[1]!.split(',')[1])).toBeGreaterThan(Number(lines[2]!.split(',')[1]));
  });

  it('CLI: an index of 10⁷ (the default limit) makes a model of the indices in use', async () => {
    const file = temp.file('ten-million.svm', '1 1:1\n-1 10000000:1\n1 2:0.5\n-1 3:1\n');
    const model = join(temp.folder, 'ten-million.model.json');
    expect((await runInProcess(['train', file, '-m', model, '-q'])).code).toBe(0);
    const json = JSON.parse(readFileSync(model, 'utf8')) as { model: { featureNames: string[] } };
    expect(json.model.featureNames).toEqual(['x1', 'x2', 'x3', 'x10000000']);
    const summary = await runInProcess(['summary', model]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/x10000000/);
  });
});

describe('readTable on LIBSVM: a dense table is bounded by maxColumns', () => {
  it('an index of 10⁷ is an error naming the option, not 10⁷ column objects', async () => {
    const file = temp.file('dense.svm', '1 1:1\n-1 10000000:1\n');
    const error = await readTable(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(
      /the largest feature index, 10000000, would make a table of more than 100000 columns: raise the limit \(--max-columns, option maxColumns\)/,
    );
    const table = await readTable(temp.file('small.svm', '1 1:1\n-1 3:1\n'), { maxColumns: 3 });
    expect(table.columns.map((c) => c.name)).toEqual(['label', 'x1', 'x2', 'x3']);
    await expect(
      readTable(temp.file('small2.svm', '1 1:1\n-1 4:1\n'), { maxColumns: 3 }),
    ).rejects.toBeInstanceOf(DataFileError);
  });
});

describe('model files: the compact LIBSVM form, old files', () => {
  async function trainedFile(): Promise<ModelFile> {
    const file = temp.file('three.svm', '1 1:1 2:0.5\n-1 3:1\n1 1:0.7\n-1 2:1 3:0.2\n');
    const model = join(temp.folder, 'three.model.json');
    expect((await runInProcess(['train', file, '-m', model, '-q'])).code).toBe(0);
    return parseModelFile(readFileSync(model, 'utf8'), model).file;
  }

  it('a file listing the features x1 … xp one object each (older logreg) loads and is rewritten compact', async () => {
    const file = await trainedFile();
    const old = JSON.stringify({ ...file, features: file.features });
    expect(old).toContain('"features":[{"column":"x1","kind":"numeric"}');
    const loaded = parseModelFile(old, 'old.json');
    expect(loaded.file.features).toEqual(file.features);
    expect(JSON.parse(modelFileText(loaded.file)).features).toBe('libsvm');
  });

  it('features "libsvm" with feature names that are not x<k> is a ModelFormatError', async () => {
    const file = await trainedFile();
    const json = JSON.parse(modelFileText(file)) as { model: { featureNames: string[] } };
    json.model.featureNames = ['x1', 'age', 'x3'];
    const path = join(temp.folder, 'bad.model.json');
    writeFileSync(path, JSON.stringify(json));
    expect(() => parseModelFile(JSON.stringify(json), path)).toThrow(ModelFormatError);
    expect(() => parseModelFile(JSON.stringify(json), path)).toThrow(
      /"features": "libsvm" needs feature names x<k>/,
    );
    const cli = await runInProcess(['summary', path]);
    expect(cli.code).toBe(1);
  });

  it('an input column listed twice (a hand-edited file) is a ModelFormatError, in every form', async () => {
    const file = await trainedFile();
    const compact = JSON.parse(modelFileText(file)) as {
      features: unknown;
      model: { featureNames: string[] };
    };
    compact.model.featureNames = ['x1', 'x1', 'x3'];
    const listed = {
      ...compact,
      features: compact.model.featureNames.map((column) => ({ column, kind: 'numeric' })),
    };
    for (const json of [compact, listed, compact.model]) {
      expect(() => parseModelFile(JSON.stringify(json), 'dup.json')).toThrow(
        new ModelFormatError('dup.json: the input column "x1" is listed twice'),
      );
    }
  });

  it('libsvmDesignMatrix maps a model of x2, x10000000 onto a file of any width', async () => {
    const data = await readLibsvmSparse(temp.file('map.svm', '1 2:5 9:1\n0 10000000:7\n'));
    const X = libsvmDesignMatrix(data, [
      { column: 'x2', kind: 'numeric' },
      { column: 'x10000000', kind: 'numeric' },
      { column: 'x20000000', kind: 'numeric' },
    ]);
    expect(X.cols).toBe(3);
    expect(Array.from(X.indptr)).toEqual([0, 1, 2]);
    expect(Array.from(X.indices)).toEqual([0, 1]);
    expect(Array.from(X.values)).toEqual([5, 7]);
  });
});
