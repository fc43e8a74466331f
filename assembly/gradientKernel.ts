// The fused cross-entropy gradient pass in WebAssembly SIMD (f64x2), compiled by AssemblyScript
// (scripts/buildWasm.ts). Same sums as src/objectives/crossEntropyGradient.ts, the reference:
//   loss = Σᵢ sᵢ·(softplus(zᵢ) − yᵢzᵢ),  g = Σᵢ sᵢ(σ(zᵢ) − yᵢ)·xᵢ,  g_b = Σᵢ sᵢ(σ(zᵢ) − yᵢ),
// zᵢ = w·xᵢ + b, over rows [rowStart, rowEnd), unnormalized (the caller divides by S = Σ sᵢ).
// All pointers are byte offsets into the imported memory; nothing is allocated.

import { LN2_HI, LN2_LO, expNonPositive, rowDot } from './simdMath';

export { scores } from './scoreKernel';
export { columnMoments, columnSumsInOrder } from './columnMoments';
export { firthCorrection, weightedGram } from './hessianKernel';

// log1p(e) for 0 ≤ e ≤ 1 on both lanes, given u = 1 + e (rounded) and inv = 1/u: fdlibm's log1p
// (as in musl) without its branches. For e ≥ √2 − 1, 1 + e = 2·(1 + f) with f = u/2 − 1 ∈
// [−0.293, 0] and c = (e − (u − 1))/u corrects the rounding of u; otherwise f = e. Then
// log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2 + f), with fdlibm's minimax R (error < 2⁻⁵⁸).
const LG1: f64 = 6.66666666666673513e-1;
const LG2: f64 = 3.999999999940941908e-1;
const LG3: f64 = 2.857142874366239149e-1;
const LG4: f64 = 2.222219843214978396e-1;
const LG5: f64 = 1.818357216161805012e-1;
const LG6: f64 = 1.531383769920937332e-1;
const LG7: f64 = 1.479819860511658591e-1;
const SQRT2_MINUS_1: f64 = 0.41421356237309503;

function log1pUnit(e: v128, u: v128, inv: v128): v128 {
  const big = f64x2.ge(e, f64x2.splat(SQRT2_MINUS_1));
  const one = f64x2.splat(1.0);
  const f = v128.bitselect(f64x2.sub(f64x2.mul(u, f64x2.splat(0.5)), one), e, big);
  const c = v128.and(f64x2.mul(f64x2.sub(e, f64x2.sub(u, one)), inv), big);
  const dk = v128.and(one, big);
  const hfsq = f64x2.mul(f64x2.splat(0.5), f64x2.mul(f, f));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(
    w,
    f64x2.add(
      f64x2.splat(LG2),
      f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6)))),
    ),
  );
  const t2 = f64x2.mul(
    z,
    f64x2.add(
      f64x2.splat(LG1),
      f64x2.mul(
        w,
        f64x2.add(
          f64x2.splat(LG3),
          f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7)))),
        ),
      ),
    ),
  );
  const big2 = f64x2.add(t2, t1);
  // s·(hfsq + R) + (k·ln2lo + c) − hfsq + f + k·ln2hi, in fdlibm's order.
  return f64x2.add(
    f64x2.add(
      f64x2.sub(
        f64x2.add(
          f64x2.mul(s, f64x2.add(hfsq, big2)),
          f64x2.add(f64x2.mul(dk, f64x2.splat(LN2_LO)), c),
        ),
        hfsq,
      ),
      f,
    ),
    f64x2.mul(dk, f64x2.splat(LN2_HI)),
  );
}

// Per-row terms for two scores z (lanes) with targets yv, given e = exp(−|z|), u = 1 + e and
// inv = 1/u: σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0 (never overflows), and
// softplus(z) = max(z, 0) + log1p(e), the stable forms of src/math/sigmoid.ts and log1pExp.ts.
function residual(z: v128, e: v128, inv: v128, yv: v128): v128 {
  const sig = v128.bitselect(inv, f64x2.mul(e, inv), f64x2.ge(z, f64x2.splat(0.0)));
  return f64x2.sub(sig, yv);
}

