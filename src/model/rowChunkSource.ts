import type { RowChunks } from '../objectives/rowChunks.js';
import type { Label } from '../options/trainOptions.js';

export type { RowChunk, RowChunks } from '../objectives/rowChunks.js';

/**
 * A binary training set read in chunks, for {@link trainStream}: rows that can be read pass
 * after pass (see {@link RowChunks}) and what their 0/1 targets mean. `matrixChunkSource` makes
 * one from a matrix in memory; `logreg/node`'s `csvCacheSource` from a CSV file through a binary
 * cache on disk; any other store (a database cursor, a file format of your own) can implement it.
 */
export interface RowChunkSource extends RowChunks {
  /** The two classes, as the model lists them (sorted). */
  readonly classes: readonly [Label, Label];
  /** The class of target 1. */
  readonly positiveClass: Label;
  /** Names of the p features (default `x0, x1, …`). */
  readonly featureNames?: readonly string[] | undefined;
}
