import { afterAll, describe, expect, it } from 'vitest';
import { rowKey } from '../../src/data/column.js';
import { OptionError } from '../../src/errors.js';
import { readCsv } from '../../src/node/readCsv.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());

describe('readCsv with decimal: ","', () => {
  it('reads 1,5 as 1.5 in a semicolon-separated file (delimiter guessed), quoted or not', async () => {
    const file = temp.file('csv2.csv', 'x;y;z\n1,5;"-0,25e1";a,b\n2;,5;c\n');
    const table = await readCsv(file, { decimal: ',' });
    expect(Array.from(table.columns[0]!.numbers)).toEqual([1.5, 2]);
    expect(Array.from(table.columns[1]!.numbers)).toEqual([-2.5, 0.5]);
    // Text that is not a number keeps its comma.
    expect([0, 1].map((i) => rowKey(table.columns[2]!, i))).toEqual(['a,b', 'c']);
  });

  it('without it, 1,5 is text (a stray cell), as before', async () => {
    const file = temp.file('csv2b.csv', 'x;y\n1,5;1\n');
    const table = await readCsv(file);
    expect(rowKey(table.columns[0]!, 0)).toBe('1,5');
  });

  it('a comma delimiter with a decimal comma is an option error naming --delimiter', async () => {
    const file = temp.file('both.csv', 'x,y\n1,2\n');
    const error = await readCsv(file, { decimal: ',' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toMatch(/needs another field separator.*--delimiter/);
  });
});
