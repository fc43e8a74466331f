import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordBatch } from 'apache-arrow';
import { Table as ArrowTable, tableFromArrays, tableToIPC, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { rowKey } from '../../src/data/column.js';
import type { Table } from '../../src/data/column.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { buildDesignMatrix } from '../../src/data/designMatrix.js';
import { train } from '../../src/model/train.js';
import { readArrow, readArrowBatches } from '../../src/node/readArrow.js';
import { readTable } from '../../src/node/readTable.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder('logreg-arrow-');
afterAll(() => temp.cleanup());
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** The CSV table's columns as one Arrow table (Float64 columns). */
function arrowOf(table: Table): ArrowTable {
  return tableFromArrays(
    Object.fromEntries(table.columns.map((c) => [c.name, Float64Array.from(c.numbers)])),
  );
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(temp.folder, name);
  writeFileSync(path, bytes);
  return path;
}

describe('readArrow', () => {
  it('an IPC file and an IPC stream of pima read value for value as its CSV, float64 without a copy', async () => {
    const csv = await readTable(fixture('pima.csv'));
    const arrow = arrowOf(csv);
    for (const [name, format] of [
      ['pima.arrow', 'file'],
      ['pima.arrows', 'stream'],
    ] as const) {
      const table = await readArrow(write(name, tableToIPC(arrow, format)));
      expect(table.rowCount).toBe(768);
      expect(table.file).toBe(join(temp.folder, name));
      expect(table.columns.map((c) => c.name)).toEqual(csv.columns.map((c) => c.name));
      table.columns.forEach((column, j) => {
        expect(column.numbers).toEqual(csv.columns[j]!.numbers);
        expect(column.missingRows).toEqual([]);
        // A view into the bytes read: the buffer holds the whole file, not this column alone.
        expect(column.numbers.buffer.byteLength).toBeGreaterThan(column.numbers.byteLength);
      });
      expect(table.lines[767]).toBe(768);
    }
  });

  it('a model fitted from the Arrow file equals the one from the CSV, bit for bit', async () => {
    const csv = await readTable(fixture('pima.csv'));
    const table = await readArrow(write('fit.arrow', tableToIPC(arrowOf(csv), 'file')));
    const features = csv.columns
      .filter((c) => c.name !== 'y')
      .map((c) => ({ column: c.name, kind: 'numeric' as const }));
    const fit = (t: Table) =>
      train(
        buildDesignMatrix(t, features),
        Array.from(t.columns.find((c) => c.name === 'y')!.numbers),
      );
    const fromCsv = fit(csv);
    const fromArrow = fit(table);
    expect(Array.from(fromArrow.coefficients)).toEqual(Array.from(fromCsv.coefficients));
    expect(fromArrow.intercept).toBe(fromCsv.intercept);
  });

  it('nulls are missing, strings follow the missing-value tokens (and naValues)', async () => {
    const arrow = new ArrowTable({
      x: vectorFromArray([1.5, null, 3, 4]),
      s: vectorFromArray(['a', null, 'NA', '-999']),
    });
    const path = write('nulls.arrow', tableToIPC(arrow, 'file'));
    const table = await readArrow(path);
    expect(table.columns.map((c) => c.missingRows)).toEqual([[1], [1, 2]]);
    expect(Array.from(table.columns[0]!.numbers)).toEqual([1.5, NaN, 3, 4]);
    const withNa = await readArrow(path, { naValues: ['-999'] });
    expect(withNa.columns[1]!.missingRows).toEqual([1, 2, 3]);
    expect(rowKey(withNa.columns[1]!, 0)).toBe('a');
  });

  it('not Arrow data, no such file, and no rows are errors naming the file', async () => {
    const bad = write('bad.arrow', new TextEncoder().encode('x,y\n1,2\n'));
    await expect(readArrow(bad)).rejects.toThrow(DataFileError);
    await expect(readArrow(bad)).rejects.toThrow(/bad\.arrow.*not readable Arrow IPC data/);
    await expect(readArrow(join(temp.folder, 'absent.arrow'))).rejects.toThrow(/no such file/);
    const empty = write(
      'empty.arrow',
      tableToIPC(tableFromArrays({ x: new Float64Array(0) }), 'file'),
    );
    await expect(readArrow(empty)).rejects.toThrow(/no rows/);
  });
});

describe('readArrowBatches', () => {
  it('hands over one table per record batch, lines continuing, values those of the stream', async () => {
    const parts = [0, 1, 2].map((b) =>
      tableFromArrays({
        x: Float64Array.from({ length: 4 + b }, (_, i) => 10 * b + i + 0.5),
        k: Int32Array.from({ length: 4 + b }, (_, i) => i % 2),
      }),
    );
    const batches = parts.flatMap((t) => t.batches) as RecordBatch[];
    const stream = write('three.arrows', tableToIPC(new ArrowTable(batches), 'stream'));
    const seen: { rows: number; first: number; x: number[]; k: number[] }[] = [];
    await readArrowBatches(stream, {}, async (table) => {
      seen.push({
        rows: table.rowCount,
        first: table.lines[0]!,
        x: Array.from(table.columns[0]!.numbers),
        k: Array.from(table.columns[1]!.numbers),
      });
      await Promise.resolve();
    });
    expect(seen.map((s) => [s.rows, s.first])).toEqual([
      [4, 1],
      [5, 5],
      [6, 10],
    ]);
    expect(seen[2]!.x).toEqual([20.5, 21.5, 22.5, 23.5, 24.5, 25.5]);
    expect(seen[1]!.k).toEqual([0, 1, 0, 1, 0]);
  });

  it('not Arrow data is an error naming the file', async () => {
    const bad = write('bad.arrows', new TextEncoder().encode('not arrow at all'));
    await expect(readArrowBatches(bad, {}, () => Promise.resolve())).rejects.toThrow(
      /bad\.arrows.*not readable Arrow IPC data/,
    );
  });
});
