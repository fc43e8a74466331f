import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { DataFingerprint } from '../options/fitReport.js';

const buffer = new Float64Array(1);
const words = new Uint32Array(buffer.buffer);

/** A running hash: two 32-bit lanes. */
class Hash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /** Mixes in a double's 64 bits (+0 and −0 alike). */
  add(value: number): void {
    buffer[0] = value === 0 ? 0 : value;
    for (let k = 0; k < 2; k++) {
      const w = words[k];
      this.h1 = Math.imul(this.h1 ^ w, 2654435761);
      this.h2 = Math.imul(this.h2 ^ w, 1597334677);
    }
  }

  /** The 53-bit digest, in hexadecimal. */
  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  }
}

/**
 * The {@link DataFingerprint} of a design: the row hash covers (m, yᵢ, sᵢ); each column's hash
 * the (row, value) pairs of its nonzero entries, so a dense matrix and its CSR form agree.
 * One pass over the stored entries.
 */
export function dataFingerprint(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
): DataFingerprint {
  const rows = new Hash();
  rows.add(X.rows);
  for (let i = 0; i < y.length; i++) {
    rows.add(y[i]);
    rows.add(sampleWeight === undefined ? 1 : sampleWeight[i]);
  }
  const columns = Array.from({ length: X.cols }, () => new Hash());
  if (isSparseMatrix(X)) {
    for (let i = 0; i < X.rows; i++) {
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
        if (X.values[k] === 0) continue;
        const column = columns[X.indices[k]];
        column.add(i);
        column.add(X.values[k]);
      }
    }
  } else {
    const p = X.cols;
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < p; j++) {
        const v = X.data[i * p + j];
        if (v === 0) continue;
        columns[j].add(i);
        columns[j].add(v);
      }
    }
  }
  return { rows: rows.digest(), columns: columns.map((h) => h.digest()) };
}
