// The weighted Gram matrix of Newton's Hessian in WebAssembly SIMD (f64x2), compiled by
// AssemblyScript into the gradient kernel's module (scripts/buildWasm.ts). Same sums as the
// reference loop of src/objectives/logisticObjective.ts `hessian`:
//   G = Σᵢ hᵢ·x̃ᵢx̃ᵢᵀ,  hᵢ = sᵢ·σ(zᵢ)(1 − σ(zᵢ)),  zᵢ = w·xᵢ + b,
//   x̃ᵢ = ((xᵢ − center)/scale, 1) (the 1 only with an intercept),
// over rows [rowStart, rowEnd), unnormalized. Rows are centred before they are multiplied, as the
// reference does, so no precision is lost to a large mean; they are scaled by a multiplication
// with 1/scale (the caller passes reciprocals): a division per entry took a quarter of the pass.
//
// Blocked for the cache: a block of B rows is transposed into two column-major tiles, T = x̃ and
// U = h·x̃ (B doubles per column, d columns padded to a multiple of 4), in L2; then every 4 × 2
// tile of the lower triangle of G is eight f64x2 dot products of length B, whose 6 column loads
// feed 16 multiply-adds (register blocking). Tiles on the diagonal also fill a few entries above
// it; the caller reads the lower triangle only.
//
// All pointers are byte offsets into the imported memory; nothing is allocated.

import { expNonPositive, rowDot } from './simdMath';

/**
 * Adds G over rows [rowStart, rowEnd) of the row-major m × p matrix at `X` into the dPad × dPad
 * row-major doubles at `out` (dPad = p + 1 rounded up to a multiple of 4; d = p + intercept), after
 * zeroing it. `s` holds one weight per row (0: all ones); `w` holds p doubles then b. `params`
 * holds six int32: the byte offsets of center (p doubles) and 1/scale (p doubles), the intercept
 * flag, the block rows B (even), the work area (2·dPad·B doubles) and `out`.
 */
export function weightedGram(
  X: usize,
  s: usize,
  rowStart: i32,
  rowEnd: i32,
  p: i32,
  w: usize,
  params: usize,
): f64 {
  const center = <usize>load<i32>(params);
  const scale = <usize>load<i32>(params, 4);
  const intercept = load<i32>(params, 8);
  const B = load<i32>(params, 12);
  const work = <usize>load<i32>(params, 16);
  const out = <usize>load<i32>(params, 20);
  const d = p + (intercept != 0 ? 1 : 0);
  // p + 1 rounded up to 4, with or without the intercept, as gramLayout lays the memory out.
  const dPad = (p + 4) & ~3;
  const colBytes = (<usize>B) << 3;
  const T = work;
  const U = work + <usize>dPad * colBytes;
  memory.fill(out, 0, (<usize>(dPad * dPad)) << 3);
  // Padding columns (d ≤ a < dPad) stay zero in both tiles.
  memory.fill(T, 0, <usize>(2 * dPad) * colBytes);
  const b = load<f64>(w + ((<usize>p) << 3));
  const rowBytes = (<usize>p) << 3;
  for (let i0 = rowStart; i0 < rowEnd; i0 += B) {
    const nb = min(B, rowEnd - i0);
    for (let r = 0; r < nb; r++) {
      const i = i0 + r;
      const x = X + <usize>i * rowBytes;
      const z = b + rowDot(x, w, p);
      // σ(z) as src/math/sigmoid.ts: 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) below.
      const e = f64x2.extract_lane(expNonPositive(f64x2.splat(-Math.abs(z))), 0);
      const prob = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      const si = s != 0 ? load<f64>(s + ((<usize>i) << 3)) : 1.0;
      const h = si * prob * (1.0 - prob);
      const ro = (<usize>r) << 3;
      // Two columns at a time: (x − center)/scale and h·that, each lane to its column.
      const hv = f64x2.splat(h);
      let a = 0;
      for (; a + 2 <= p; a += 2) {
        const ao = (<usize>a) << 3;
        const v = f64x2.mul(
          f64x2.sub(v128.load(x + ao), v128.load(center + ao)),
          v128.load(scale + ao),
        );
        const u = f64x2.mul(hv, v);
        const at = <usize>a * colBytes + ro;
        v128.store_lane<f64>(T + at, v, 0);
        v128.store_lane<f64>(T + at + colBytes, v, 1);
        v128.store_lane<f64>(U + at, u, 0);
        v128.store_lane<f64>(U + at + colBytes, u, 1);
      }
      if (a < p) {
        const ao = (<usize>a) << 3;
        const v = (load<f64>(x + ao) - load<f64>(center + ao)) * load<f64>(scale + ao);
        const at = <usize>a * colBytes + ro;
        store<f64>(T + at, v);
        store<f64>(U + at, h * v);
      }
      if (intercept != 0) {
        const at = <usize>p * colBytes + ro;
        store<f64>(T + at, 1.0);
        store<f64>(U + at, h);
      }
    }
    // A short last block: clear the rows after it (left from the previous block).
    const nbEven = (nb + 1) & ~1;
    if (nb < B) {
      for (let a = 0; a < d; a++) {
        const at = <usize>a * colBytes + ((<usize>nb) << 3);
        const bytes = (<usize>(B - nb)) << 3;
        memory.fill(T + at, 0, bytes);
        memory.fill(U + at, 0, bytes);
      }
    }
    accumulateBlock(T, U, colBytes, nbEven, d, dPad, out);
  }
  return 0.0;
}

