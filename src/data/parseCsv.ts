import type { DelimiterOptions } from './chooseDelimiter.js';
import type { Table } from './column.js';
import { CsvByteReader } from './csvByteReader.js';
import { CsvTable } from './csvTable.js';
import type { CsvTableOptions } from './csvTable.js';
import { defaultMaxLineLength, defaultMaxRows } from './readLimits.js';
import type { ReadLimits } from './readLimits.js';
import { TextCheck } from './textCheck.js';

/** Options of {@link parseCsv}: those of `readCsv` but for progress and gzip. */
export interface CsvParseOptions
  extends CsvTableOptions, DelimiterOptions, Pick<ReadLimits, 'maxLineLength' | 'maxRows'> {
  /** The file's name, for messages and the delimiter's default (`.tsv`: tabs). Default `data.csv`. */
  readonly name?: string;
}

/**
 * Reads CSV bytes held in memory (a file dropped on a web page, a `fetch`) into columns, as
 * `readCsv` of `logreg/node` reads a file, by the same code: RFC 4180 quoting, cells trimmed,
 * a UTF-8 byte-order mark dropped, LF/CRLF/CR line ends, empty lines skipped and counted, the
 * delimiter chosen from the header line, missing-value tokens, the same limits and errors
 * (messages name `options.name`). Gzipped bytes are not decompressed (in a browser, pipe them
 * through `DecompressionStream('gzip')` first): they fail as binary data.
 *
 * @throws {DataFileError} naming the line: binary data, an empty file, a header without rows,
 *   a duplicate column name, a row of another field count, a quoting error, a limit exceeded.
 * @example
 * const table = parseCsv(new Uint8Array(await droppedFile.arrayBuffer()), { name: droppedFile.name });
 */
export function parseCsv(bytes: Uint8Array, options: CsvParseOptions = {}): Table {
  const name = options.name ?? 'data.csv';
  const error = new TextCheck(name, options.maxLineLength ?? defaultMaxLineLength).check(bytes);
  if (error !== undefined) throw error;
  const state = new CsvTable(name, options, options.maxRows ?? defaultMaxRows);
  const reader = new CsvByteReader(name, options, state);
  try {
    reader.write(bytes);
    reader.end();
  } catch (caught) {
    throw state.explain(caught) ?? caught;
  }
  return state.finish();
}
