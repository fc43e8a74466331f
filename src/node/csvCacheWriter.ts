import { closeSync, openSync, writeSync } from 'node:fs';
import type { Column, Table } from '../data/column.js';
import { rowKey } from '../data/column.js';
import { DataFileError } from '../data/dataFileError.js';
import { columnsByName, missingCell, requireColumns } from '../data/designMatrix.js';
import { UsageError } from '../data/usageError.js';
import { writeCacheTrailer } from './csvCacheFile.js';

/** Which columns a cached CSV keeps, and how (see {@link CsvCacheWriter}). */
export interface CacheColumns {
  readonly target: string;
  readonly features?: readonly string[] | undefined;
  readonly exclude?: readonly string[] | undefined;
  readonly categorical?: readonly string[] | undefined;
  readonly weights?: string | undefined;
  readonly dropMissing?: boolean | undefined;
}

/** A feature column of the cache: numbers, or codes of the levels in order of first sight. */
export interface CachedColumn {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Categorical: the level of each code. */
  readonly levels: string[];
  /** Categorical and not named by --categorical: the column was found to hold text. */
  readonly detected: boolean;
}

/**
 * A column is categorical when more than this share of its non-missing cells (in the first
 * batch) are not numbers, as `fitEncodings` decides on the whole column in memory.
 */
const strayShare = 0.05;

/**
 * The first pass of a streamed fit: CSV batches in, a binary row cache out. Each kept row is
 * `stride` little-endian doubles: the feature columns in order (a number, or a categorical
 * column's level code), the target's label code, then the weight (with --weights). Codes number
 * the levels and labels in order of first sight; the reader maps them once all are known. Rows
 * with a missing value are an error naming the line, or are left out with `dropMissing`.
 */
export class CsvCacheWriter {
  columns: CachedColumn[] = [];
  /** Target labels in order of first sight. */
  readonly labels: string[] = [];
  /** Whether every target cell so far was a number (then the labels are numbers). */
  numericLabels = true;
  rows = 0;
  droppedRows = 0;
  fileRows = 0;
  private readonly fd: number;
  private codes: Map<string, number>[] = [];
  private readonly labelCodes = new Map<string, number>();
  private buffer = new Float64Array(0);
  /** Numeric labels seen (a few) and their codes, to skip making a key per row. */
  private readonly seenNumbers: number[] = [];
  private readonly seenCodes: number[] = [];

  constructor(
    private readonly file: string,
    cachePath: string,
    private readonly spec: CacheColumns,
  ) {
    this.fd = openSync(cachePath, 'w');
  }

  /** Doubles per cached row. */
  get stride(): number {
    return this.columns.length + 1 + (this.spec.weights === undefined ? 0 : 1);
  }

  /**
   * Appends a batch's rows to the cache. The first batch decides the columns and their kinds.
   * @throws {DataFileError} a missing column or cell, text in a numeric column, a bad weight.
   */
  add(table: Table): void {
    if (this.fileRows === 0) this.chooseColumns(table);
    this.fileRows += table.rowCount;
    const byName = columnsByName(table);
    const features = this.columns.map((c) => byName.get(c.name)!);
    const target = byName.get(this.spec.target)!;
    const weights = this.spec.weights === undefined ? undefined : byName.get(this.spec.weights)!;
    if (target.text !== undefined) this.numericLabels = false;
    const stride = this.stride;
    if (this.buffer.length < table.rowCount * stride) {
      this.buffer = new Float64Array(table.rowCount * stride);
    }
    const out = this.buffer;
    const checked = weights === undefined ? [target, ...features] : [target, weights, ...features];
    let n = 0;
    for (let row = 0; row < table.rowCount; row++) {
      if (this.hasMissing(table, row, checked)) {
        this.droppedRows++;
        continue;
      }
      const base = n * stride;
      for (let k = 0; k < features.length; k++) {
        out[base + k] = this.cell(table, row, k, features[k]!);
      }
      out[base + features.length] = this.labelCode(target, row);
      if (weights !== undefined) {
        const s = weights.numbers[row]!;
        if (!(s >= 0 && s < Infinity)) {
          throw new DataFileError(
            this.file,
            table.lines[row],
            `column "${weights.name}": a weight must be a finite number ≥ 0, got "${rowKey(weights, row)}"`,
          );
        }
        out[base + features.length + 1] = s;
      }
      n++;
    }
    writeSync(this.fd, new Uint8Array(out.buffer, 0, n * stride * 8));
    this.rows += n;
  }

