import type { Matrix } from './matrix.js';
import { normInf } from './vector.js';

/**
 * Scales Â = R·A·C and returns Â by columns (N × m row-major): up to 8 passes of geometric
 * scaling (every row, then every column, divided by √(max·min) of its nonzero |entries|) even
 * out entries of very different sizes, then a last pass makes every nonzero column's largest
 * |entry| 1. The program min ĉᵀx̂, Âx̂ = b̂ with b̂ = R·b, ĉ = C·c has the same bases, with
 * x = C·x̂ and y = R·ŷ, so the tolerances mean the same whatever the units of rows and columns.
 * Scale factors stay within 2^±500, so that scaling never overflows.
 */
export function equilibrate({ rows: m, cols: N, data }: Matrix): {
  columns: Float64Array;
  rowScale: Float64Array;
  columnScale: Float64Array;
} {
  const columns = new Float64Array(m * N);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < N; j++) columns[j * m + i] = data[i * N + j];
  }
  const rowScale = new Float64Array(m).fill(1);
  const columnScale = new Float64Array(N).fill(1);
  /** The factor that takes √(largest·smallest) to 1, kept within range of the total scale. */
  const factor = (largest: number, smallest: number, scale: number): number => {
    if (largest === 0) return 1;
    const wanted = scale / Math.sqrt(largest) / Math.sqrt(smallest);
    return Math.min(Math.max(wanted, 2 ** -500), 2 ** 500) / scale;
  };
  const rowLargest = new Float64Array(m);
  const rowSmallest = new Float64Array(m);
  const rowFactor = new Float64Array(m);
  for (let pass = 0; pass < 8; pass++) {
    rowLargest.fill(0);
    rowSmallest.fill(Infinity);
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < m; i++) {
        const a = Math.abs(columns[j * m + i]);
        if (a === 0) continue;
        if (a > rowLargest[i]) rowLargest[i] = a;
        if (a < rowSmallest[i]) rowSmallest[i] = a;
      }
    }
    let change = 0;
    for (let i = 0; i < m; i++) {
      rowFactor[i] = factor(rowLargest[i], rowSmallest[i], rowScale[i]);
      rowScale[i] *= rowFactor[i];
      change = Math.max(change, Math.abs(Math.log2(rowFactor[i])));
    }
    for (let j = 0; j < N; j++) {
      const column = columns.subarray(j * m, j * m + m);
      let largest = 0;
      let smallest = Infinity;
      for (let i = 0; i < m; i++) {
        const a = Math.abs((column[i] *= rowFactor[i]));
        if (a === 0) continue;
        if (a > largest) largest = a;
        if (a < smallest) smallest = a;
      }
      const f = factor(largest, smallest, columnScale[j]);
      columnScale[j] *= f;
      change = Math.max(change, Math.abs(Math.log2(f)));
      for (let i = 0; i < m; i++) column[i] *= f;
    }
    if (change < 0.5) break;
  }
  for (let j = 0; j < N; j++) {
    const column = columns.subarray(j * m, j * m + m);
    const largest = normInf(column);
    const f = factor(largest, largest, columnScale[j]);
    columnScale[j] *= f;
    for (let i = 0; i < m; i++) column[i] *= f;
  }
  return { columns, rowScale, columnScale };
}
