import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/data/dataFileError.js';
import { trainStream } from '../../src/model/trainStream.js';
import { csvCacheSource } from '../../src/node/csvCacheSource.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder('logreg-csv-cache-');
afterAll(() => temp.cleanup());

const csv = [
  'x,color,w,label',
  '1.5,red,1,yes',
  '2,blue,2,no',
  'NA,green,1,yes',
  '-1,red,0.5,no',
  '0.25,blue,1,yes',
  '3,green,1,no',
].join('\n');

describe('csvCacheSource', () => {
  it('codes levels and labels as train does, and reads the cache in chunks', async () => {
    const file = temp.file('a.csv', csv);
    const notes: string[] = [];
    const source = await csvCacheSource(file, {
      target: 'label',
      weights: 'w',
      dropMissing: true,
      chunkBytes: 2 * 8 * (4 + 3 + 2),
      onNote: (n) => notes.push(n),
    });
    try {
      expect(source.rows).toBe(5);
      expect(source.droppedRows).toBe(1);
      expect(source.fileRows).toBe(6);
      expect(source.classes).toEqual(['no', 'yes']);
      expect(source.positiveClass).toBe('yes');
      expect(source.featureNames).toEqual(['x', 'color=green', 'color=red']);
      expect(notes[0]).toMatch(/column "color" is not numeric; .*3 levels, reference "blue"/);
      // x, color code, label code, weight: 4 doubles per kept row.
      expect(source.cacheBytes).toBe(5 * 4 * 8);
      // A chunk is valid until the next one (the buffers are reused): copy each as it comes.
      const chunks = [];
      for (const c of source.chunks()) {
        chunks.push({
          X: Array.from(c.X.data),
          y: Array.from(c.y),
          s: Array.from(c.sampleWeight!),
        });
      }
      expect(chunks).toEqual([
        { X: [1.5, 0, 1, 2, 0, 0], y: [1, 0], s: [1, 2] },
        { X: [-1, 0, 1, 0.25, 0, 0], y: [0, 1], s: [0.5, 1] },
        { X: [3, 1, 0], y: [0], s: [1] },
      ]);
    } finally {
      source.close();
    }
    expect(existsSync(source.cacheFile)).toBe(false);
    expect(existsSync(dirname(source.cacheFile))).toBe(false);
  });

  it('keeps a named cache, and numeric labels stay numbers', async () => {
    const file = temp.file('b.csv', 'a,y\n1,0\n2,1\n3,0\n4,1\n');
    const cacheFile = join(temp.folder, 'b.cache');
    const source = await csvCacheSource(file, { target: 'y', cacheFile, positiveClass: '0' });
    source.close();
    // The rows (a, label code: 2 doubles each), then the trailer: JSON, its length, "LRCACHE1".
    const bytes = readFileSync(cacheFile);
    const jsonLength = bytes.readUInt32LE(bytes.length - 12);
    expect(bytes.toString('latin1', bytes.length - 8)).toBe('LRCACHE1');
    expect(bytes.length).toBe(4 * 2 * 8 + jsonLength + 12);
    expect(source.classes).toEqual([0, 1]);
    expect(source.positiveClass).toBe(0);
    const model = trainStream(source, { penalty: 'l2' });
    expect(model.positiveClass).toBe(0);
  });

  it('reuses a named cache of the unchanged file without parsing it, and rebuilds a stale one', async () => {
    const file = temp.file('r.csv', 'a,b,y\n1,5,0\n2,6,1\n3,7,0\n4,9,1\n');
    const cacheFile = join(temp.folder, 'r.cache');
    const first = await csvCacheSource(file, { target: 'y', cacheFile });
    first.close();
    const firstRows = rowsOf(first);
    expect(firstRows).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
      [4, 9],
    ]);
    // Same size and modification time but other digits: a reused cache still holds the old rows,
    // which proves the parse was skipped.
    const { atime, mtime, size } = statSync(file);
    writeFileSync(file, 'a,b,y\n8,5,0\n2,6,1\n3,7,0\n4,9,1\n');
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(size);
    const notes: string[] = [];
    const reused = await csvCacheSource(file, {
      target: 'y',
      cacheFile,
      onNote: (n) => notes.push(n),
    });
    expect(notes).toEqual([`reusing the row cache "${cacheFile}" (${file} is unchanged)`]);
    expect(rowsOf(reused)).toEqual(firstRows);
    expect(reused.rows).toBe(4);
    expect(reused.featureNames).toEqual(['a', 'b']);
    // A later modification time makes it stale: rebuilt from the file as it is now.
    utimesSync(file, atime, new Date(mtime.getTime() + 5000));
    notes.length = 0;
    const rebuilt = await csvCacheSource(file, {
      target: 'y',
      cacheFile,
      onNote: (n) => notes.push(n),
    });
    expect(notes[0]).toMatch(
      /row cache .* is stale \(".*r\.csv" changed since it was made\); rebuilding it/,
    );
    expect(rowsOf(rebuilt)[0]).toEqual([8, 5]);
    // Other column options: rebuilt too (b left out).
    notes.length = 0;
    const fewer = await csvCacheSource(file, {
      target: 'y',
      exclude: ['b'],
      cacheFile,
      onNote: (n) => notes.push(n),
    });
    expect(notes[0]).toMatch(/stale \(it was made with other column or read options\)/);
    expect(rowsOf(fewer)).toEqual([[8], [2], [3], [4]]);
  });

  it('refuses to overwrite a --cache file that is no row cache', async () => {
    const file = temp.file('n.csv', 'a,y\n1,0\n2,1\n');
    const cacheFile = temp.file('notes.txt', 'my notes, not a cache\n');
    await expect(csvCacheSource(file, { target: 'y', cacheFile })).rejects.toThrow(
      /--cache ".*notes\.txt" exists and is not a logreg row cache/,
    );
    expect(readFileSync(cacheFile, 'utf8')).toBe('my notes, not a cache\n');
  });

  it('names the line of a missing value or of text in a numeric column, and leaves no cache', async () => {
    const missing = temp.file('c.csv', csv);
    await expect(csvCacheSource(missing, { target: 'label' })).rejects.toThrow(
      /line 4, column "x": missing value/,
    );
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2}`);
    rows.push('oops,1');
    const text = temp.file('d.csv', ['a,y', ...rows].join('\n'));
    const error = await csvCacheSource(text, { target: 'y', batchRows: 8 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/line 32, column "a": expected a number, got "oops"/);
    const cacheFile = join(temp.folder, 'd.cache');
    await expect(csvCacheSource(text, { target: 'y', batchRows: 8, cacheFile })).rejects.toThrow();
    expect(existsSync(cacheFile)).toBe(false);
  });

  it('plain numbers take the byte parser, others the general reader: the same rows either way', async () => {
    const lines = ['a, b ,y,w'];
    for (let i = 0; i < 50; i++)
      lines.push(`${i * 0.1},${(i * 7) % 11}e-1,${i % 3 === 0 ? 1 : 0},${1 + (i % 4)}`);
    const plain = temp.file('e.csv', lines.join('\r\n'));
    lines[45] = '4.4,NA,1,2';
    const late = temp.file('f.csv', lines.join('\n'));
    const read = async (file: string, extra: object): Promise<number[][]> => {
      const source = await csvCacheSource(file, {
        target: 'y',
        weights: 'w',
        batchRows: 8,
        chunkBytes: 1 << 20,
        dropMissing: true,
        ...extra,
      });
      const rows: number[][] = [];
      for (const c of source.chunks()) {
        for (let i = 0; i < c.X.rows; i++) {
          rows.push([c.X.data[2 * i]!, c.X.data[2 * i + 1]!, c.y[i]!, c.sampleWeight![i]!]);
        }
      }
      source.close();
      return rows;
    };
    const fast = await read(plain, {});
    const general = await read(plain, { naValues: [] });
    expect(fast).toHaveLength(50);
    expect(fast).toEqual(general);
    // NA on line 46: the byte parser gives up after some batches; the general reader starts over.
    const fallback = await read(late, {});
    expect(fallback).toEqual(general.filter((_, i) => i !== 44));
  });
});

/** The feature rows of a source, one pass. */
function rowsOf(source: {
  chunks(): Iterable<{ X: { rows: number; cols: number; data: Float64Array } }>;
}): number[][] {
  const rows: number[][] = [];
  for (const { X } of source.chunks()) {
    for (let i = 0; i < X.rows; i++)
      rows.push(Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
  }
  return rows;
}
