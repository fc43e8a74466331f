import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryGuard } from '../../src/node/openDataStream.js';

/**
 * The guard's rule byte by byte (the loop it had before it skipped four bytes at a time): the
 * first control byte (below 0x20 except tab, LF, VT, FF, CR and 0x1A) or line longer than `max`
 * bytes, as "line <n>: …", or null when the text passes.
 */
function reference(bytes: Uint8Array, max: number): string | null {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0a) {
      if (i - start > max) return `line ${line}: too long`;
      line++;
      start = i + 1;
    } else if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) {
      return `line ${line}: binary 0x${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return bytes.length - start > max ? `line ${line}: too long` : null;
}

/** The guard's verdict on `chunks`, in the reference's words, and the bytes it passed. */
async function guarded(
  chunks: Buffer[],
  max: number,
): Promise<{ verdict: string | null; out: Buffer }> {
  const out: Buffer[] = [];
  try {
    for await (const chunk of Readable.from(chunks).pipe(new BinaryGuard('f.csv', max))) {
      out.push(chunk as Buffer);
    }
    return { verdict: null, out: Buffer.concat(out) };
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    const hex = /byte 0x([0-9a-f]{2})/.exec(message)?.[1];
    return {
      verdict: hex === undefined ? `line ${line}: too long` : `line ${line}: binary 0x${hex}`,
      out: Buffer.concat(out),
    };
  }
}

describe('BinaryGuard reads four bytes at a time', () => {
  // Mostly text (digits, commas, LF, CR, tab, bytes ≥ 0x80), now and then a control byte.
  const byte = fc.oneof(
    {
      weight: 30,
      arbitrary: fc.constantFrom(0x30, 0x31, 0x2c, 0x2e, 0x2d, 0x41, 0xc3, 0xa9, 0xff),
    },
    { weight: 4, arbitrary: fc.constantFrom(0x0a, 0x0d, 0x09, 0x1a, 0x0b, 0x0c, 0x20) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
  );

  it('the verdict of the byte-by-byte rule and the same bytes, for chunks at any alignment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 600 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 6 }),
        fc.nat({ max: 3 }),
        fc.integer({ min: 1, max: 120 }),
        async (values, cuts, shift, max) => {
          // Each chunk a view at byte offset `shift` (mod 4) of a larger buffer.
          const whole = Uint8Array.from(values);
          const points = [
            ...new Set([0, ...cuts.map((c) => Math.min(c, whole.length)), whole.length]),
          ].sort((a, b) => a - b);
          const chunks = points
            .slice(1)
            .map((end, k) => {
              const piece = whole.subarray(points[k]!, end);
              const backing = Buffer.alloc(piece.length + 8);
              backing.set(piece, shift);
              return backing.subarray(shift, shift + piece.length);
            })
            .filter((chunk) => chunk.length > 0);
          const { verdict, out } = await guarded(chunks, max);
          expect(verdict).toBe(reference(whole, max));
          if (verdict === null) expect(Buffer.compare(out, Buffer.from(whole))).toBe(0);
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });

  it('names the line of a control byte inside a long run of text', async () => {
    const text = Buffer.from(`${'1.25,'.repeat(40)}\n${'2,'.repeat(33)}\u0002,3\n`);
    expect((await guarded([text], 1000)).verdict).toBe('line 2: binary 0x02');
    expect((await guarded([text.subarray(1)], 1000)).verdict).toBe('line 2: binary 0x02');
  });
});
