// Dense scoring in WebAssembly SIMD (f64x2): the linear model zᵢ = w·xᵢ + b (the article's
// equation 1) and, optionally, ŷᵢ = σ(zᵢ) (equation 2), the sums of src/math/linearScore.ts and
// the stable sigmoid of src/math/sigmoid.ts. Pointers are byte offsets into the imported memory.

import { expNonPositive, rowDot } from './simdMath';

// σ(z) on both lanes: 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0 with e = exp(−|z|), so exp
// never overflows (as src/math/sigmoid.ts; e·(1/(1 + e)) instead of e/(1 + e): one division).
function sigmoid2(z: v128): v128 {
  const e = expNonPositive(f64x2.neg(f64x2.abs(z)));
  const inv = f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(1.0), e));
  return v128.bitselect(inv, f64x2.mul(e, inv), f64x2.ge(z, f64x2.splat(0.0)));
}

/**
 * Writes zᵢ = w·xᵢ + b (or σ(zᵢ) when `probability` ≠ 0) for the `rows` rows of the row-major
 * rows × p matrix at `X` into the `rows` doubles at `out`; `w` holds p doubles. Each row is read
 * front to back (sequential reads keep the hardware prefetcher streaming), two rows per step so
 * that their sigmoids share one f64x2 evaluation.
 */
export function scores(
  X: usize,
  rows: i32,
  p: i32,
  w: usize,
  b: f64,
  out: usize,
  probability: i32,
): void {
  const rowBytes = (<usize>p) << 3;
  let i = 0;
  for (; i + 2 <= rows; i += 2) {
    const x0 = X + <usize>i * rowBytes;
    let z = f64x2.replace_lane(
      f64x2.splat(b + inline.always(rowDot(x0, w, p))),
      1,
      b + inline.always(rowDot(x0 + rowBytes, w, p)),
    );
    if (probability != 0) z = sigmoid2(z);
    v128.store(out + ((<usize>i) << 3), z);
  }
  if (i < rows) {
    let z = f64x2.splat(b + inline.always(rowDot(X + <usize>i * rowBytes, w, p)));
    if (probability != 0) z = sigmoid2(z);
    store<f64>(out + ((<usize>i) << 3), f64x2.extract_lane(z, 0));
  }
}
