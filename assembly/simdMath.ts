// Shared f64x2 helpers of the WebAssembly kernels (assembly/gradientKernel.ts, scoreKernel.ts).

// exp(x) for x ≤ 0 on both lanes, within 1 ulp of Math.exp (tested against it).
// x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, ln2 split into hi + lo so that k·ln2hi is exact);
// e^r = 1 + r + r²·q(r) with q the Taylor series to r¹¹/13! (truncation < 2e-17 on |r| ≤ 0.347),
// evaluated by Estrin's scheme; 2^k is built from bits as 2^k₁·2^k₂ (k₁ = ⌊k/2⌋) so that results
// down to the subnormals (x ≥ −745.2) stay exact in their exponent. The round-to-integer uses the
// 1.5·2⁵² shift trick, so k's low bits are in the mantissa of kd.
const SHIFT: f64 = 6755399441055744.0;
const INV_LN2: f64 = 1.442695040888963387;
export const LN2_HI: f64 = 6.9314718036912381649e-1;
export const LN2_LO: f64 = 1.9082149292705877e-10;

export function expNonPositive(x0: v128): v128 {
  const x = f64x2.max(x0, f64x2.splat(-746.0));
  let kd = f64x2.add(f64x2.mul(x, f64x2.splat(INV_LN2)), f64x2.splat(SHIFT));
  const ki = i64x2.sub(kd, f64x2.splat(SHIFT));
  kd = f64x2.sub(kd, f64x2.splat(SHIFT));
  const r = f64x2.sub(
    f64x2.sub(x, f64x2.mul(kd, f64x2.splat(LN2_HI))),
    f64x2.mul(kd, f64x2.splat(LN2_LO)),
  );
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const a01 = f64x2.add(f64x2.splat(1.0 / 2.0), f64x2.mul(f64x2.splat(1.0 / 6.0), r));
  const a23 = f64x2.add(f64x2.splat(1.0 / 24.0), f64x2.mul(f64x2.splat(1.0 / 120.0), r));
  const a45 = f64x2.add(f64x2.splat(1.0 / 720.0), f64x2.mul(f64x2.splat(1.0 / 5040.0), r));
  const a67 = f64x2.add(f64x2.splat(1.0 / 40320.0), f64x2.mul(f64x2.splat(1.0 / 362880.0), r));
  const a89 = f64x2.add(f64x2.splat(1.0 / 3628800.0), f64x2.mul(f64x2.splat(1.0 / 39916800.0), r));
  const a1011 = f64x2.add(
    f64x2.splat(1.0 / 479001600.0),
    f64x2.mul(f64x2.splat(1.0 / 6227020800.0), r),
  );
  const q = f64x2.add(
    f64x2.add(
      f64x2.add(a01, f64x2.mul(a23, r2)),
      f64x2.mul(f64x2.add(a45, f64x2.mul(a67, r2)), r4),
    ),
    f64x2.mul(f64x2.add(a89, f64x2.mul(a1011, r2)), r8),
  );
  const p = f64x2.add(f64x2.splat(1.0), f64x2.add(r, f64x2.mul(r2, q)));
  const k1 = i64x2.shr_s(ki, 1);
  const k2 = i64x2.sub(ki, k1);
  const bias = i64x2.splat(1023);
  const s1 = i64x2.shl(i64x2.add(k1, bias), 52);
  const s2 = i64x2.shl(i64x2.add(k2, bias), 52);
  return f64x2.mul(f64x2.mul(p, s1), s2);
}

// w·x for the row at x, read front to back (two accumulators hide the add latency).
export function rowDot(x: usize, w: usize, p: i32): f64 {
  let a = f64x2.splat(0.0);
  let c = f64x2.splat(0.0);
  let j = 0;
  for (; j + 4 <= p; j += 4) {
    const o = (<usize>j) << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(w + o)));
    c = f64x2.add(c, f64x2.mul(v128.load(x + o, 16), v128.load(w + o, 16)));
  }
  if (j + 2 <= p) {
    const o = (<usize>j) << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(w + o)));
    j += 2;
  }
  a = f64x2.add(a, c);
  let z = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  if (j < p) z += load<f64>(x + ((<usize>j) << 3)) * load<f64>(w + ((<usize>j) << 3));
  return z;
}
