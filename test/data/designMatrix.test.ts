import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/data/column.js';
import type { Table } from '../../src/data/column.js';
import { completeRows, findMissing } from '../../src/data/completeRows.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import {
  buildDesignMatrix,
  featureNamesOf,
  fitEncodings,
  sortLevels,
} from '../../src/data/designMatrix.js';
import { distinctLabels, indicatorOf, readLabels } from '../../src/data/targetLabels.js';

/** A table from rows of cells, as the CSV reader would build it (row i on line i + 2). */
function tableOf(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const builders = header.map((name) => new ColumnBuilder(name));
  for (const row of rows) row.forEach((cell, j) => builders[j]!.push(cell));
  return Object.freeze({
    file: 'test.csv',
    format: 'csv' as const,
    rowCount: rows.length,
    columns: Object.freeze(builders.map((b) => Object.freeze(b.finish()))),
    lines: Uint32Array.from(rows, (_, i) => i + 2),
  });
}

function rowsOf(matrix: { rows: number; cols: number; data: Float64Array }): number[][] {
  return Array.from({ length: matrix.rows }, (_, i) =>
    Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)),
  );
}

const cars = tableOf(
  ['mpg', 'cyl', 'colour', 'y'],
  [
    ['21', '6', 'red', '1'],
    ['22.8', '4', 'blue', '1'],
    ['18.7', '8', 'red', '0'],
    ['14.3', '8', 'green', '0'],
    ['24.4', '4.0', 'blue', '1'],
  ],
);