/** out[a][c] += Σ_r U[a][r]·T[c][r] over r < n (even) for the 4 × 2 tiles meeting c ≤ a < d. */
function accumulateBlock(
  T: usize,
  U: usize,
  colBytes: usize,
  n: i32,
  d: i32,
  dPad: i32,
  out: usize,
): void {
  const n8 = (<usize>n) << 3;
  const outRow = (<usize>dPad) << 3;
  for (let a0 = 0; a0 < d; a0 += 4) {
    const u0 = U + <usize>a0 * colBytes;
    const u1 = u0 + colBytes;
    const u2 = u1 + colBytes;
    const u3 = u2 + colBytes;
    const cEnd = min(a0 + 4, d);
    for (let c0 = 0; c0 < cEnd; c0 += 2) {
      const t0 = T + <usize>c0 * colBytes;
      const t1 = t0 + colBytes;
      let s00 = f64x2.splat(0.0);
      let s01 = f64x2.splat(0.0);
      let s10 = f64x2.splat(0.0);
      let s11 = f64x2.splat(0.0);
      let s20 = f64x2.splat(0.0);
      let s21 = f64x2.splat(0.0);
      let s30 = f64x2.splat(0.0);
      let s31 = f64x2.splat(0.0);
      for (let o: usize = 0; o < n8; o += 16) {
        const x0 = v128.load(t0 + o);
        const x1 = v128.load(t1 + o);
        const v0 = v128.load(u0 + o);
        const v1 = v128.load(u1 + o);
        const v2 = v128.load(u2 + o);
        const v3 = v128.load(u3 + o);
        s00 = f64x2.add(s00, f64x2.mul(v0, x0));
        s01 = f64x2.add(s01, f64x2.mul(v0, x1));
        s10 = f64x2.add(s10, f64x2.mul(v1, x0));
        s11 = f64x2.add(s11, f64x2.mul(v1, x1));
        s20 = f64x2.add(s20, f64x2.mul(v2, x0));
        s21 = f64x2.add(s21, f64x2.mul(v2, x1));
        s30 = f64x2.add(s30, f64x2.mul(v3, x0));
        s31 = f64x2.add(s31, f64x2.mul(v3, x1));
      }
      const o0 = out + <usize>a0 * outRow + ((<usize>c0) << 3);
      addPair(o0, s00, s01);
      addPair(o0 + outRow, s10, s11);
      addPair(o0 + 2 * outRow, s20, s21);
      addPair(o0 + 3 * outRow, s30, s31);
    }
  }
}