// softplus(z) − y·z, the row's loss.
function lossTerm(z: v128, e: v128, u: v128, inv: v128, yv: v128): v128 {
  const softplus = f64x2.add(f64x2.max(z, f64x2.splat(0.0)), log1pUnit(e, u, inv));
  return f64x2.sub(softplus, f64x2.mul(yv, z));
}

/**
 * Loss and gradient sums over rows [rowStart, rowEnd) of the row-major m × p matrix at `X`.
 * `y` and `s` hold one double per row (`s` = 0: all weights 1); `w` holds p doubles. On return
 * `grad` (p + 1 doubles) holds Σ rᵢxᵢ and, last, Σ rᵢ with rᵢ = sᵢ(σ(zᵢ) − yᵢ); returns
 * Σ sᵢ(softplus(zᵢ) − yᵢzᵢ). Four rows per step: their scores share two f64x2 exp/log1p
 * evaluations (independent, so they overlap in the pipeline) and one read-modify-write of g; the
 * update re-reads the four rows from L1.
 */
export function lossAndGradient(
  X: usize,
  y: usize,
  s: usize,
  rowStart: i32,
  rowEnd: i32,
  p: i32,
  w: usize,
  b: f64,
  grad: usize,
): f64 {
  memory.fill(grad, 0, (<usize>(p + 1)) << 3);
  const rowBytes = (<usize>p) << 3;
  const pairs = p & ~1;
  let lossAcc = f64x2.splat(0.0);
  let rAcc = f64x2.splat(0.0);
  let i = rowStart;
  for (; i + 4 <= rowEnd; i += 4) {
    const x0 = X + <usize>i * rowBytes;
    const x1 = x0 + rowBytes;
    const x2 = x1 + rowBytes;
    const x3 = x2 + rowBytes;
    // Each row's score is read front to back, one row after the other: rows interleaved
    // (x0[j], x1[j], …) stream from DRAM at about half the rate, which the prefetcher cannot follow.
    const z01 = f64x2.replace_lane(
      f64x2.splat(b + inline.always(rowDot(x0, w, p))),
      1,
      b + inline.always(rowDot(x1, w, p)),
    );
    const z23 = f64x2.replace_lane(
      f64x2.splat(b + inline.always(rowDot(x2, w, p))),
      1,
      b + inline.always(rowDot(x3, w, p)),
    );
    const yo = (<usize>i) << 3;
    const y01 = v128.load(y + yo);
    const y23 = v128.load(y + yo, 16);
    const e01 = expNonPositive(f64x2.neg(f64x2.abs(z01)));
    const e23 = expNonPositive(f64x2.neg(f64x2.abs(z23)));
    const u01 = f64x2.add(f64x2.splat(1.0), e01);
    const u23 = f64x2.add(f64x2.splat(1.0), e23);
    const inv01 = f64x2.div(f64x2.splat(1.0), u01);
    const inv23 = f64x2.div(f64x2.splat(1.0), u23);
    let r01 = residual(z01, e01, inv01, y01);
    let r23 = residual(z23, e23, inv23, y23);
    let t01 = lossTerm(z01, e01, u01, inv01, y01);
    let t23 = lossTerm(z23, e23, u23, inv23, y23);
    if (s != 0) {
      const s01 = v128.load(s + yo);
      const s23 = v128.load(s + yo, 16);
      t01 = f64x2.mul(s01, t01);
      t23 = f64x2.mul(s23, t23);
      r01 = f64x2.mul(s01, r01);
      r23 = f64x2.mul(s23, r23);
    }
    lossAcc = f64x2.add(lossAcc, f64x2.add(t01, t23));
    rAcc = f64x2.add(rAcc, f64x2.add(r01, r23));
    const r0 = v128.shuffle<f64>(r01, r01, 0, 0);
    const r1 = v128.shuffle<f64>(r01, r01, 1, 1);
    const r2 = v128.shuffle<f64>(r23, r23, 0, 0);
    const r3 = v128.shuffle<f64>(r23, r23, 1, 1);
    let j = 0;
    for (; j + 4 <= p; j += 4) {
      const o = (<usize>j) << 3;
      const g = grad + o;
      v128.store(
        g,
        f64x2.add(
          v128.load(g),
          f64x2.add(
            f64x2.add(f64x2.mul(r0, v128.load(x0 + o)), f64x2.mul(r1, v128.load(x1 + o))),
            f64x2.add(f64x2.mul(r2, v128.load(x2 + o)), f64x2.mul(r3, v128.load(x3 + o))),
          ),
        ),
      );
      v128.store(
        g,
        f64x2.add(
          v128.load(g, 16),
          f64x2.add(
            f64x2.add(f64x2.mul(r0, v128.load(x0 + o, 16)), f64x2.mul(r1, v128.load(x1 + o, 16))),
            f64x2.add(f64x2.mul(r2, v128.load(x2 + o, 16)), f64x2.mul(r3, v128.load(x3 + o, 16))),
          ),
        ),
        16,
      );
    }
    if (j < pairs) {
      const o = (<usize>j) << 3;
      const g = grad + o;
      v128.store(
        g,
        f64x2.add(
          v128.load(g),
          f64x2.add(
            f64x2.add(f64x2.mul(r0, v128.load(x0 + o)), f64x2.mul(r1, v128.load(x1 + o))),
            f64x2.add(f64x2.mul(r2, v128.load(x2 + o)), f64x2.mul(r3, v128.load(x3 + o))),
          ),
        ),
      );
      j += 2;
    }
    if (j < p) {
      const o = (<usize>j) << 3;
      store<f64>(
        grad + o,
        load<f64>(grad + o) +
          (f64x2.extract_lane(r01, 0) * load<f64>(x0 + o) +
            f64x2.extract_lane(r01, 1) * load<f64>(x1 + o) +
            (f64x2.extract_lane(r23, 0) * load<f64>(x2 + o) +
              f64x2.extract_lane(r23, 1) * load<f64>(x3 + o))),
      );
    }
  }
  let loss = f64x2.extract_lane(lossAcc, 0) + f64x2.extract_lane(lossAcc, 1);
  let gb = f64x2.extract_lane(rAcc, 0) + f64x2.extract_lane(rAcc, 1);
  for (; i < rowEnd; i++) {
    // The last rows, one at a time (lane 0).
    const x0 = X + <usize>i * rowBytes;
    const zi = b + inline.always(rowDot(x0, w, p));
    const yo = (<usize>i) << 3;
    const z = f64x2.splat(zi);
    const yv = f64x2.splat(load<f64>(y + yo));
    const e = expNonPositive(f64x2.neg(f64x2.abs(z)));
    const u = f64x2.add(f64x2.splat(1.0), e);
    const inv = f64x2.div(f64x2.splat(1.0), u);
    const si = s != 0 ? load<f64>(s + yo) : 1.0;
    loss += si * f64x2.extract_lane(lossTerm(z, e, u, inv, yv), 0);
    const ri = si * f64x2.extract_lane(residual(z, e, inv, yv), 0);
    gb += ri;
    const rv = f64x2.splat(ri);
    let j = 0;
    for (; j < pairs; j += 2) {
      const o = (<usize>j) << 3;
      v128.store(grad + o, f64x2.add(v128.load(grad + o), f64x2.mul(rv, v128.load(x0 + o))));
    }
    if (j < p) {
      const o = (<usize>j) << 3;
      store<f64>(grad + o, load<f64>(grad + o) + ri * load<f64>(x0 + o));
    }
  }
  store<f64>(grad + rowBytes, gb);
  return loss;
}
