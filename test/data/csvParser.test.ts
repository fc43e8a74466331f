import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError } from '../../src/data/csvParser.js';

const encoder = new TextEncoder();

/** Every record as [line, fields], parsing `bytes` cut at the given positions. */
function parse(
  bytes: Uint8Array,
  delimiter = ',',
  cuts: readonly number[] = [],
): [number, string[]][] {
  const records: [number, string[]][] = [];
  const parser = new CsvParser(delimiter.charCodeAt(0), (record) => {
    records.push([record.line, record.fields()]);
  });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.write(bytes.subarray(at, cut));
    at = cut;
  }
  parser.write(bytes.subarray(at));
  parser.end();
  return records;
}

const parseText = (text: string, delimiter = ','): [number, string[]][] =>
  parse(encoder.encode(text), delimiter);

function syntaxError(text: string): CsvSyntaxError {
  try {
    parseText(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('CsvParser (RFC 4180, bytes)', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside quotes, with start lines', () => {
    expect(
      parseText('name,note\r\n"Smith, J","said ""hi"""\r\nLee,"two\r\nlines"\r\nKim,x'),
    ).toEqual([
      [1, ['name', 'note']],
      [2, ['Smith, J', 'said "hi"']],
      [3, ['Lee', 'two\r\nlines']],
      [5, ['Kim', 'x']],
    ]);
  });

  it('LF, CRLF and lone CR in any mix end records; empty lines are skipped but counted', () => {
    expect(parseText('a,b\n1,2\r\n\r\n3,4\r5,6\n\n\n7,8')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', '4']],
      [5, ['5', '6']],
      [8, ['7', '8']],
    ]);
  });

  it('drops a UTF-8 BOM, trims spaces outside quotes, keeps a quote inside an unquoted field', () => {
    expect(parseText('\uFEFFa , b\n "x " , 5"6 \n')).toEqual([
      [1, ['a', 'b']],
      [2, ['x ', '5"6']],
    ]);
    // With a tab delimiter tabs are separators, never trimmed.
    expect(parseText('a\tb\n\t 1 \n', '\t')).toEqual([
      [1, ['a', 'b']],
      [2, ['', '1']],
    ]);
  });

  it('decodes UTF-8, also across chunk boundaries', () => {
    const bytes = encoder.encode('città,naïve\nΔ,"日本"\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(parse(bytes, ',', [cut])).toEqual([
        [1, ['città', 'naïve']],
        [2, ['Δ', '日本']],
      ]);
    }
  });

  it('an unterminated quote names the line where the field opens; text after a closing quote its line', () => {
    const open = syntaxError('a,y\n1,0\n\n"2,1\n3,0\n');
    expect([open.kind, open.line]).toEqual(['unterminated quote', 4]);
    const after = syntaxError('a,y\n1,0\n"x\ny"z,1\n');
    expect([after.kind, after.line]).toEqual(['text after closing quote', 4]);
  });

  /** A cell: text with any of the characters that make CSV hard. */
  const cell = fc
    .array(fc.constantFrom('a', 'b', '1', '.', ' ', ',', ';', '"', '\n', '\r\n', '\r', 'é'), {
      maxLength: 6,
    })
    .map((parts) => parts.join('').trim());
  const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
    fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
      minLength: 1,
      maxLength: 6,
    }),
  );

  it('reads back any table written with random quoting, delimiter and line endings, cut anywhere (property)', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 4 }),
        (rows, delimiter, endings, quoteAll, cutSeeds) => {
          // Cells that are empty in a one-column table would make an empty line: quote them.
          let text = '';
          const expected: [number, string[]][] = [];
          let line = 1;
          rows.forEach((row, i) => {
            expected.push([line, row]);
            const needs = (c: string): boolean =>
              quoteAll || c === '' || /[,;\t|"\r\n]/.test(c) || c !== c.trim();
            text += row.map((c) => (needs(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter);
            for (const c of row) line += (c.match(/\r\n|\r|\n/g) ?? []).length;
            text += endings[i % endings.length]!;
            line += 1;
          });
          const bytes = encoder.encode(text);
          const cuts = cutSeeds.map((seed) => seed % (bytes.length + 1));
          expect(parse(bytes, delimiter, cuts)).toEqual(expected);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('gives the same records for a chunk boundary at every position (BOM included)', () => {
    const bytes = encoder.encode('\uFEFFa,"b\r\nc"\r\n"x""y",2\r\r\n 3 ,"4"\n5,6');
    const whole = parse(bytes);
    expect(whole[0]).toEqual([1, ['a', 'b\r\nc']]);
    for (let cut = 0; cut <= bytes.length; cut++) expect(parse(bytes, ',', [cut])).toEqual(whole);
    for (let cut = 0; cut + 1 <= bytes.length; cut++) {
      expect(parse(bytes, ',', [cut, cut + 1])).toEqual(whole);
    }
  });
});