// out[0] += lanes of p summed, out[1] += lanes of q summed.
function addPair(at: usize, p: v128, q: v128): void {
  const lo = v128.shuffle<f64>(p, q, 0, 2);
  const hi = v128.shuffle<f64>(p, q, 1, 3);
  v128.store(at, f64x2.add(v128.load(at), f64x2.add(lo, hi)));
}

/**
 * Firth's correction to the score over rows [rowStart, rowEnd): with vᵢ = L⁻¹x̃ᵢ (L lower
 * triangular, LLᵀ = I/S; forward substitution), hᵢ = sᵢpᵢ(1 − pᵢ)·‖vᵢ‖²/S (the hat value) and cᵢ = hᵢ(½ − pᵢ)/S,
 * writes Σᵢ cᵢ·x̃ᵢ (d doubles) to `out`, the sum src/objectives/firthObjective.ts subtracts from
 * the gradient. `params` holds six int32 as for {@link weightedGram} (center, scale, intercept,
 * unused, a work area of 2·dPad doubles, out), then L's byte offset (dPad × dPad, row-major) and,
 * 8-aligned at +32, S as a double.
 */
export function firthCorrection(
  X: usize,
  s: usize,
  rowStart: i32,
  rowEnd: i32,
  p: i32,
  w: usize,
  params: usize,
): f64 {
  const center = <usize>load<i32>(params);
  const scale = <usize>load<i32>(params, 4);
  const intercept = load<i32>(params, 8);
  const x = <usize>load<i32>(params, 16);
  const out = <usize>load<i32>(params, 20);
  const L = <usize>load<i32>(params, 24);
  const total = load<f64>(params, 32);
  const d = p + (intercept != 0 ? 1 : 0);
  // p + 1 rounded up to 4, with or without the intercept, as gramLayout lays the memory out.
  const dPad = (p + 4) & ~3;
  const lRow = (<usize>dPad) << 3;
  const v = x + lRow;
  memory.fill(out, 0, (<usize>dPad) << 3);
  memory.fill(x, 0, (<usize>dPad) << 3);
  const b = load<f64>(w + ((<usize>p) << 3));
  const rowBytes = (<usize>p) << 3;
  for (let i = rowStart; i < rowEnd; i++) {
    const si = s != 0 ? load<f64>(s + ((<usize>i) << 3)) : 1.0;
    if (si == 0) continue;
    const xi = X + <usize>i * rowBytes;
    const z = b + rowDot(xi, w, p);
    const e = f64x2.extract_lane(expNonPositive(f64x2.splat(-Math.abs(z))), 0);
    const prob = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    for (let a = 0; a < p; a++) {
      const ao = (<usize>a) << 3;
      store<f64>(x + ao, (load<f64>(xi + ao) - load<f64>(center + ao)) / load<f64>(scale + ao));
    }
    if (intercept != 0) store<f64>(x + rowBytes, 1.0);
    // v = L⁻¹x̃ by forward substitution, as the reference loop: vₐ = (x̃ₐ − Σ_{c<a} Lₐ꜀v꜀)/Lₐₐ;
    // q = ‖v‖².
    let q = 0.0;
    for (let a = 0; a < d; a++) {
      const l = L + <usize>a * lRow;
      let acc = f64x2.splat(0.0);
      let c = 0;
      for (; c + 2 <= a; c += 2) {
        const o = (<usize>c) << 3;
        acc = f64x2.add(acc, f64x2.mul(v128.load(l + o), v128.load(v + o)));
      }
      let t = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
      if (c < a) t += load<f64>(l + ((<usize>c) << 3)) * load<f64>(v + ((<usize>c) << 3));
      const va = (load<f64>(x + ((<usize>a) << 3)) - t) / load<f64>(l + ((<usize>a) << 3));
      store<f64>(v + ((<usize>a) << 3), va);
      q += va * va;
    }
    const h = (si * prob * (1.0 - prob) * q) / total;
    const coef = (h * (0.5 - prob)) / total;
    if (coef == 0) continue;
    const cv = f64x2.splat(coef);
    for (let a = 0; a < d; a += 2) {
      const o = (<usize>a) << 3;
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(cv, v128.load(x + o))));
    }
  }
  return 0.0;
}