describe('fitEncodings and buildDesignMatrix: R treatment contrasts', () => {
  it('with an intercept, drops the first sorted level of each categorical column', () => {
    const { encodings, notes } = fitEncodings(cars, {
      features: ['mpg', 'cyl', 'colour'],
      categorical: ['cyl'],
      fitIntercept: true,
    });
    expect(encodings).toEqual([
      { column: 'mpg', kind: 'numeric' },
      { column: 'cyl', kind: 'categorical', levels: ['4', '6', '8'], reference: '4' },
      {
        column: 'colour',
        kind: 'categorical',
        levels: ['blue', 'green', 'red'],
        reference: 'blue',
      },
    ]);
    expect(featureNamesOf(encodings)).toEqual([
      'mpg',
      'cyl=6',
      'cyl=8',
      'colour=green',
      'colour=red',
    ]);
    // colour was not named categorical: a note says it is treated so; cyl was named: no note.
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /column "colour" is not numeric \("red" on line 2\).*3 levels, reference "blue"/,
    );
    expect(rowsOf(buildDesignMatrix(cars, encodings))).toEqual([
      [21, 1, 0, 0, 1],
      [22.8, 0, 0, 0, 0],
      [18.7, 0, 1, 0, 1],
      [14.3, 0, 1, 1, 0],
      [24.4, 0, 0, 0, 0],
    ]);
  });

  it('without an intercept, codes every level of the first categorical column only (as R)', () => {
    const { encodings } = fitEncodings(cars, {
      features: ['cyl', 'colour'],
      categorical: ['cyl'],
      fitIntercept: false,
    });
    expect(featureNamesOf(encodings)).toEqual([
      'cyl=4',
      'cyl=6',
      'cyl=8',
      'colour=green',
      'colour=red',
    ]);
    expect(rowsOf(buildDesignMatrix(cars, encodings))[0]).toEqual([0, 1, 0, 0, 1]);
  });

  it('sorts numeric levels numerically and text levels by code unit', () => {
    expect(sortLevels(['10', '9', '-1', '2.5'])).toEqual(['-1', '2.5', '9', '10']);
    expect(sortLevels(['b', 'B', 'a', '10', '9'])).toEqual(['10', '9', 'B', 'a', 'b']);
  });

  it('learns levels from the selected rows only', () => {
    const { encodings } = fitEncodings(cars, {
      features: ['colour'],
      fitIntercept: true,
      rows: Uint32Array.from([0, 2, 3]),
    });
    expect(encodings[0]).toMatchObject({ levels: ['green', 'red'], reference: 'green' });
  });

  it('builds only the selected rows', () => {
    const { encodings } = fitEncodings(cars, { features: ['mpg'], fitIntercept: true });
    expect(rowsOf(buildDesignMatrix(cars, encodings, Uint32Array.from([4, 1])))).toEqual([
      [24.4],
      [22.8],
    ]);
  });

  it('an unseen level at prediction is an error naming line, column and value', () => {
    const { encodings } = fitEncodings(cars, { features: ['colour'], fitIntercept: true });
    const other = tableOf(['colour'], [['red'], ['purple']]);
    expect(() => buildDesignMatrix(other, encodings)).toThrow(
      /test\.csv: line 3, column "colour": level "purple" was not seen in training \(levels: "blue", "green", "red"\)/,
    );
  });

  it('a reference level at prediction codes as all zeros; 4.0 is the level 4', () => {
    const { encodings } = fitEncodings(cars, {
      features: ['cyl'],
      categorical: ['cyl'],
      fitIntercept: true,
    });
    const other = tableOf(['cyl'], [['4.0'], ['8']]);
    expect(rowsOf(buildDesignMatrix(other, encodings))).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  it('names every missing feature column, and an absent training column', () => {
    const { encodings } = fitEncodings(cars, { features: ['mpg', 'cyl'], fitIntercept: true });
    const other = tableOf(['y'], [['1']]);
    expect(() => buildDesignMatrix(other, encodings)).toThrow(
      /no columns "mpg", "cyl" in the header/,
    );
    expect(() => fitEncodings(cars, { features: ['weight'], fitIntercept: true })).toThrow(
      /test\.csv: line 1: no column "weight" in the header \(the file has 4: mpg, cyl, colour, y\)/,
    );
  });

  it('text in a numeric column and a missing cell are errors naming line and column', () => {
    const { encodings } = fitEncodings(cars, { features: ['mpg'], fitIntercept: true });
    expect(() => buildDesignMatrix(tableOf(['mpg'], [['1'], ['fast']]), encodings)).toThrow(
      /line 3, column "mpg": expected a number, got "fast"/,
    );
    expect(() => buildDesignMatrix(tableOf(['mpg'], [['1'], ['NA']]), encodings)).toThrow(
      /line 3, column "mpg": missing value/,
    );
  });

  it('notes a single-level column, and advises on a column with very many levels', () => {
    const many = tableOf(
      ['id', 'one'],
      Array.from({ length: 150 }, (_, i) => [`id${i}`, 'same']),
    );
    const { notes, advice } = fitEncodings(many, { features: ['id', 'one'], fitIntercept: true });
    expect(advice.some((n) => /"id" has 150 levels/.test(n))).toBe(true);
    expect(notes.some((n) => /"one" has a single level "same": it adds no feature/.test(n))).toBe(
      true,
    );
  });

  it('property: each categorical row has at most one 1, and exactly one without an intercept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', '1', '2'), { minLength: 1, maxLength: 30 }),
        (cells) => {
          const table = tableOf(
            ['g'],
            cells.map((c) => [c]),
          );
          for (const fitIntercept of [true, false]) {
            const { encodings } = fitEncodings(table, {
              features: ['g'],
              categorical: ['g'],
              fitIntercept,
            });
            const X = buildDesignMatrix(table, encodings);
            for (const row of rowsOf(X)) {
              const ones = row.reduce((a, b) => a + b, 0);
              if (fitIntercept) expect(ones).toBeLessThanOrEqual(1);
              else expect(ones).toBe(1);
            }
          }
        },
      ),
    );
  });
});

describe('missing values', () => {
  const table = tableOf(
    ['a', 'b', 'y'],
    [
      ['1', '2', '0'],
      ['NA', '2', '1'],
      ['3', '', '0'],
      ['4', '?', '1'],
      ['5', '6', 'NaN'],
    ],
  );

  it('findMissing gives the first missing cell by row', () => {
    expect(findMissing(table, ['b', 'a', 'y'])).toEqual({ row: 1, column: 'a' });
    expect(findMissing(table, ['b'])).toEqual({ row: 2, column: 'b' });
    expect(findMissing(table, ['nope'])).toBeUndefined();
  });

  it('completeRows keeps the rows without a missing cell in the named columns', () => {
    const { rows, dropped } = completeRows(table, ['a', 'b', 'y']);
    expect(Array.from(rows)).toEqual([0]);
    expect(dropped).toBe(4);
    expect(Array.from(completeRows(table, ['a']).rows)).toEqual([0, 2, 3, 4]);
  });
});

