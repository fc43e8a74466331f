import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNumericCsvBatches } from '../../src/node/numericCsvBatches.js';
import { readNumericCsvBatchesOnThread } from '../../src/node/numericCsvBatchThread.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder('logreg-numeric-thread-');
afterAll(() => temp.cleanup());

/** A copy of a batch (the readers reuse their buffers). */
interface Copied {
  readonly names: readonly string[];
  readonly data: number[];
  readonly lines: number[];
}

/** 5,000 rows × 3 of seeded numbers (LCG), a blank line after row 100, and `bad` on row `at`. */
function numbers(at?: number, bad = 'NA'): string {
  let s = 12345;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s / 2 ** 32) * 20 - 10;
  };
  const lines = ['a,b,c'];
  for (let i = 0; i < 5000; i++) {
    const row = [next().toFixed(4), next().toExponential(3), String(next())];
    if (i === at) row[1] = bad;
    lines.push(row.join(','));
    if (i === 100) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

let plain = '';
let broken = '';
beforeAll(() => {
  plain = temp.file('plain.csv', numbers());
  broken = temp.file('broken.csv', numbers(3210));
});

function serial(file: string, batchRows: number): { names?: string[]; batches: Copied[] } {
  const batches: Copied[] = [];
  const names = readNumericCsvBatches(file, { batchRows }, (b) =>
    batches.push({ names: b.names, data: Array.from(b.data), lines: Array.from(b.lines) }),
  );
  return { ...(names === undefined ? {} : { names }), batches };
}

async function threaded(
  file: string,
  batchRows: number,
  slow = false,
): Promise<{ names?: string[]; batches: Copied[] }> {
  const batches: Copied[] = [];
  const names = await readNumericCsvBatchesOnThread(
    file,
    { batchRows, chunkBytes: 1 << 16 },
    async (b) => {
      // Waiting lets the worker run ahead until it blocks on the slots still held.
      if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
      // Back to row-major, to compare with the serial reader's batches.
      const data: number[] = [];
      for (let i = 0; i < b.rows; i++) for (const column of b.columns) data.push(column[i]!);
      expect(b.columns.every((column) => column.length === b.rows)).toBe(true);
      batches.push({ names: b.names, data, lines: Array.from(b.lines) });
    },
  );
  return { ...(names === undefined ? {} : { names }), batches };
}

describe('readNumericCsvBatchesOnThread', () => {
  it('hands over the batches of readNumericCsvBatches, in order, with their file lines', async () => {
    for (const batchRows of [1, 7, 1000, 8192]) {
      const expected = serial(plain, batchRows);
      expect(expected.names).toEqual(['a', 'b', 'c']);
      expect(await threaded(plain, batchRows)).toEqual(expected);
    }
    const slow = await threaded(plain, 97, true);
    expect(slow).toEqual(serial(plain, 97));
    // Row i is on line i + 2, after the blank line (103) following row 100 on i + 3.
    expect(slow.batches[1]!.lines.slice(3, 6)).toEqual([102, 104, 105]);
  });

  it('a cell that is not a plain number: undefined, after the batches before it', async () => {
    const expected = serial(broken, 1000);
    expect(expected.names).toBeUndefined();
    expect(expected.batches).toHaveLength(3);
    expect(await threaded(broken, 1000)).toEqual(expected);
  });

  it('an error thrown by the handler stops the worker and comes back unchanged', async () => {
    class Stop extends Error {}
    let seen = 0;
    const run = readNumericCsvBatchesOnThread(plain, { batchRows: 10, chunkBytes: 1 << 16 }, () => {
      if (++seen === 4) throw new Stop('enough');
    });
    await expect(run).rejects.toBeInstanceOf(Stop);
    expect(seen).toBe(4);
  });

  it('runs from the built module (dist) without tsx', () => {
    const built = fileURLToPath(
      new URL('../../dist/node/numericCsvBatchThread.js', import.meta.url),
    );
    const script = `
      const { readNumericCsvBatchesOnThread } = await import(${JSON.stringify(built)});
      let rows = 0, sum = 0;
      const names = await readNumericCsvBatchesOnThread(${JSON.stringify(plain)},
        { batchRows: 1000, chunkBytes: 1 << 16 },
        (b) => { rows += b.rows; for (let i = 0; i < b.rows; i++) for (const c of b.columns) sum += c[i]; });
      console.log(JSON.stringify({ names, rows, sum }));
    `;
    const child = spawnSync(process.execPath, [temp.file('run.mjs', script)], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const expected = serial(plain, 1000);
    let sum = 0;
    for (const b of expected.batches) for (const v of b.data) sum += v;
    expect(JSON.parse(child.stdout)).toEqual({ names: ['a', 'b', 'c'], rows: 5000, sum });
  });
});
