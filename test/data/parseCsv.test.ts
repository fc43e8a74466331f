import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/data/column.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { parseCsv } from '../../src/data/parseCsv.js';
import { readCsvSerial } from '../../src/node/readCsv.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-csv-bytes-');
afterAll(() => temp.cleanup());
let counter = 0;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A table as plain data: names, numbers (NaN as null), text, missing rows, lines. */
function plain(table: Table) {
  return {
    rowCount: table.rowCount,
    lines: Array.from(table.lines),
    columns: table.columns.map((c) => ({
      name: c.name,
      numbers: Array.from(c.numbers, (v) => (Number.isNaN(v) ? null : v)),
      text: c.text,
      missingRows: Array.from(c.missingRows),
    })),
  };
}

/** Cells of every kind the general reader meets: numbers, text, quotes, missing tokens, blanks. */
const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.constantFrom(
    'NA',
    '',
    ' ?',
    'n/a',
    'red',
    ' blue ',
    '"a, b"',
    '"say ""hi"""',
    '1e400',
    'café',
  ),
);

describe('parseCsv (bytes in memory)', () => {
  it('gives the table readCsv gives for the same file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 25 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        async (rows, delimiter, eol) => {
          const body = rows.map((r) => r.join(delimiter)).join(eol);
          const text = `a${delimiter}b${delimiter}c${eol}${body}${eol}`;
          const name = `c${counter++}.csv`;
          const file = temp.file(name, text);
          const expected = await readCsvSerial(file, {}).then(plain, (e: unknown) => e);
          let actual: unknown;
          try {
            actual = plain(parseCsv(encode(text), { name: file }));
          } catch (error) {
            actual = error;
          }
          if (expected instanceof Error) {
            expect(actual).toBeInstanceOf(DataFileError);
            expect((actual as Error).message).toBe(expected.message);
          } else {
            expect(actual).toEqual(expected);
          }
        },
      ),
      { numRuns: 80, seed: 21 },
    );
  });

  it('chooses the delimiter from the header, with a note naming the file', () => {
    const notes: string[] = [];
    const table = parseCsv(encode('x;y\n1,5;2\n'), {
      name: 'drop.csv',
      decimal: ',',
      onNote: (note) => notes.push(note),
    });
    expect(Array.from(table.columns[0]!.numbers)).toEqual([1.5]);
    expect(notes).toEqual([
      'drop.csv: the header has no commas; reading fields separated by ";" (set --delimiter to override)',
    ]);
  });

  it('refuses binary data and gzip, naming the file and line', () => {
    expect(() => parseCsv(encode('a,b\n1,2\n3,\u0000\n'), { name: 'x.csv' })).toThrow(
      'x.csv: line 3: binary data (byte 0x00)',
    );
    expect(() => parseCsv(new Uint8Array([0x1f, 0x8b, 8, 0]))).toThrow(DataFileError);
  });
});
