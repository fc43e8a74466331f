import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { DataFingerprint } from '../options/fitReport.js';
import type { InOrderSums } from '../kernels/columnMomentsKernel.js';

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/**
 * Mixes one 32-bit word into lane pair k of `h1` / `h2` (cyrb53's multiplications). Flat lane
 * arrays and the data's own 32-bit words keep the pass over a 1M × 100 design near memory speed
 * (an object per column and a float-to-words copy per value took 1.3 s there).
 */
function mix(h1: Int32Array, h2: Int32Array, k: number, word: number): void {
  h1[k] = Math.imul(h1[k] ^ word, 2654435761);
  h2[k] = Math.imul(h2[k] ^ word, 1597334677);
}

/** Mixes a double's two words (+0 and −0 alike) into lane pair k. */
function mixDouble(h1: Int32Array, h2: Int32Array, k: number, value: number): void {
  scratch[0] = value === 0 ? 0 : value;
  mix(h1, h2, k, scratchWords[0]);
  mix(h1, h2, k, scratchWords[1]);
}

/** The 53-bit digest of lane pair k, in hexadecimal. */
function digest(h1s: Int32Array, h2s: Int32Array, k: number): string {
  let h1 = h1s[k];
  let h2 = h2s[k];
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/**
 * The {@link DataFingerprint} of a design: the row hash covers (m, yᵢ, sᵢ, and oᵢ with an offset); each column's hash its
 * two sums Σᵢ xᵢⱼ and Σᵢ (i + 1)·xᵢⱼ, added in row order, so a dense matrix and its CSR form agree
 * (zeros add nothing) and an edited value or a moved row changes them. Two sums per stored entry
 * keep the pass near memory speed (hashing every entry took 1.3 s at 1M × 100, more than the fit).
 * `sums`, when given, are those two sums already taken (bit for bit as {@link inOrderColumnSums}:
 * the WebAssembly kernel takes them in the pass that copies X and sums its moments), and X is not
 * read again.
 */
export function dataFingerprint(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  sums: InOrderSums = inOrderColumnSums(X),
  offset?: Float64Array,
): DataFingerprint {
  const p = X.cols;
  // Lane pair p is the rows' hash; 0…p − 1 the columns'.
  const h1 = new Int32Array(p + 1).fill(0xdeadbeef | 0);
  const h2 = new Int32Array(p + 1).fill(0x41c6ce57);
  mixDouble(h1, h2, p, X.rows);
  for (let i = 0; i < y.length; i++) {
    mixDouble(h1, h2, p, y[i]);
    mixDouble(h1, h2, p, sampleWeight === undefined ? 1 : sampleWeight[i]);
    // Only a fit with an offset mixes it in: the hashes of fits without one are unchanged.
    if (offset !== undefined) mixDouble(h1, h2, p, offset[i]);
  }
  for (let j = 0; j < p; j++) {
    mixDouble(h1, h2, j, sums.sum[j]);
    mixDouble(h1, h2, j, sums.moment[j]);
  }
  return {
    rows: digest(h1, h2, p),
    columns: Array.from({ length: p }, (_, j) => digest(h1, h2, j)),
  };
}

/**
 * The fingerprint's column sums Σᵢ xᵢⱼ and Σᵢ (i + 1)·xᵢⱼ, each added in row order (the
 * reference loop; dense or CSR, whose zeros add nothing).
 */
export function inOrderColumnSums(X: FeatureMatrix): InOrderSums {
  const p = X.cols;
  const sum = new Float64Array(p);
  const moment = new Float64Array(p);
  if (isSparseMatrix(X)) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      for (let k = indptr[i]; k < indptr[i + 1]; k++) {
        const j = indices[k];
        sum[j] += values[k];
        moment[j] += (i + 1) * values[k];
      }
    }
  } else {
    const { data } = X;
    for (let i = 0, at = 0; i < X.rows; i++) {
      for (let j = 0; j < p; j++, at++) {
        sum[j] += data[at];
        moment[j] += (i + 1) * data[at];
      }
    }
  }
  return { sum, moment };
}
