import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/data/dataFileError.js';
import { fitEncodings } from '../../src/data/designMatrix.js';
import { readCsv } from '../../src/node/readCsv.js';
import { runInProcess } from '../cli/runInProcess.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-types-');
afterAll(() => temp.cleanup());

/** 200 rows: x numeric (one cell replaced by `odd` on data line `at`), y alternating. */
function csvWith(odd: string, at = 57): string {
  const lines = ['x,y'];
  for (let i = 0; i < 200; i++) lines.push(`${i === at ? odd : String((i % 13) / 2)},${i % 2}`);
  return `${lines.join('\n')}\n`;
}

describe('a numeric column with a few other cells is an error naming them', () => {
  for (const odd of ['1e309', '0x10', 'Inf', 'inf', '"1,5"', '-', 'missing']) {
    it(`one cell ${odd} in 200 numbers: line, column, value and the remedies`, async () => {
      const file = temp.file('one.csv', csvWith(odd));
      const table = await readCsv(file);
      const fit = (): unknown => fitEncodings(table, { features: ['x'], fitIntercept: true });
      expect(fit).toThrow(DataFileError);
      const shown = odd.replace(/^"|"$/g, '');
      expect(fit).toThrow(
        `${file}: line 59, column "x" holds numbers, but 1 of its 200 cells is not: line 59 "${shown}". ` +
          `If they mean "missing", say so with --na-values${shown.includes(',') ? '' : ` "${shown}"`} (and`,
      );
      expect(fit).toThrow(/name it in --categorical$/);
      // Named categorical, it is one-hot coded as asked.
      const asked = fitEncodings(table, {
        features: ['x'],
        categorical: ['x'],
        fitIntercept: true,
      });
      expect(asked.encodings[0]!.kind).toBe('categorical');
    });
  }

  it('nan, null, N/A and NA in any case are missing, not text', async () => {
    for (const odd of ['nan', 'NULL', 'n/a', 'Na', '#N/A']) {
      const table = await readCsv(temp.file('missing.csv', csvWith(odd)));
      expect(table.columns[0]!.missingRows).toEqual([57]);
      expect(table.columns[0]!.text).toBeUndefined();
    }
  });

  it('naValues adds tokens (any case); the column is numeric again with one missing cell', async () => {
    const table = await readCsv(temp.file('na.csv', csvWith('Missing')), { naValues: ['missing'] });
    expect(table.columns[0]!.missingRows).toEqual([57]);
    expect(fitEncodings(table, { features: ['x'], fitIntercept: true }).encodings[0]).toEqual({
      column: 'x',
      kind: 'numeric',
    });
  });

  it('more than 5 % text is a categorical column (with a note), as before', async () => {
    const lines = [
      'x,y',
      ...Array.from({ length: 20 }, (_, i) => `${i % 3 === 0 ? 'red' : i},${i % 2}`),
    ];
    const table = await readCsv(temp.file('cat.csv', lines.join('\n')));
    const { encodings, notes } = fitEncodings(table, { features: ['x'], fitIntercept: true });
    expect(encodings[0]!.kind).toBe('categorical');
    expect(notes[0]).toMatch(/column "x" is not numeric/);
  });

  it('more than five stray cells: the first five and a count', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 400; i++) lines.push(`${i % 50 === 3 ? 'bad' : i},${i % 2}`);
    const table = await readCsv(temp.file('many.csv', lines.join('\n')));
    expect(() => fitEncodings(table, { features: ['x'], fitIntercept: true })).toThrow(
      /8 of its 400 cells are not: line 5 "bad", line 55 "bad", line 105 "bad", line 155 "bad", line 205 "bad", and 3 more\./,
    );
  });
});

describe('CLI: --na-values, labels', () => {
  it('train: the error, then --na-values with --drop-missing fits', async () => {
    const file = temp.file('cli.csv', csvWith('N.A.'));
    const model = join(temp.folder, 'cli.json');
    const refused = await runInProcess(['train', file, '-t', 'y', '-m', model, '-q']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /line 59, column "x" holds numbers, but 1 of its 200 cells is not: line 59 "N\.A\."/,
    );
    const fitted = await runInProcess([
      'train',
      file,
      '-t',
      'y',
      '-m',
      model,
      '-q',
      '--na-values',
      'n.a.',
      '--drop-missing',
      '--json',
    ]);
    expect(fitted.code).toBe(0);
    const written = JSON.parse(readFileSync(model, 'utf8')) as {
      training: { droppedRows: number };
    };
    expect(written.training.droppedRows).toBe(1);
  });

  it('a lowercase nan label is missing, not a third class', async () => {
    const file = temp.file('label.csv', 'x,y\n1,0\n2,1\n3,nan\n4,0\n5,1\n6,0\n7,1\n');
    const model = join(temp.folder, 'label.json');
    const refused = await runInProcess(['train', file, '-t', 'y', '-m', model, '-q']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/label\.csv: line 4, column "y": missing value/);
    const dropped = await runInProcess([
      'train',
      file,
      '-t',
      'y',
      '-m',
      model,
      '-q',
      '--drop-missing',
    ]);
    expect(dropped.code).toBe(0);
  });
});
