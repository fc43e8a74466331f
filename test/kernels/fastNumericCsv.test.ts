import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allocateKernelMatrix } from '../../src/kernels/kernelMemory.js';
import { readNumericCsv } from '../../src/node/fastNumericCsv.js';

const dir = mkdtempSync(join(tmpdir(), 'logreg-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function file(text: string): string {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, text);
  return path;
}

describe('readNumericCsv', () => {
  it('reads every number exactly as Number() does (correct rounding), in all the usual forms', () => {
    const cell = fc
      .tuple(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom('string', 'fixed', 'exp', 'short'),
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
              : String(Math.round(x * 1000) / 1000).replace(/^0\./, '.'),
      )
      .filter((text) => Number.isFinite(Number(text)));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const text = `a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;
          const csv = readNumericCsv(file(text));
          expect(csv).toBeDefined();
          expect(Array.from(csv!.X.data)).toEqual(rows.flat().map(Number));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('splits off the label column, fills the given matrix, and takes CRLF, spaces, + and blank lines', () => {
    const text = 'x1, y ,x2\r\n1.5, 0 ,-2\r\n\r\n  +3e2,1,.25 \r\n   \r\n-0.5,1,7';
    const csv = readNumericCsv(file(text), { labelColumn: 'y', allocate: allocateKernelMatrix });
    expect(csv?.columns).toEqual(['x1', 'x2']);
    expect(csv?.X.rows).toBe(3);
    expect(Array.from(csv!.X.data)).toEqual([1.5, -2, 300, 0.25, -0.5, 7]);
    expect(Array.from(csv!.labels!)).toEqual([0, 1, 1]);
  });

  it('reads lines across its 16 MiB chunks', () => {
    const line = '0.123456,-7.5,3\n';
    const count = Math.ceil((17 * 2 ** 20) / line.length);
    const csv = readNumericCsv(file(`a,b,c\n${line.repeat(count)}`));
    expect(csv?.X.rows).toBe(count);
    expect(csv!.X.data.every((v, k) => v === [0.123456, -7.5, 3][k % 3])).toBe(true);
  });

  it.each([
    ['a quoted cell', 'a,b\n"1",2\n'],
    ['a missing cell', 'a,b\n1,\n'],
    ['NA', 'a,b\nNA,2\n'],
    ['text', 'a,b\n1,x\n'],
    ['hexadecimal', 'a,b\n0x1f,2\n'],
    ['Infinity', 'a,b\nInfinity,2\n'],
    ['a short row', 'a,b\n1,2\n3\n'],
    ['a long row', 'a,b\n1,2,3\n'],
    ['a bare sign', 'a,b\n-,2\n'],
    ['an exponent without digits', 'a,b\n1e,2\n'],
    ['a number too large for a double', 'a,b\n1e400,2\n'],
    ['a byte-order mark', '\ufeffa,b\n1,2\n'],
    ['no data rows', 'a,b\n'],
    ['a missing label column', 'a,b\n1,2\n'],
  ])('returns undefined (so the caller falls back to readTable) for %s', (what, text) => {
    expect(readNumericCsv(file(text), what.includes('label') ? { labelColumn: 'y' } : {})).toBe(
      undefined,
    );
  });
});
