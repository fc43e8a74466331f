// Shifted column sums in WebAssembly SIMD (f64x2), the one pass over X that feature scaling needs
// (src/kernels/columnMomentsKernel.ts; the two-pass loop of src/model/featureScaling.ts is the
// reference). With a shift c close to the column means (the caller takes the mean of the first rows),
//   Σᵢ sᵢ·(xᵢⱼ − cⱼ)  and  Σᵢ sᵢ·(xᵢⱼ − cⱼ)²
// give the mean and the variance without the cancellation of Σx² − (Σx)²/S. A NaN or infinite
// entry makes its column's sums non-finite, which is how the caller finds that X is not finite.
// Pointers are byte offsets into the imported memory; nothing is allocated.

/**
 * Adds the sums of rows [0, rows) of the row-major rows × p matrix at `X` into `out`
 * (out[j] += Σᵢ sᵢ·dᵢⱼ, out[p + j] += Σᵢ sᵢ·dᵢⱼ², dᵢⱼ = xᵢⱼ − shift[j]); `s` holds one weight per
 * row, or is 0 for all ones. Two rows per step, two columns per lane pair.
 */
export function columnMoments(
  X: usize,
  rows: i32,
  p: i32,
  s: usize,
  shift: usize,
  out: usize,
): void {
  const rowBytes = (<usize>p) << 3;
  const second = out + rowBytes;
  const pairs = p & ~1;
  let i = 0;
  for (; i + 2 <= rows; i += 2) {
    const x0 = X + <usize>i * rowBytes;
    const x1 = x0 + rowBytes;
    const s0 = f64x2.splat(s == 0 ? 1.0 : load<f64>(s + ((<usize>i) << 3)));
    const s1 = f64x2.splat(s == 0 ? 1.0 : load<f64>(s + ((<usize>i) << 3), 8));
    let j = 0;
    for (; j < pairs; j += 2) {
      const o = (<usize>j) << 3;
      const c = v128.load(shift + o);
      const d0 = f64x2.sub(v128.load(x0 + o), c);
      const d1 = f64x2.sub(v128.load(x1 + o), c);
      const t0 = f64x2.mul(s0, d0);
      const t1 = f64x2.mul(s1, d1);
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.add(t0, t1)));
      v128.store(
        second + o,
        f64x2.add(v128.load(second + o), f64x2.add(f64x2.mul(t0, d0), f64x2.mul(t1, d1))),
      );
    }
    if (j < p) {
      const o = (<usize>j) << 3;
      const c = load<f64>(shift + o);
      const d0 = load<f64>(x0 + o) - c;
      const d1 = load<f64>(x1 + o) - c;
      const t0 = f64x2.extract_lane(s0, 0) * d0;
      const t1 = f64x2.extract_lane(s1, 0) * d1;
      store<f64>(out + o, load<f64>(out + o) + (t0 + t1));
      store<f64>(second + o, load<f64>(second + o) + (t0 * d0 + t1 * d1));
    }
  }
  if (i < rows) {
    const x0 = X + <usize>i * rowBytes;
    const w = s == 0 ? 1.0 : load<f64>(s + ((<usize>i) << 3));
    for (let j = 0; j < p; j++) {
      const o = (<usize>j) << 3;
      const d = load<f64>(x0 + o) - load<f64>(shift + o);
      const t = w * d;
      store<f64>(out + o, load<f64>(out + o) + t);
      store<f64>(second + o, load<f64>(second + o) + t * d);
    }
  }
}

/**
 * The data fingerprint's column sums (src/model/dataFingerprint.ts) of rows [0, rows) of the
 * row-major rows × p matrix at `X`, added into `out`: out[j] += xᵢⱼ and out[p + j] += nᵢ·xᵢⱼ with
 * nᵢ = firstRow + i (the 1-based row number). Rows are added one at a time, in order, two columns
 * per lane pair: each lane does exactly the scalar reference's additions and products (no fused
 * multiply-add in WebAssembly), so the sums are bit-identical to the plain loop's.
 */
export function columnSumsInOrder(X: usize, rows: i32, p: i32, firstRow: f64, out: usize): void {
  const rowBytes = (<usize>p) << 3;
  const second = out + rowBytes;
  const pairs = p & ~1;
  for (let i = 0; i < rows; i++) {
    const x = X + <usize>i * rowBytes;
    const n = firstRow + <f64>i;
    const nn = f64x2.splat(n);
    let j = 0;
    for (; j < pairs; j += 2) {
      const o = (<usize>j) << 3;
      const v = v128.load(x + o);
      v128.store(out + o, f64x2.add(v128.load(out + o), v));
      v128.store(second + o, f64x2.add(v128.load(second + o), f64x2.mul(nn, v)));
    }
    if (j < p) {
      const o = (<usize>j) << 3;
      const v = load<f64>(x + o);
      store<f64>(out + o, load<f64>(out + o) + v);
      store<f64>(second + o, load<f64>(second + o) + n * v);
    }
  }
}
