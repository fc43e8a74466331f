import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { readCsv } from '../../src/node/readCsv.js';
import { readLibsvm, readLibsvmSparse } from '../../src/node/readLibsvm.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-limits-');
afterAll(() => temp.cleanup());

const rows = ['a,b,y', '1,2,0', '2,1,1', '3,3,0', '4,1,1', '0,0,0', '5,5,1', '2,2,1', '1,1,0'];

/** A CSV header of p columns and one row of ones. */
function wideCsv(p: number): string {
  const header = Array.from({ length: p }, (_, j) => `c${j}`).join(',');
  return `${header}\n${'1,'.repeat(p - 1)}1\n`;
}

describe('row limit (maxRows, --max-rows)', () => {
  it('readCsv: the row past the limit is an error naming file, line and option', async () => {
    const file = temp.file('rows.csv', ['a,y', '', '1,0', '2,1', '3,0'].join('\n'));
    await expect(readCsv(file, { maxRows: 3 })).resolves.toMatchObject({ rowCount: 3 });
    const error = await readCsv(file, { maxRows: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toBe(
      `${file}: line 5: more than 2 data rows: raise the limit (--max-rows, option maxRows) or read a sample`,
    );
    await expect(readCsv(file, { maxRows: 0 })).rejects.toThrow(OptionError);
  });

  it('readLibsvm and readLibsvmSparse: the same, counting data lines only', async () => {
    const file = temp.file('rows.svm', '# comment\n1 1:1\n\n-1 2:1\n1 1:2\n');
    for (const read of [readLibsvm, readLibsvmSparse]) {
      const error = await read(file, { maxRows: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toMatch(/: line 5: more than 2 data rows: .*--max-rows/);
      await expect(read(file, { maxRows: 1.5 })).rejects.toThrow(OptionError);
    }
    expect((await readLibsvmSparse(file, { maxRows: 3 })).X.rows).toBe(3);
  });

  it('train --max-rows: exit 1 naming the file and line; predict streams past it', async () => {
    const data = temp.file('train.csv', rows.join('\n'));
    const model = join(temp.folder, 'rows.json');
    const refused = await runInProcess(['train', data, '-t', 'y', '-m', model, '--max-rows', '5']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `logreg: error: ${data}: line 7: more than 5 data rows: raise the limit (--max-rows, option maxRows) or read a sample\n`,
    );
    expect((await runInProcess(['train', data, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
    const predicted = await runInProcess(['predict', model, data, '--max-rows', '5', '-q']);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout.trim().split('\n')).toHaveLength(rows.length);
  });
});

describe('column limit (maxColumns, --max-columns)', () => {
  it('readCsv: a header wider than the limit fails before any row is read', async () => {
    const file = temp.file('wide.csv', wideCsv(12));
    await expect(readCsv(file, { maxColumns: 12 })).resolves.toMatchObject({ rowCount: 1 });
    const error = await readCsv(file, { maxColumns: 11 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toBe(
      `${file}: line 1: the header has 12 columns, above the limit of 11: raise it ` +
        '(--max-columns, option maxColumns), or store wide sparse data as LIBSVM',
    );
  });

  it('the 300,000-column file of issue 14 is refused at the default of 100,000 (predict and train)', async () => {
    const file = temp.file('wide300k.csv', wideCsv(300_000));
    const small = temp.file('small.csv', rows.join('\n'));
    const model = join(temp.folder, 'small.json');
    expect((await runInProcess(['train', small, '-t', 'y', '-m', model, '-q'])).code).toBe(0);
    const predicted = await runInProcess(['predict', model, file, '-q']);
    expect(predicted.code).toBe(1);
    expect(predicted.stderr).toMatch(
      /: line 1: the header has 300000 columns, above the limit of 100000: .*--max-columns/,
    );
    const trained = await runInProcess(['train', file, '-t', 'c0', '-m', model, '-q']);
    expect(trained.code).toBe(1);
    expect(trained.stderr).toMatch(/the header has 300000 columns/);
  });
});

describe('grid limit (--max-grid)', () => {
  it('cv and path: a --Cs grid over --max-grid is a usage error naming both options', async () => {
    const data = temp.file('cv.csv', rows.join('\n'));
    for (const Cs of ['1000000', Array.from({ length: 1001 }, (_, k) => k + 1).join(',')]) {
      const result = await runInProcess(['cv', data, '-t', 'y', '--Cs', Cs]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /--Cs: (1000000|1001) values of C, above the limit of 1000 .*raise --max-grid/,
      );
    }
    const path = await runInProcess(['path', data, '-t', 'y', '--Cs', '5000']);
    expect(path.code).toBe(2);
    expect(path.stderr).toMatch(/--Cs: 5000 values of C, above the limit of 1000/);
    const lowered = await runInProcess(['cv', data, '-t', 'y', '--Cs', '5', '--max-grid', '4']);
    expect(lowered.code).toBe(2);
    expect(lowered.stderr).toMatch(/--Cs: 5 values of C, above the limit of 4/);
    const raised = await runInProcess([
      'path',
      data,
      '-t',
      'y',
      '--Cs',
      '3',
      '--max-grid',
      '3',
      '--penalty',
      'l2',
    ]);
    expect(raised.code).toBe(0);
  });
});
