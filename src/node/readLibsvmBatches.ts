import { OptionError } from '../errors.js';
import { DataFileError } from '../data/dataFileError.js';
import { defaultMaxFeatures, LibsvmParser } from '../data/libsvmParser.js';
import type { LibsvmRows } from '../data/libsvmParser.js';
import { libsvmDataOf } from '../data/libsvmData.js';
import { defaultMaxLineLength } from '../data/readLimits.js';
import { fileSystemError, openDataStream, shownName } from './openDataStream.js';
import type { LibsvmData } from '../data/libsvmData.js';
import type { LibsvmReadOptions } from './readLibsvm.js';

/** Options of {@link readLibsvmBatches}: those of `readLibsvmSparse` and the batch size. */
export interface LibsvmBatchOptions extends LibsvmReadOptions {
  /** Rows per batch (about: a batch ends at a chunk boundary); default 8192. */
  readonly batchRows?: number;
}

const NL = 0x0a;

/**
 * Reads a LIBSVM file as `readLibsvmSparse` does (same grammar, limits and errors), but hands
 * the rows over in CSR batches of about `batchRows` rows as they are read, waiting for `onBatch`
 * before reading on: memory stays bounded by the batch (and the longest line), and the first rows
 * can be used before the file ends (`logreg predict` streams this way). A batch has
 * max(`minFeatures`, its largest index) columns; its `lines` are lines of the whole file. There is
 * no row limit (`maxRows` is ignored): nothing but a batch is kept.
 *
 * @throws {DataFileError} as `readLibsvmSparse`; rows before the problem have been handed over.
 */
export async function readLibsvmBatches(
  file: string,
  options: LibsvmBatchOptions,
  onBatch: (batch: LibsvmData) => Promise<void>,
): Promise<void> {
  const batchRows = options.batchRows ?? 8192;
  const maxFeatures = options.maxFeatures ?? defaultMaxFeatures;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1 || maxFeatures > 2 ** 31 - 1) {
    throw new OptionError(
      `readLibsvmBatches: maxFeatures must be an integer in [1, 2147483647], got ${String(maxFeatures)}`,
    );
  }
  if (!(Number.isInteger(batchRows) && batchRows >= 1)) {
    throw new OptionError(
      `readLibsvmBatches: batchRows must be a positive integer, got ${String(batchRows)}`,
    );
  }
  const name = shownName(file);
  const parser = new LibsvmParser(name, maxFeatures, options.maxLineLength ?? defaultMaxLineLength);
  const minFeatures = options.minFeatures ?? 0;
  let handed = 0;
  let batchError: { error: unknown } | undefined;
  const hand = async (rows: LibsvmRows): Promise<void> => {
    handed += rows.rows;
    try {
      await onBatch(libsvmDataOf(name, rows, minFeatures));
    } catch (error) {
      batchError = { error };
      throw error;
    }
  };
  const data = await openDataStream(file, options.onProgress, options);
  try {
    // As readLibsvmSparse: a line cut by a chunk's end waits in `pending` until its newline.
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
      if (parser.pendingRows >= batchRows) await hand(parser.takeRows());
    }
    if (pending.length > 0) {
      const buf = Buffer.concat([...pending, Buffer.from([NL])]);
      parser.parseLines(buf, 0, buf.length);
    }
    // No row at all: finish() throws the empty-file error of the whole-file reader.
    if (handed === 0) await hand(parser.finish());
    else if (parser.pendingRows > 0) await hand(parser.takeRows());
  } catch (error) {
    // The caller's errors pass unchanged; the reader's are named after the file.
    if (batchError !== undefined || error instanceof DataFileError) throw error;
    throw fileSystemError(name, error);
  } finally {
    await data.close();
  }
}
