import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/data/column.js';
import { readCsv } from '../../src/node/readCsv.js';
import type { CsvReadOptions } from '../../src/node/readCsv.js';
import { readCsvParallel } from '../../src/node/readCsvParallel.js';
import type { CsvRangeRunner } from '../../src/node/readCsvParallel.js';
import { createCsvRangeWorkers, inProcessRanges } from '../../src/node/csvRangeWorkers.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());

/** A table as plain data, or the error's message: what "the same result" compares. */
function plain(table: Table): unknown {
  return {
    file: table.file,
    rowCount: table.rowCount,
    lines: Array.from(table.lines),
    columns: table.columns.map((c) => ({
      name: c.name,
      // Object.is-equal numbers (−0 and NaN included) as strings.
      numbers: Array.from(c.numbers, (v) => (Object.is(v, -0) ? '-0' : String(v))),
      text: c.text,
      missingRows: [...c.missingRows],
    })),
  };
}

async function outcome(read: () => Promise<Table | undefined>): Promise<unknown> {
  try {
    const table = await read();
    return table === undefined ? 'not taken' : plain(table);
  } catch (error) {
    return { error: (error as Error).message, type: (error as Error).name };
  }
}

/** Cells that stress the reader: numbers in several spellings, NA tokens, words, quoted text. */
const cell = (delimiter: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => String(v)),
    fc.integer({ min: -999, max: 999 }).map((v) => String(v)),
    fc.constantFrom('1e3', '-0', '.5', '+7', ' 2.5 ', '1.', 'NA', '', 'n/a', '?', '-999', '0x1f'),
    fc.constantFrom(
      'red',
      'green',
      'blue',
      'Grün',
      'a b',
      ' red ',
      'NA ',
      '  ',
      '1 x',
      '1"2',
      '0x1f',
      '1e400',
    ),
    fc
      .array(fc.constantFrom('x', '"', delimiter, '\n', '\r\n', '\r', ' ', 'é'), { maxLength: 5 })
      .map((parts) => `"${parts.join('').replaceAll('"', '""')}"`),
  );