describe('target labels', () => {
  it('are numbers for a numeric column and text otherwise', () => {
    const table = tableOf(
      ['n', 't'],
      [
        ['1', 'yes'],
        ['0.0', 'no'],
        ['1', 'yes'],
      ],
    );
    const all = Uint32Array.from([0, 1, 2]);
    expect(readLabels(table, table.columns[0]!, all)).toEqual([1, 0, 1]);
    expect(readLabels(table, table.columns[1]!, all)).toEqual(['yes', 'no', 'yes']);
    expect(distinctLabels([1, 0, 1, 10, 2])).toEqual([0, 1, 2, 10]);
    expect(distinctLabels(['yes', 'no'])).toEqual(['no', 'yes']);
  });

  it('indicatorOf maps to 0/1 against the model classes and names an unknown label', () => {
    const table = tableOf(['y'], [['M'], ['B'], ['M']]);
    const all = Uint32Array.from([0, 1, 2]);
    expect(Array.from(indicatorOf(table, table.columns[0]!, all, ['B', 'M'], 'M'))).toEqual([
      1, 0, 1,
    ]);
    expect(Array.from(indicatorOf(table, table.columns[0]!, all, ['B', 'M'], 'B'))).toEqual([
      0, 1, 0,
    ]);
    const numeric = tableOf(['y'], [['1.0'], ['0']]);
    expect(
      Array.from(indicatorOf(numeric, numeric.columns[0]!, Uint32Array.from([0, 1]), [0, 1], 1)),
    ).toEqual([1, 0]);
    expect(() => indicatorOf(table, table.columns[0]!, all, [0, 1], 1)).toThrow(DataFileError);
    expect(() => indicatorOf(table, table.columns[0]!, all, [0, 1], 1)).toThrow(
      /line 2, column "y": label "M" is not one of the model's classes \("0", "1"\)/,
    );
  });
});

describe('buildDesignMatrix in row blocks', () => {
  // 1,300 rows cross the 512-row blocks; a subset of rows and a categorical column too.
  const levels = ['a', 'b', 'c'];
  const n = 1300;
  const header = ['u', 'g', 'v'];
  const cells = Array.from({ length: n }, (_, i) => [
    String((i * 37) % 101) + '.25',
    levels[(i * 7) % 3]!,
    String(-i),
  ]);
  const table = tableOf(header, cells);
  const { encodings } = fitEncodings(table, { features: header, fitIntercept: true });

  it('every cell lands where the per-cell definition puts it, for all rows and for a subset', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 900 }),
        (picked) => {
          const rows = Uint32Array.from(picked.sort((a, b) => a - b));
          for (const subset of [undefined, rows]) {
            const X = buildDesignMatrix(table, encodings, subset);
            const chosen = subset === undefined ? cells.map((_, i) => i) : picked;
            expect(rowsOf(X)).toEqual(
              chosen.map((i) => [
                Number(cells[i]![0]),
                cells[i]![1] === 'b' ? 1 : 0,
                cells[i]![1] === 'c' ? 1 : 0,
                Number(cells[i]![2]),
              ]),
            );
          }
        },
      ),
      { seed: 12, numRuns: 20 },
    );
  });

  it('fills the matrix that `allocate` makes, of the rows × features asked for', () => {
    const asked: [number, number][] = [];
    const X = buildDesignMatrix(table, encodings, undefined, (rows, cols) => {
      asked.push([rows, cols]);
      return { rows, cols, data: new Float64Array(rows * cols) };
    });
    expect(asked).toEqual([[n, 4]]);
    // Row 1000: u = (1000·37 mod 101) + 0.25 = 34.25, g = levels[7000 mod 3] = "b".
    expect(rowsOf(X)[1000]).toEqual([34.25, 1, 0, -1000]);
  });

  it('names the first bad row of the first block that has one', () => {
    const bad = cells.map((row) => [...row]);
    bad[900]![2] = 'oops';
    bad[1200]![0] = 'NA';
    const badTable = tableOf(header, bad);
    expect(() => buildDesignMatrix(badTable, [...encodings])).toThrow(/line 902/);
  });
});
