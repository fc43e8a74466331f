import { normInf } from './vector.js';

/** LU with partial pivoting (P B = L U) of an m × m row-major matrix, in place; null if singular. */
export function luFactor(
  B: Float64Array,
  m: number,
): { lu: Float64Array; perm: Int32Array } | null {
  const perm = Int32Array.from({ length: m }, (_, i) => i);
  const scale = Math.max(normInf(B), Number.MIN_VALUE);
  for (let k = 0; k < m; k++) {
    let p = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(B[i * m + k]) > Math.abs(B[p * m + k])) p = i;
    if (Math.abs(B[p * m + k]) <= 1e-13 * scale) return null;
    if (p !== k) {
      for (let j = 0; j < m; j++) {
        const held = B[k * m + j];
        B[k * m + j] = B[p * m + j];
        B[p * m + j] = held;
      }
      const held = perm[k];
      perm[k] = perm[p];
      perm[p] = held;
    }
    for (let i = k + 1; i < m; i++) {
      const f = (B[i * m + k] /= B[k * m + k]);
      if (f !== 0) for (let j = k + 1; j < m; j++) B[i * m + j] -= f * B[k * m + j];
    }
  }
  return { lu: B, perm };
}

/** Solves B z = rhs given P B = L U from {@link luFactor}. */
export function luSolve(
  { lu, perm }: { lu: Float64Array; perm: Int32Array },
  m: number,
  rhs: Float64Array,
): Float64Array {
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) z[i] = rhs[perm[i]];
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) z[i] -= lu[i * m + j] * z[j];
  for (let i = m - 1; i >= 0; i--) {
    for (let j = i + 1; j < m; j++) z[i] -= lu[i * m + j] * z[j];
    z[i] /= lu[i * m + i];
  }
  return z;
}
