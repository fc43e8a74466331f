/** Small dense vector kernels on Float64Array (no allocation). */

/** xᵀy over the first `n` entries (default: all of x). */
export function dot(x: Float64Array, y: Float64Array, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/** max |xᵢ|. */
export function normInf(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

/** ‖x‖₂. */
export function norm2(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

/** out ← x + t·d (out may alias x). */
export function addScaled(out: Float64Array, x: Float64Array, t: number, d: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = x[i] + t * d[i];
}
