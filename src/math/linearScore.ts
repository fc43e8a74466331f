/**
 * The linear model, the article's equation 1: z = w·x + b for the row of `data` that starts at
 * `offset` (row-major, `w.length` features).
 *
 * @example
 * linearScore(new Float64Array([1, 2]), 0, new Float64Array([3, 4]), 0.5); // 11.5
 */
export function linearScore(
  data: Float64Array,
  offset: number,
  w: ArrayLike<number>,
  b: number,
): number {
  let z = b;
  const p = w.length;
  for (let j = 0; j < p; j++) z += w[j] * data[offset + j];
  return z;
}
