import { open, stat } from 'node:fs/promises';
import { OptionError } from '../errors.js';
import { ColumnBuilder } from '../data/column.js';
import type { Column, Table } from '../data/column.js';
import { DataFileError } from '../data/dataFileError.js';
import { defaultMaxFeatures, LibsvmParser } from '../data/libsvmParser.js';
import type { LibsvmRows } from '../data/libsvmParser.js';
import { defaultMaxLineLength, defaultMaxRows, lineTooLong } from '../data/readLimits.js';
import {
  fileSystemError,
  isGzipHead,
  openDataStream,
  shownName,
  standardInput,
} from './openDataStream.js';
import { defaultMaxColumns } from './readCsv.js';
import type { ReadLimits, ReadProgress } from '../data/readLimits.js';
import { libsvmDataOf, libsvmFeatureName, libsvmLabelColumn } from '../data/libsvmData.js';
import type { LibsvmData } from '../data/libsvmData.js';

/** Options of {@link readLibsvm} and {@link readLibsvmSparse}. */
export interface LibsvmReadOptions extends ReadLimits {
  /** Make at least this many feature columns (a model's count: a file may not use the last ones). */
  readonly minFeatures?: number;
  /**
   * The largest feature index accepted, 1 … 2³¹ − 1 (default {@link defaultMaxFeatures}, 10⁷): a
   * larger index is a {@link DataFileError} naming the line, before any memory is sized by it.
   */
  readonly maxFeatures?: number;
  readonly onProgress?: ReadProgress;
}

/**
 * The largest table (rows × features) that {@link readLibsvm} makes dense: 2²⁸ doubles take
 * 2 GiB. {@link readLibsvmSparse} has no such limit.
 */
const maxDenseEntries = 2 ** 28;

/**
 * Reads a LIBSVM / SVMlight file (`label index:value index:value … # comment`, indices 1-based),
 * streaming, straight into a CSR `SparseMatrix`: 12 bytes per stored entry, whatever the
 * number of features. Indices out of order within a line are sorted; `qid:` tokens are skipped;
 * blank and comment-only lines are skipped; explicit zeros are kept as stored entries. A gzipped
 * file is decompressed. Plain ASCII lines are parsed from the bytes without a string per token
 * (see {@link LibsvmParser}). X has as many columns as the largest index (or `minFeatures`),
 * however few of them are used; `logreg train` keeps only the columns that some row uses.
 *
 * @throws {DataFileError} naming the file and line: a label or value that is not a number, an
 *   index that is not a positive integer (or above `maxFeatures`), a token without `:`, an index given
 *   twice, an empty file, binary data.
 * @example
 * const { X, labels } = await readLibsvmSparse('rcv1.svm.gz');
 * const model = train(X, Array.from(labels));
 */
export async function readLibsvmSparse(
  file: string,
  options: LibsvmReadOptions = {},
): Promise<LibsvmData> {
  return libsvmDataOf(
    shownName(file),
    await readLibsvmRows(file, options),
    options.minFeatures ?? 0,
  );
}

/**
 * Reads a LIBSVM file, as {@link readLibsvmSparse}, into a dense table: a `label` column and
 * feature columns `x1 … xd` where d is the largest index (or `minFeatures`); absent features
 * are 0. For small files and code that works on columns; large files want the sparse reader.
 * `maxColumns` (default 100,000, as for CSV) bounds d: every column costs memory and time.
 *
 * @throws {DataFileError} as {@link readLibsvmSparse}, d above `maxColumns`, or a table too
 *   large to hold densely.
 */
export async function readLibsvm(
  file: string,
  options: LibsvmReadOptions & { readonly maxColumns?: number } = {},
): Promise<Table> {
  const maxColumns = options.maxColumns ?? defaultMaxColumns;
  if (!(Number.isInteger(maxColumns) && maxColumns >= 1)) {
    throw new OptionError(
      `readLibsvm: maxColumns must be a positive integer, got ${String(maxColumns)}`,
    );
  }
  const data = await readLibsvmRows(file, options);
  const { rows, indptr, indices, values } = data;
  const features = Math.max(data.maxIndex, options.minFeatures ?? 0);
  if (features > maxColumns) {
    // A column costs an object and a name whatever it holds: 10⁷ of them took minutes and GBs.
    throw new DataFileError(
      file,
      undefined,
      `the largest feature index, ${features}, would make a table of more than ${maxColumns} ` +
        'columns: raise the limit (--max-columns, option maxColumns), or read the file as a ' +
        'sparse matrix (readLibsvmSparse)',
    );
  }
  if (rows * features > maxDenseEntries) {
    throw new DataFileError(
      shownName(file),
      undefined,
      `${rows} rows × ${features} features is too large to hold as a dense matrix`,
    );
  }
  const label = new ColumnBuilder(libsvmLabelColumn);
  for (let i = 0; i < rows; i++) label.pushNumber(data.labels[i]);
  const columns: Column[] = [label.finish()];
  const dense: Float64Array[] = [];
  for (let j = 0; j < features; j++) dense.push(new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) dense[indices[k]][i] = values[k];
  }
  for (let j = 0; j < features; j++) {
    columns.push({
      name: libsvmFeatureName(j + 1),
      numbers: dense[j]!,
      text: undefined,
      missingRows: [],
    });
  }
  return { file: shownName(file), format: 'libsvm', rowCount: rows, columns, lines: data.lines };
}

