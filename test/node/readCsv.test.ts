import { afterAll, describe, expect, it } from 'vitest';
import { rowKey } from '../../src/data/column.js';
import type { Table } from '../../src/data/column.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { readCsv } from '../../src/node/readCsv.js';
import { readTable } from '../../src/node/readTable.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());

function column(table: Table, name: string) {
  const found = table.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${name}`);
  return found;
}

function keys(table: Table, name: string): (string | null)[] {
  const c = column(table, name);
  return Array.from({ length: table.rowCount }, (_, i) => rowKey(c, i));
}

/** Reads `content` as a file and returns the DataFileError it raises. */
async function failure(name: string, content: string | Uint8Array, gzip = false) {
  const file = temp.file(name, content, { gzip });
  const error = await readTable(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

describe('readCsv', () => {
  it('reads a header and numeric columns into Float64Arrays, with file lines', async () => {
    const table = await readCsv(temp.file('plain.csv', 'a,b,y\n1,2.5,0\n-3,4e-1,1\n'));
    expect(table.format).toBe('csv');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'y']);
    expect(table.rowCount).toBe(2);
    expect(Array.from(column(table, 'a').numbers)).toEqual([1, -3]);
    expect(Array.from(column(table, 'b').numbers)).toEqual([2.5, 0.4]);
    expect(column(table, 'a').text).toBeUndefined();
    expect(Array.from(table.lines)).toEqual([2, 3]);
  });

  it('follows RFC 4180: quoted delimiters, doubled quotes, line breaks inside quotes, CRLF', async () => {
    const text =
      'name,note,y\r\n"Smith, J","said ""hi""",1\r\nLee,"two\r\nlines",0\r\nKim,plain,1\r\n';
    const table = await readCsv(temp.file('quoted.csv', text));
    expect(keys(table, 'name')).toEqual(['Smith, J', 'Lee', 'Kim']);
    expect(keys(table, 'note')).toEqual(['said "hi"', 'two\r\nlines', 'plain']);
    // The record that spans lines 3–4 starts on line 3; the next one is on line 5.
    expect(Array.from(table.lines)).toEqual([2, 3, 5]);
  });

  it('skips empty lines but keeps counting them, drops a BOM and trims cells', async () => {
    const table = await readCsv(temp.file('bom.csv', '\uFEFFa, b\n\n 1 , x \n\n2,y\n'));
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(Array.from(column(table, 'a').numbers)).toEqual([1, 2]);
    expect(keys(table, 'b')).toEqual(['x', 'y']);
    expect(Array.from(table.lines)).toEqual([3, 5]);
  });

  it('reads a file without a final newline', async () => {
    const table = await readCsv(temp.file('nonewline.csv', 'a,y\n1,0\n2,1'));
    expect(Array.from(column(table, 'a').numbers)).toEqual([1, 2]);
  });

  it('keeps text keys for a column with a non-number, numbers in shortest form', async () => {
    const table = await readCsv(temp.file('mixed.csv', 'g,y\n1.0,0\n2,1\nA,0\n,1\nNA,0\n'));
    const g = column(table, 'g');
    expect(g.text).toEqual(['1', '2', 'A', null, null]);
    expect(g.missingRows).toEqual([3, 4]);
  });

  it('records missing cells: empty, NA, NaN and ?', async () => {
    const table = await readCsv(temp.file('missing.csv', 'a,y\n,0\nNA,1\nNaN,0\n?,1\n5,0\n'));
    const a = column(table, 'a');
    expect(a.missingRows).toEqual([0, 1, 2, 3]);
    expect(a.text).toBeUndefined();
    expect(Number.isNaN(a.numbers[0])).toBe(true);
    expect(a.numbers[4]).toBe(5);
  });

  it('reads TSV by extension and a custom delimiter by option', async () => {
    const tsv = await readTable(temp.file('data.tsv', 'a\tb\n1\t"x, y"\n'));
    expect(keys(tsv, 'b')).toEqual(['x, y']);
    const semi = await readCsv(temp.file('semi.txt', 'a;b\n1;2,5\n'), { delimiter: ';' });
    expect(keys(semi, 'b')).toEqual(['2,5']);
  });

  it('guesses the separator when the header has no comma, and says so', async () => {
    const notes: string[] = [];
    const table = await readCsv(temp.file('semi.csv', 'a;b;y\n1;2;0\n'), {
      onNote: (n) => notes.push(n),
    });
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'y']);
    expect(notes.join('\n')).toMatch(/separated by ";"/);
  });

  it('reads gzip by extension, and by magic bytes without the extension', async () => {
    const text = 'a,y\n1,0\n2,1\n';
    const byName = await readTable(temp.file('z.csv.gz', text, { gzip: true }));
    expect(Array.from(column(byName, 'a').numbers)).toEqual([1, 2]);
    const byMagic = await readTable(temp.file('z2.csv', text, { gzip: true }));
    expect(Array.from(column(byMagic, 'a').numbers)).toEqual([1, 2]);
    const tsv = await readTable(temp.file('z.tsv.gz', 'a\ty\n3\t1\n', { gzip: true }));
    expect(Array.from(column(tsv, 'a').numbers)).toEqual([3]);
  });

  it('reads a file larger than one chunk, with lines right at the end', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${i % 2},"q${i}"`);
    const table = await readCsv(temp.file('big.csv', `a,y,s\n${rows.join('\n')}\n`));
    expect(table.rowCount).toBe(20_000);
    expect(column(table, 'a').numbers[19_999]).toBe(19_999);
    expect(table.lines[19_999]).toBe(20_001);
  });

  it('names a blank header field and says so', async () => {
    const notes: string[] = [];
    const table = await readCsv(temp.file('blank.csv', ',a\n1,2\n'), {
      onNote: (n) => notes.push(n),
    });
    expect(table.columns.map((c) => c.name)).toEqual(['column1', 'a']);
    expect(notes).toHaveLength(1);
  });
});

