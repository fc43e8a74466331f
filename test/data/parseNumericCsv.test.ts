import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { latin1 } from '../../src/data/numericCsvLines.js';
import { parseNumericCsv } from '../../src/data/parseNumericCsv.js';
import { readNumericCsv } from '../../src/node/fastNumericCsv.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-numeric-bytes-');
afterAll(() => temp.cleanup());
let counter = 0;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Cells of every form, many past 15 digits or ±22 in exponent (the `Number()` path). */
const cell = fc
  .tuple(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom('string', 'fixed', 'exp', 'long'),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([x, form, digits]) =>
    form === 'string'
      ? String(x)
      : form === 'fixed'
        ? Math.abs(x) < 1e21
          ? x.toFixed(digits)
          : String(x)
        : form === 'exp'
          ? x.toExponential(digits)
          : `${x < 0 ? '-' : ''}${'1234567890'.repeat(digits % 4)}1.${'987654321'.repeat(digits % 3)}5e${digits - 10}`,
  )
  .filter((text) => Number.isFinite(Number(text)));

describe('parseNumericCsv (bytes in memory)', () => {
  it('gives every number bit for bit as Number() does, and as readNumericCsv reads the same file', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const text = `a,y,c${eol}${rows.map((r) => r.join(',')).join(eol)}${eol}`;
          const fromBytes = parseNumericCsv(encode(text), { labelColumn: 'y' });
          const fromFile = readNumericCsv(temp.file(`n${counter++}.csv`, text), {
            labelColumn: 'y',
          });
          expect(fromBytes).toBeDefined();
          const expectedX = rows.flatMap((r) => [Number(r[0]), Number(r[2])]);
          const expectedY = rows.map((r) => Number(r[1]));
          Array.from(fromBytes!.X.data).forEach((v, k) =>
            expect(Object.is(v, expectedX[k])).toBe(true),
          );
          Array.from(fromBytes!.labels!).forEach((v, k) =>
            expect(Object.is(v, expectedY[k])).toBe(true),
          );
          expect(fromFile!.columns).toEqual(fromBytes!.columns);
          expect(Array.from(fromFile!.X.data)).toEqual(Array.from(fromBytes!.X.data));
          expect(Array.from(fromFile!.labels!)).toEqual(Array.from(fromBytes!.labels!));
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });

  it("decodes bytes as Latin-1 exactly as Node's Buffer does, at any length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20000 }), fc.nat(), (bytes, cut) => {
        const start = bytes.length === 0 ? 0 : cut % bytes.length;
        expect(latin1(bytes, start, bytes.length)).toBe(
          Buffer.from(bytes).toString('latin1', start, bytes.length),
        );
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('returns undefined for what only the general reader reads (quotes, text, BOM, ragged rows)', () => {
    for (const text of [
      'a,b\n"1",2\n',
      'a,b\n1,x\n',
      '\ufeffa,b\n1,2\n',
      'a,b\n1,2\n3\n',
      'a,b\n',
    ]) {
      expect(parseNumericCsv(encode(text))).toBeUndefined();
    }
  });

  it('reads the last line without a line break, and a header names the label column', () => {
    const csv = parseNumericCsv(encode('x1;y;x2\n1;0;2\n3;1;4'), {
      delimiter: ';',
      labelColumn: 'y',
    });
    expect(csv?.columns).toEqual(['x1', 'x2']);
    expect(Array.from(csv!.X.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(csv!.labels!)).toEqual([0, 1]);
  });
});