/**
 * Streams the file through the parser, whole lines at a time (a line cut by a chunk's end is
 * carried over). A plain file is read in large chunks straight from disk, the parser doing the
 * binary-data check; a gzipped one goes through {@link openDataStream}.
 */
async function readLibsvmRows(file: string, options: LibsvmReadOptions): Promise<LibsvmRows> {
  const { onProgress } = options;
  const maxFeatures = options.maxFeatures ?? defaultMaxFeatures;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1 || maxFeatures > 2 ** 31 - 1) {
    throw new OptionError(
      `readLibsvm: maxFeatures must be an integer in [1, 2147483647], got ${String(maxFeatures)}`,
    );
  }
  const maxLineLength = options.maxLineLength ?? defaultMaxLineLength;
  const maxRows = options.maxRows ?? defaultMaxRows;
  if (!(Number.isInteger(maxRows) && maxRows >= 1)) {
    throw new OptionError(`readLibsvm: maxRows must be a positive integer, got ${String(maxRows)}`);
  }
  const name = shownName(file);
  const parser = new LibsvmParser(name, maxFeatures, maxLineLength, maxRows);
  try {
    // A regular plain file is read in large positioned chunks; a FIFO, a pipe or standard input
    // cannot seek (nor be opened twice), so it goes through the sequential stream.
    const regular = file !== standardInput && (await stat(file)).isFile();
    if (regular && !(await isGzip(file))) {
      return await readPlain(file, parser, maxLineLength, onProgress);
    }
  } catch (error) {
    throw error instanceof DataFileError ? error : fileSystemError(file, error);
  }
  const data = await openDataStream(file, onProgress, options);
  try {
    // A line cut by a chunk's end waits in `pending` until a chunk brings its newline, then is
    // joined once: joining at every chunk made a long line cost quadratic time.
    let pending: Buffer[] = [];
    for await (const chunk of data.readable as AsyncIterable<Buffer>) {
      const last = chunk.lastIndexOf(NL);
      if (last < 0) {
        pending.push(chunk);
        continue;
      }
      if (pending.length === 0) {
        parser.parseLines(chunk, 0, last + 1);
      } else {
        pending.push(chunk.subarray(0, last + 1));
        const buf = Buffer.concat(pending);
        parser.parseLines(buf, 0, buf.length);
      }
      pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    }
    if (pending.length > 0) {
      const buf = Buffer.concat([...pending, Buffer.from([NL])]);
      parser.parseLines(buf, 0, buf.length);
    }
  } catch (error) {
    throw error instanceof DataFileError ? error : fileSystemError(name, error);
  } finally {
    await data.close();
  }
  return parser.finish();
}

const NL = 0x0a;
/** Bytes read from disk at a time by {@link readPlain}. */
const plainChunk = 1 << 24;

/** True when the file's name ends in `.gz` or it starts with the gzip magic bytes. */
async function isGzip(file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith('.gz')) return true;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return isGzipHead(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function readPlain(
  file: string,
  parser: LibsvmParser,
  maxLineLength: number,
  onProgress: ReadProgress | undefined,
): Promise<LibsvmRows> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    let buf = Buffer.allocUnsafe(Math.min(plainChunk, size) + 1);
    let carry = 0; // bytes of a cut line at the start of buf
    let position = 0;
    for (;;) {
      if (carry === buf.length - 1) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, carry, buf.length - 1 - carry, position);
      position += bytesRead;
      onProgress?.(position, size);
      const filled = carry + bytesRead;
      if (bytesRead === 0) {
        if (filled > 0) {
          buf[filled] = NL; // the last line has no newline
          parser.parseLines(buf, 0, filled + 1);
        }
        break;
      }
      const last = buf.lastIndexOf(NL, filled - 1);
      if (last < 0) {
        if (filled > maxLineLength) throw lineTooLong(file, parser.nextLine, maxLineLength);
        carry = filled;
        continue;
      }
      parser.parseLines(buf, 0, last + 1);
      carry = filled - last - 1;
      buf.copy(buf, 0, last + 1, filled);
    }
  } finally {
    await handle.close();
  }
  return parser.finish();
}
