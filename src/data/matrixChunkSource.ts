import { OptionError, ShapeError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { encodeLabels } from '../model/encodeLabels.js';
import type { RowChunk, RowChunkSource } from '../model/rowChunkSource.js';
import type { Label } from '../options/trainOptions.js';
import { toMatrix } from '../validation/toMatrix.js';

/** Options of {@link matrixChunkSource}. */
export interface MatrixChunkSourceOptions {
  /** Rows per chunk. Default 8192. */
  readonly chunkRows?: number;
  /** Row weights sᵢ ≥ 0, one per row. */
  readonly sampleWeight?: readonly number[] | Float64Array;
  /** The class of target 1. Default: the second of the sorted classes (as `train`). */
  readonly positiveClass?: Label;
  readonly featureNames?: readonly string[];
}

/**
 * A {@link RowChunkSource} over a dense matrix in memory, cut into chunks of `chunkRows` rows
 * (views of X's rows, never copies): the reference a streamed fit is tested against, since
 * `trainStream(matrixChunkSource(X, y))` must give `train(X, y)`'s model.
 *
 * @param X - m × p, rows of numbers or a row-major matrix (dense only).
 * @param y - m labels of two classes, encoded as `train` encodes them.
 * @throws {ShapeError} empty or ragged X, a length mismatch, CSR X.
 * @throws {ValueError} labels that are not two classes, an unknown positiveClass.
 * @throws {OptionError} a chunkRows that is not an integer ≥ 1.
 * @example
 * const source = matrixChunkSource([[0], [1], [2], [3]], ['a', 'b', 'a', 'b'], { chunkRows: 2 });
 * [...source.chunks()].length; // 2
 */
export function matrixChunkSource(
  X: MatrixInput,
  y: readonly Label[],
  options: MatrixChunkSourceOptions = {},
): RowChunkSource {
  const where = 'matrixChunkSource';
  const matrix = toMatrix(X, where);
  const { rows: m, cols: p, data } = matrix;
  const chunkRows = options.chunkRows ?? 8192;
  if (!(Number.isInteger(chunkRows) && chunkRows >= 1)) {
    throw new OptionError(`${where}: chunkRows must be an integer ≥ 1, got ${chunkRows}`);
  }
  const labels = encodeLabels(y, m, options.positiveClass, where);
  const weights =
    options.sampleWeight === undefined ? undefined : Float64Array.from(options.sampleWeight);
  if (weights !== undefined && weights.length !== m) {
    throw new ShapeError(
      `${where}: X has ${m} rows, but sampleWeight has ${weights.length} values`,
    );
  }
  return {
    features: p,
    classes: labels.classes,
    positiveClass: labels.positiveClass,
    featureNames: options.featureNames,
    *chunks(): Generator<RowChunk> {
      for (let start = 0; start < m; start += chunkRows) {
        const end = Math.min(start + chunkRows, m);
        yield {
          X: { rows: end - start, cols: p, data: data.subarray(start * p, end * p) },
          y: labels.y.subarray(start, end),
          sampleWeight: weights?.subarray(start, end),
        };
      }
    },
  };
}
