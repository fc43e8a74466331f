import type { Matrix } from '../linalg/matrix.js';

/** One chunk of rows of a streamed data set: features, 0/1 targets and weights, row for row. */
export interface RowChunk {
  /** The chunk's rows × p features, row-major. */
  readonly X: Matrix;
  /** 0/1 targets, one per row (1: the positive class). */
  readonly y: Float64Array;
  /** Row weights sᵢ ≥ 0, one per row, or undefined for ones. */
  readonly sampleWeight?: Float64Array | undefined;
}

/**
 * Rows that can be read again and again in chunks: one call of `chunks()` is one pass over every
 * row, in the same order each time. A chunk is valid until the next one is requested (a source
 * may reuse its buffers), so that a pass holds one chunk in memory, not the data.
 */
export interface RowChunks {
  /** p, the features of every chunk. */
  readonly features: number;
  /** Starts a pass over the rows. */
  chunks(): Iterable<RowChunk>;
}
