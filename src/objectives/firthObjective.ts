import { choleskyInPlace } from '../linalg/cholesky.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';
import { sigmoid } from '../math/sigmoid.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import { LogisticObjective } from './logisticObjective.js';
import type { LogisticObjectiveSpec } from './logisticObjective.js';

/**
 * Firth's bias-reduced logistic regression (Firth 1993; Heinze & Schemper 2002): maximize the
 * penalized log-likelihood ℓ_F(β) = ℓ(β) + ½·log|I(β)|, I = X̃ᵀWX̃ with Wᵢᵢ = sᵢ·pᵢ(1 − pᵢ)
 * (Jeffreys-prior penalty). Its estimates are finite even on separated data. As a minimization:
 * F = −ℓ_F/S = (1/S)·Σ sᵢ·logloss − (1/(2S))·log|I|.
 *
 * Gradient (the modified score, with hat values hᵢ = Wᵢᵢ·x̃ᵢᵀI⁻¹x̃ᵢ):
 * ∂ℓ_F/∂β = Σᵢ [sᵢ(yᵢ − pᵢ) + hᵢ(½ − pᵢ)]·x̃ᵢ.
 * `hessian` returns the Fisher information I/S (Fisher scoring, as R's logistf and brglm2 iterate),
 * not the exact Hessian of F; Newton's line search keeps every step a descent step.
 * A known offset oᵢ (the spec's `offset`, R's `glm(offset = )`) enters every score,
 * pᵢ = σ(w·xᵢ + b + oᵢ), as in brglm2's `brglmFit` with an offset. The spec's `l2` must be 0. Work is O(m·d²) per evaluation and memory d², for CSR data too (each
 * row is scattered into a dense buffer, giving the dense path's numbers); `train` accepts sparse
 * Firth fits only up to MAX_COVARIANCE_DIMENSION parameters.
 */
export class FirthObjective implements TwiceDifferentiableObjective {
  readonly dimension: number;
  /** `hessian` is the Fisher information, not ∇²F: Newton converges linearly here. */
  readonly exactHessian = false;
  private readonly base: LogisticObjective;
  private readonly info: Float64Array;
  private readonly row: Float64Array;
  private readonly w: Float64Array;
  private readonly logScale: number;

  constructor(private readonly spec: LogisticObjectiveSpec) {
    this.base = new LogisticObjective({ ...spec, l2: 0 });
    this.dimension = this.base.dimension;
    const d = this.dimension;
    this.info = new Float64Array(d * d);
    this.row = new Float64Array(d);
    this.w = new Float64Array(spec.X.cols);
    // log|I| in original units = log|I_θ| + 2·Σ log scaleⱼ (I_θ = AᵀIA, |A| = Π 1/scaleⱼ).
    let s = 0;
    for (let j = 0; j < spec.X.cols; j++) s += Math.log(spec.scale[j]);
    this.logScale = 2 * s;
  }

  /** The unpenalized logistic objective on the same data and coordinates. */
  get logistic(): LogisticObjective {
    return this.base;
  }

  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    const { X, sampleWeight, center, scale, fitIntercept } = this.spec;
    const { rows: m, cols: p } = X;
    const d = this.dimension;
    const f = this.base.valueAndGradient(theta, gradOut);
    // L·Lᵀ = I_θ / S; log|I_θ| = d·log S + 2·Σ log Lₖₖ.
    this.base.hessian(theta, this.info);
    if (!choleskyInPlace(this.info, d)) return NaN;
    let logDet = 0;
    for (let k = 0; k < d; k++) logDet += 2 * Math.log(this.info[k * d + k]);
    let total = 0;
    for (let i = 0; i < m; i++) total += sampleWeight === undefined ? 1 : sampleWeight[i];
    logDet += d * Math.log(total) + this.logScale;