describe('readCsv on malformed files: the message names the file, the line and the problem', () => {
  it('a missing file', async () => {
    const error = await readTable(`${temp.folder}/nope.csv`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/nope\.csv: no such file/);
  });

  it('a ragged row', async () => {
    const error = await failure('ragged.csv', 'a,b,y\n1,2,0\n3,4\n5,6,1\n');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/ragged\.csv: line 3: expected 3 fields as in the header, got 2/);
  });

  it('a row with too many fields after a multi-line record', async () => {
    const error = await failure('ragged2.csv', 'a,y\n"x\ny",1\n1,2,3\n');
    expect(error.line).toBe(4);
  });

  it('an unterminated quote, at the line where the field opens', async () => {
    const error = await failure('quote.csv', 'a,y\n1,0\n\n"2,1\n3,0\n4,1\n');
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/quote\.csv: line 4: unterminated quoted field/);
  });

  it('text after a closing quote', async () => {
    const error = await failure('close.csv', 'a,y\n1,0\n"2"x,1\n');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/after a closing quote/);
  });

  it('binary garbage', async () => {
    const bytes = Uint8Array.from([
      0x61, 0x2c, 0x79, 0x0a, 0x31, 0x2c, 0x30, 0x0a, 0x00, 0xff, 0x13,
    ]);
    const error = await failure('garbage.csv', bytes);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/garbage\.csv: line 3: binary data/);
  });

  it('binary garbage inside a gzip file', async () => {
    const error = await failure('garbage.csv.gz', Uint8Array.from([0x61, 0x0a, 0x01]), true);
    expect(error.message).toMatch(/line 2: binary data/);
  });

  it('a .gz file that is not gzip', async () => {
    const error = await failure('fake.csv.gz', 'a,y\n1,0\n');
    expect(error.message).toMatch(/fake\.csv\.gz: is not valid gzip data/);
  });

  it('a truncated gzip file', async () => {
    const file = temp.file('whole.csv.gz', 'a,y\n'.repeat(1000), { gzip: true });
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    const error = await failure('cut.csv.gz', bytes.subarray(0, bytes.length - 12));
    expect(error.message).toMatch(/cut\.csv\.gz: is not valid gzip data/);
  });

  it('an empty file', async () => {
    const error = await failure('empty.csv', '');
    expect(error.message).toMatch(/empty\.csv: line 1: the file is empty/);
  });

  it('a file of empty lines', async () => {
    const error = await failure('blank-lines.csv', '\n\n\n');
    expect(error.message).toMatch(/the file is empty/);
  });

  it('a header without rows', async () => {
    const error = await failure('header.csv', 'a,b,y\n');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/header\.csv: line 2: a header row but no data rows/);
  });

  it('a duplicate column name', async () => {
    const error = await failure('dup.csv', 'a,b,a\n1,2,3\n');
    expect(error.message).toMatch(/dup\.csv: line 1: duplicate column name "a"/);
  });

  it('a folder', async () => {
    const error = await readTable(temp.folder).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/is a directory/);
  });
});