/** A CSV file as bytes: header, rows with random line ends, maybe a BOM, blank lines, no final break. */
const csvFile = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    columns: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 0, max: 8 }),
    bom: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 30 }),
  })
  .chain(({ delimiter, columns, rows, bom }) =>
    fc
      .record({
        cells: fc.array(fc.array(cell(delimiter), { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
        ends: fc.array(fc.constantFrom('\n', '\r\n', '\n', '\r\n', '\r', '\n\n'), {
          minLength: rows + 1,
          maxLength: rows + 1,
        }),
        finalBreak: fc.boolean(),
        short: fc.option(fc.integer({ min: 0, max: Math.max(0, rows - 1) }), { nil: undefined }),
      })
      .map(({ cells, ends, finalBreak, short }) => {
        const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(delimiter);
        const lines = cells.map((row, i) =>
          // Sometimes a row with a field too few: an error with a line number.
          (i === short && columns > 1 ? row.slice(1) : row).join(delimiter),
        );
        let text = (bom ? '\uFEFF' : '') + header;
        for (const [i, line] of lines.entries()) text += ends[i]! + line;
        if (finalBreak) text += ends[rows]!;
        return { text, delimiter };
      }),
  );

describe('readCsvParallel', () => {
  it('gives the serial reader’s result (values, text, missing rows, lines, errors) for splits at every position', async () => {
    let checks = 0;
    let fallbacks = 0;
    await fc.assert(
      fc.asyncProperty(csvFile, fc.integer({ min: 0, max: 1000 }), async (csv, third) => {
        const file = temp.file('random.csv', csv.text);
        // A number as a missing-value token sends every cell through text (no fast path).
        const options: CsvReadOptions = {
          delimiter: csv.delimiter,
          naValues: third % 3 === 0 ? ['-999', 'n/a'] : ['n/a'],
        };
        const serial = await outcome(() => readCsv(file, options));
        const size = Buffer.byteLength(csv.text);
        for (let at = 0; at <= size; at++) {
          // Two ranges split near `at`; and three, the other cut at a random place.
          const chunkBytes = at % 2 === 0 ? 16 << 20 : 1 + ((third + at) % 64);
          for (const splits of [[at], [at, third % (size + 1)]]) {
            let fellBack = false;
            const parallel = await outcome(() =>
              // Ranges read in chunks of 1 to 64 bytes too: a chunk may end anywhere.
              readCsvParallel(
                file,
                options,
                inProcessRanges,
                { ranges: 2, splits, chunkBytes },
                () => {
                  fellBack = true;
                  return readCsv(file, options);
                },
              ),
            );
            checks++;
            if (fellBack) fallbacks++;
            if (parallel === 'not taken') continue;
            expect(parallel).toEqual(serial);
          }
        }
      }),
      { seed: 4180, numRuns: 80 },
    );
    // The ranges, not the serial fallback, gave most of the results.
    expect(fallbacks).toBeLessThan(checks / 2);
  });

  it('reads NA tokens that are numbers and decimal commas as the serial reader does', async () => {
    const text = 'a;b;c\n1,5;-999;x\n-999;2,25e1;"y;z"\n3;4;\n';
    const file = temp.file('comma.csv', text);
    for (const options of [
      { delimiter: ';', decimal: ',' as const, naValues: ['-999'] },
      { delimiter: ';', naValues: ['-999'] },
    ]) {
      const serial = await outcome(() => readCsv(file, options));
      for (let at = 0; at <= text.length; at++) {
        const parallel = await outcome(() =>
          readCsvParallel(file, options, inProcessRanges, { ranges: 2, splits: [at] }, () =>
            readCsv(file, options),
          ),
        );
        expect(parallel).toEqual(serial);
      }
    }
  });

  it('names the file line of an error in a later range', async () => {
    // Rows 0–24 span two lines each (a quoted line break): row 40 starts on line 2 + 50 + 15.
    const rows = Array.from({ length: 50 }, (_, i) => (i < 25 ? `${i},"q\nq",1` : `${i},p,0`));
    rows[40] = '40,1';
    const text = `a,b,c\n${rows.join('\n')}\n`;
    const file = temp.file('bad.csv', text);
    const parallel = readCsvParallel(
      file,
      {},
      inProcessRanges,
      { ranges: 2, splits: [text.indexOf('\n30,')] },
      () => Promise.reject(new Error('fell back')),
    );
    const message = /bad\.csv: line 67: expected 3 fields as in the header, got 2/;
    await expect(parallel).rejects.toThrow(message);
    await expect(readCsv(file)).rejects.toThrow(message);
  });

  it('gives the notes of the serial reader once (a guessed delimiter, a blank header field)', async () => {
    // Row 10 holds a quoted line break: a cut there sends the file to the serial reader.
    const rows = Array.from({ length: 20 }, (_, i) => `${i};${i / 2};${i % 2}`);
    rows[10] = '10;"x\ny";0';
    const text = `a;;y\n${rows.join('\n')}\n`;
    const file = temp.file('notes.txt', text);
    const serialNotes: string[] = [];
    const serial = await outcome(() => readCsv(file, { onNote: (n) => serialNotes.push(n) }));
    expect(serialNotes).toHaveLength(2);
    for (const splits of [[30], [text.length - 3], [text.indexOf('x')]]) {
      const notes: string[] = [];
      const options = { onNote: (n: string) => notes.push(n) };
      const parallel = await outcome(() =>
        readCsvParallel(file, options, inProcessRanges, { ranges: 2, splits }, () =>
          readCsv(file, options),
        ),
      );
      expect(parallel).toEqual(serial);
      expect(notes).toEqual(serialNotes);
    }
  });

  it('leaves binary data and too long lines to the serial reader, which names the line', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 7},red`);
    for (const [bad, message, options] of [
      ['7,\u0001,red', /line 42: binary data \(byte 0x01\)/, {}],
      ['7,1,' + 'x'.repeat(80), /line 42: .*longer than 64/, { maxLineLength: 64 }],
    ] as const) {
      const lines = [...rows];
      lines[40] = bad;
      const text = `a,b,c\n${lines.join('\n')}\n`;
      const file = temp.file('binary.csv', text);
      let fellBack = false;
      const parallel = readCsvParallel(
        file,
        options,
        inProcessRanges,
        { ranges: 2, splits: [text.indexOf('\n30,')], chunkBytes: 37 },
        () => {
          fellBack = true;
          return readCsv(file, options);
        },
      );
      await expect(parallel).rejects.toThrow(message);
      expect(fellBack).toBe(true);
      await expect(readCsv(file, options)).rejects.toThrow(message);
    }
  });

  it('on worker threads (1 to 3), equals the serial reader on numeric and categorical columns', async () => {
    const levels = ['north', 'south', 'east, "far"', 'west'];
    let text = 'x1,x2,region,y\r\n';
    for (let i = 0; i < 3000; i++) {
      const region = levels[(i * 7) % 4]!;
      const quoted = region.includes(',') ? `"${region.replaceAll('"', '""')}"` : region;
      text += `${(i * 0.37) % 11},${i % 13 === 0 ? 'NA' : -i / 8},${quoted},${i % 2}\r\n`;
    }
    const file = temp.file('wide.csv', text);
    const serial = await outcome(() => readCsv(file));
    for (const size of [1, 2, 3]) {
      const pool: CsvRangeRunner & { close(): Promise<void> } = createCsvRangeWorkers(size);
      try {
        const parallel = await outcome(() =>
          readCsvParallel(file, {}, pool, { ranges: size, chunkBytes: 4096 }, () =>
            Promise.reject(new Error('fell back')),
          ),
        );
        expect(parallel).toEqual(serial);
      } finally {
        await pool.close();
      }
    }
  });
});