    const b = this.base.toOriginal(theta, this.w);
    const row = this.row;
    const L = this.info;
    const kernel = this.spec.gradientKernel;
    const known = this.spec.offset;
    // The kernel's correction scores w·x + b: with an offset, the plain loop below.
    if (!isSparseMatrix(X) && known === undefined && kernel?.firthCorrection !== undefined) {
      // The WebAssembly kernel sums the same terms (to rounding), on its threads.
      if (kernel.firthCorrection(this.w, b, center, scale, fitIntercept, L, total, row)) {
        for (let j = 0; j < d; j++) gradOut[j] -= row[j];
        return f - logDet / (2 * total);
      }
    }
    // A CSR row is scattered into a dense buffer (and cleared after): the same arithmetic, term
    // for term, as a dense row, whose zeros add exactly nothing.
    const scattered = new Float64Array(isSparseMatrix(X) ? p : 0);
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      if (s === 0) continue;
      let x: Float64Array;
      let offset = 0;
      if (isSparseMatrix(X)) {
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) scattered[X.indices[k]] = X.values[k];
        x = scattered;
      } else {
        x = X.data;
        offset = i * p;
      }
      const prob = sigmoid(
        linearScore(x, offset, this.w, b) + (known === undefined ? 0 : known[i]),
      );
      for (let j = 0; j < p; j++) row[j] = (x[offset + j] - center[j]) / scale[j];
      if (fitIntercept) row[p] = 1;
      // v = L⁻¹x̃ᵢ by forward substitution, then x̃ᵢᵀ(I_θ/S)⁻¹x̃ᵢ = ‖v‖².
      let q = 0;
      for (let a = 0; a < d; a++) {
        let v = row[a];
        for (let c = 0; c < a; c++) v -= L[a * d + c] * row[c];
        v /= L[a * d + a];
        row[a] = v;
        q += v * v;
      }
      // hᵢ = sᵢpᵢ(1 − pᵢ)·x̃ᵢᵀI_θ⁻¹x̃ᵢ, with I_θ⁻¹ = (I_θ/S)⁻¹/S.
      const h = (s * prob * (1 - prob) * q) / total;
      const coef = (h * (0.5 - prob)) / total;
      if (coef !== 0) {
        for (let j = 0; j < p; j++) gradOut[j] -= (coef * (x[offset + j] - center[j])) / scale[j];
        if (fitIntercept) gradOut[p] -= coef;
      }
      if (isSparseMatrix(X)) {
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) scattered[X.indices[k]] = 0;
      }
    }
    return f - logDet / (2 * total);
  }

  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    this.base.hessianVectorProduct(theta, v, out);
  }

  hessian(theta: Float64Array, out: Float64Array): void {
    this.base.hessian(theta, out);
  }

  /**
   * The exact Hessian of F (not the Fisher information that {@link hessian} returns), for
   * Newton's method where quadratic convergence pays: the profile likelihood's constrained fits.
   * Differentiating the modified score once more (Q = X̃I⁻¹X̃ᵀ, hᵢ = wᵢQᵢᵢ, wᵢ = sᵢpᵢ(1 − pᵢ),
   * aᵢ = wᵢ(1 − 2pᵢ)):
   * S·∇²F = Σᵢ [wᵢ + hᵢ(3pᵢ(1 − pᵢ) − ½)]·x̃ᵢx̃ᵢᵀ + ½·Σᵢⱼ aᵢaⱼQᵢⱼ²·x̃ᵢx̃ⱼᵀ.
   * The double sum is formed without the m × m matrix Q: with vᵢ = L⁻¹x̃ᵢ (LLᵀ = I),
   * Qᵢⱼ² = Σₖₗ vᵢₖvⱼₖvᵢₗvⱼₗ, so it is ½·Σₖₗ TₖₗTₖₗᵀ with Tₖₗ = Σᵢ aᵢvᵢₖvᵢₗ·x̃ᵢ: O(m·d³) work and
   * d³/2 memory. It may be indefinite away from the optimum; Newton then damps it.
   */
  trueHessian(theta: Float64Array, out: Float64Array): void {
    const { X, sampleWeight, center, scale, fitIntercept, offset: known } = this.spec;
    const { rows: m, cols: p } = X;
    const d = this.dimension;
    this.base.hessian(theta, this.info);
    let total = 0;
    for (let i = 0; i < m; i++) total += sampleWeight === undefined ? 1 : sampleWeight[i];
    out.fill(0);
    if (!choleskyInPlace(this.info, d)) {
      out.fill(NaN);
      return;
    }
    const L = this.info;
    const b = this.base.toOriginal(theta, this.w);
    const pairs = (d * (d + 1)) / 2;
    const T = new Float64Array(pairs * d);
    const x = new Float64Array(d);
    const v = this.row;
    const scattered = new Float64Array(isSparseMatrix(X) ? p : 0);
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      if (s === 0) continue;
      let raw: Float64Array;
      let offset = 0;
      if (isSparseMatrix(X)) {
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) scattered[X.indices[k]] = X.values[k];
        raw = scattered;
      } else {
        raw = X.data;
        offset = i * p;
      }
      const prob = sigmoid(
        linearScore(raw, offset, this.w, b) + (known === undefined ? 0 : known[i]),
      );
      for (let j = 0; j < p; j++) x[j] = (raw[offset + j] - center[j]) / scale[j];
      if (fitIntercept) x[p] = 1;
      if (isSparseMatrix(X)) {
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) scattered[X.indices[k]] = 0;
      }
      // v = L⁻¹x̃ᵢ with L of I/S, so Qᵢⱼ = vᵢ·vⱼ/S.
      let q = 0;
      for (let a = 0; a < d; a++) {
        let t = x[a];
        for (let c = 0; c < a; c++) t -= L[a * d + c] * v[c];
        t /= L[a * d + a];
        v[a] = t;
        q += t * t;
      }
      const pq = prob * (1 - prob);
      const wi = s * pq;
      const h = (wi * q) / total;
      const diag = wi + h * (3 * pq - 0.5);
      for (let a = 0; a < d; a++) {
        const da = diag * x[a];
        for (let c = 0; c <= a; c++) out[a * d + c] += da * x[c];
      }
      const ai = wi * (1 - 2 * prob);
      if (ai === 0) continue;
      for (let k = 0, kl = 0; k < d; k++) {
        const ak = ai * v[k];
        for (let l = k; l < d; l++, kl++) {
          const coef = ak * v[l];
          const row = kl * d;
          for (let c = 0; c < d; c++) T[row + c] += coef * x[c];
        }
      }
    }
    // ½·Σₖₗ TₖₗTₖₗᵀ over ordered pairs = ½·Σₖ TₖₖTₖₖᵀ + Σₖ<ₗ TₖₗTₖₗᵀ, each with the 1/S² of Qᵢⱼ².
    const s2 = 1 / (total * total);
    for (let k = 0, kl = 0; k < d; k++) {
      for (let l = k; l < d; l++, kl++) {
        const weight = (l === k ? 0.5 : 1) * s2;
        const row = kl * d;
        for (let a = 0; a < d; a++) {
          const ta = weight * T[row + a];
          for (let c = 0; c <= a; c++) out[a * d + c] += ta * T[row + c];
        }
      }
    }
    const inv = 1 / total;
    for (let a = 0; a < d; a++) {
      for (let c = 0; c <= a; c++) {
        const value = out[a * d + c] * inv;
        out[a * d + c] = value;
        out[c * d + a] = value;
      }
    }
  }
}