  /**
   * Ends the cache with its trailer (see {@link writeCacheTrailer}): the layout, `sourceFile`'s
   * identity and `key`, the options that shaped it, so a later fit may reuse it.
   */
  finish(sourceFile: string, key: string): void {
    writeCacheTrailer(this.fd, this, sourceFile, key);
  }

  /** Closes the cache file. */
  close(): void {
    closeSync(this.fd);
  }

  /** Whether `row` has a missing cell in `columns` (an error unless dropMissing). */
  private hasMissing(table: Table, row: number, columns: readonly Column[]): boolean {
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k]!;
      // rowKey(column, row) === null, without making the key.
      const missing =
        column.text === undefined ? Number.isNaN(column.numbers[row]!) : column.text[row] == null;
      if (!missing) continue;
      if (this.spec.dropMissing === true) return true;
      throw missingCell(table, column.name, row);
    }
    return false;
  }

  /** The code of the target's label on `row` (numbers are compared before making a key). */
  private labelCode(target: Column, row: number): number {
    if (target.text === undefined) {
      const value = target.numbers[row]!;
      const seen = this.seenNumbers.indexOf(value);
      if (seen >= 0) return this.seenCodes[seen]!;
      const code = this.codeOf(String(value));
      if (this.seenNumbers.length < 8) {
        this.seenNumbers.push(value);
        this.seenCodes.push(code);
      }
      return code;
    }
    return this.codeOf(rowKey(target, row)!);
  }

  private codeOf(label: string): number {
    let code = this.labelCodes.get(label);
    if (code === undefined) {
      code = this.labels.length;
      this.labelCodes.set(label, code);
      this.labels.push(label);
    }
    return code;
  }

  /** Feature k's value on `row`: the number, or the level's code. */
  private cell(table: Table, row: number, k: number, column: Column): number {
    const spec = this.columns[k]!;
    if (spec.kind === 'numeric') {
      const value = column.numbers[row]!;
      if (Number.isNaN(value)) {
        throw new DataFileError(
          this.file,
          table.lines[row],
          `column "${column.name}": expected a number, got "${rowKey(column, row)}" (the column's first rows were numbers; name it in --categorical if it is categorical, or in --na-values if the cell means missing)`,
        );
      }
      return value;
    }
    const key = rowKey(column, row)!;
    const codes = this.codes[k]!;
    let code = codes.get(key);
    if (code === undefined) {
      code = spec.levels.length;
      codes.set(key, code);
      spec.levels.push(key);
    }
    return code;
  }

  /** The target, weight and feature columns, from the header, the flags and the first batch. */
  private chooseColumns(table: Table): void {
    const { target, weights, exclude } = this.spec;
    if (weights === target) {
      throw new UsageError(
        `--weights names the target column "${target}"; the weights are another column of non-negative numbers`,
      );
    }
    const names =
      this.spec.features ??
      table.columns
        .map((c) => c.name)
        .filter((name) => name !== target && name !== weights && !(exclude ?? []).includes(name));
    requireColumns(table, [target, ...names, ...(weights === undefined ? [] : [weights])]);
    const byName = columnsByName(table);
    const categorical = new Set(this.spec.categorical ?? []);
    this.columns = names.map((name) => {
      const column = byName.get(name)!;
      const named = categorical.has(name);
      const text = !named && column.text !== undefined && textShare(column) > strayShare;
      return {
        name,
        kind: named || text ? 'categorical' : 'numeric',
        levels: [],
        detected: text,
      };
    });
    this.codes = this.columns.map(() => new Map<string, number>());
  }
}

/** The share of a column's non-missing cells that are not numbers. */
function textShare(column: Column): number {
  let numbers = 0;
  let other = 0;
  for (let row = 0; row < column.numbers.length; row++) {
    if (!Number.isNaN(column.numbers[row]!)) numbers++;
    else if (column.text?.[row] != null) other++;
  }
  return numbers + other === 0 ? 0 : other / (numbers + other);
}
