import type { GradientKernel } from '../kernels/gradientKernel.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import { linearScore } from '../math/linearScore.js';
import { sigmoid } from '../math/sigmoid.js';
import { binaryCrossEntropy } from './binaryCrossEntropy.js';
import { crossEntropyGradient } from '../kernels/crossEntropyGradient.js';
import { crossEntropyHessianVectorProduct } from './hessianVectorProduct.js';
import { addL2Penalty, originalCoefficients, penaltyFactors } from './scaledCoordinates.js';

/** How {@link LogisticObjective} is set up. */
export interface LogisticObjectiveSpec {
  /** m × p features, dense row-major or CSR (then every pass reads the stored entries only). */
  readonly X: FeatureMatrix;
  /** 0/1 targets. */
  readonly y: Float64Array;
  /** Row weights sᵢ (already multiplied by class weights), or undefined for all ones. */
  readonly sampleWeight: Float64Array | undefined;
  readonly fitIntercept: boolean;
  /** λ of the L2 term, 0 for none: F = L + (λ/2)·‖w‖² (λ = 1/(C·S) gives scikit-learn's optimum). */
  readonly l2: number;
  /**
   * The solver's coordinates: θⱼ = wⱼ·scaleⱼ and, with an intercept, b = θ_b − Σⱼ θⱼ·centerⱼ/scaleⱼ,
   * i.e. coefficients on features (x − center)/scale. A diagonal preconditioner that leaves the
   * optimum unchanged, or, with `penalizeScaled`, glmnet's `standardize`.
   */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Penalize θ (standardized scale) instead of w (original units). */
  readonly penalizeScaled: boolean;
  /**
   * A known term oᵢ of each row's score, zᵢ = w·xᵢ + b + oᵢ (R's `glm(offset = )`), or undefined.
   * The gradient kernel must be bound to the same offset (plainGradientKernel).
   */
  readonly offset?: Float64Array | undefined;
  /**
   * A fast kernel bound to the same X, y, sampleWeight (src/kernels); default the plain one.
   * @internal `train` passes it; the kernels are not part of the public API.
   */
  readonly gradientKernel?: GradientKernel;
}

/**
 * The penalized logistic objective on scaled coordinates θ = (θ_w, θ_b):
 * F(θ) = (1/S)·Σᵢ sᵢ·logloss(yᵢ, w·xᵢ + b) + (λ/2)·‖w or θ_w‖², with (w, b) = A·θ an affine
 * reparametrization (see {@link LogisticObjectiveSpec.center}). Gradients follow by the chain
 * rule ∇_θ F = Aᵀ·∇_(w,b) F; the data are read raw, never copied.
 */
export class LogisticObjective implements TwiceDifferentiableObjective {
  readonly dimension: number;
  private readonly p: number;
  private readonly w: Float64Array;
  private readonly rawGrad: Float64Array;
  private readonly rawDir: Float64Array;
  private readonly row: Float64Array;
  private readonly penaltyFactor: Float64Array;
  /**
   * The point, loss and raw gradient of the last evaluation (NaN: none yet), for {@link logLoss}
   * and for an evaluation at the same point again (Newton after its L-BFGS start).
   */
  private readonly lastTheta: Float64Array;
  private lastLoss = NaN;
  private readonly lastRawGrad: Float64Array;
  /** S = Σ sᵢ, summed in row order on first use. */
  private totalWeight: number | undefined;

  constructor(private readonly spec: LogisticObjectiveSpec) {
    const p = spec.X.cols;
    this.p = p;
    this.dimension = p + (spec.fitIntercept ? 1 : 0);
    this.w = new Float64Array(p);
    this.rawGrad = new Float64Array(p + 1);
    this.rawDir = new Float64Array(p + 1);
    this.row = new Float64Array(p + 1);
    this.lastTheta = new Float64Array(this.dimension);
    this.lastRawGrad = new Float64Array(p + 1);
    // ∂/∂θⱼ of (λ/2)·‖·‖² is λ·penaltyFactorⱼ·θⱼ.
    this.penaltyFactor = penaltyFactors(spec.scale, spec.penalizeScaled);
  }

  /** Writes the original-unit coefficients w (length p) and returns the intercept b. */
  toOriginal(theta: Float64Array, wOut: Float64Array): number {
    const { center, scale, fitIntercept } = this.spec;
    return originalCoefficients(theta, center, scale, fitIntercept, wOut);
  }

  /** The inverse of {@link toOriginal}: θ from original-unit (w, b). */
  fromOriginal(w: ArrayLike<number>, b: number, thetaOut: Float64Array): void {
    const { center, scale, fitIntercept } = this.spec;
    let tb = b;
    for (let j = 0; j < this.p; j++) {
      thetaOut[j] = w[j] * scale[j];
      tb += w[j] * center[j];
    }
    if (fitIntercept) thetaOut[this.p] = tb;
  }

  /** Applies Aᵀ to a raw (w, b) vector `raw` (length p + 1), writing θ-space `out`. */
  private pullBack(raw: Float64Array, out: Float64Array): void {
    const { center, scale, fitIntercept } = this.spec;
    const p = this.p;
    const gb = raw[p];
    for (let j = 0; j < p; j++) out[j] = (raw[j] - center[j] * gb) / scale[j];
    if (fitIntercept) out[p] = gb;
  }

  /** Applies A to a θ-space direction, writing the raw (w, b) direction into rawDir. */
  private pushForward(v: Float64Array): void {
    const b = this.toOriginal(v, this.rawDir);
    this.rawDir[this.p] = b;
  }

  /**
   * The mean (weighted) log loss at θ, without the penalty: the last {@link valueAndGradient}'s
   * when θ is the point it was evaluated at (a solver's final point usually is), else one pass.
   */
  logLoss(theta: Float64Array): number {
    if (this.isLastPoint(theta)) return this.lastLoss;
    const b = this.toOriginal(theta, this.w);
    return (
      this.spec.gradientKernel?.lossAndGradient(this.w, b, this.rawGrad) ??
      binaryCrossEntropy(
        this.spec.X,
        this.spec.y,
        this.w,
        b,
        this.spec.sampleWeight,
        this.spec.offset,
      )
    );
  }

  /** True when θ is the point of the last {@link valueAndGradient} (bit for bit). */
  private isLastPoint(theta: Float64Array): boolean {
    if (this.lastLoss !== this.lastLoss) return false;
    for (let j = 0; j < theta.length; j++) if (theta[j] !== this.lastTheta[j]) return false;
    return true;
  }

  /**
   * F(θ) and ∇F(θ). At the point of the previous call (a solver handing its final point to
   * another, as L-BFGS to Newton) the data pass is not repeated: the same loss and raw gradient
   * give the same result bit for bit.
   */
  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    const { X, y, sampleWeight, l2 } = this.spec;
    const b = this.toOriginal(theta, this.w);
    let f: number;
    if (this.isLastPoint(theta)) {
      f = this.lastLoss;
      this.rawGrad.set(this.lastRawGrad);
    } else {
      f =
        this.spec.gradientKernel?.lossAndGradient(this.w, b, this.rawGrad) ??
        crossEntropyGradient(X, y, this.w, b, this.rawGrad, sampleWeight, this.spec.offset);
      this.lastTheta.set(theta);
      this.lastLoss = f;
      this.lastRawGrad.set(this.rawGrad);
    }
    this.pullBack(this.rawGrad, gradOut);
    f += addL2Penalty(theta, this.penaltyFactor, l2, gradOut);
    return f;
  }

  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    const { X, sampleWeight, l2, offset } = this.spec;
    const b = this.toOriginal(theta, this.w);
    this.pushForward(v);
    crossEntropyHessianVectorProduct(X, this.w, b, this.rawDir, this.rawGrad, sampleWeight, offset);
    this.pullBack(this.rawGrad, out);
    if (l2 > 0) for (let j = 0; j < this.p; j++) out[j] += l2 * this.penaltyFactor[j] * v[j];
  }

  /**
   * The full Hessian (1/S)·Σᵢ sᵢ·ŷᵢ(1 − ŷᵢ)·x̃ᵢx̃ᵢᵀ + λ·diag(penaltyFactor), with x̃ᵢ the row in
   * θ coordinates ((xᵢ − center)/scale, 1), formed row by row so that no precision is lost to
   * cancellation between a large mean and a small spread. O(m·d²), d² memory, sparse or not.
   * For dense X the spec's gradient kernel forms the sum when it can (the WebAssembly SIMD
   * kernel, assembly/hessianKernel.ts, blocked for the cache and split over its worker threads);
   * the loop below is the reference and the fallback, and the two agree to rounding.
   */
  hessian(theta: Float64Array, out: Float64Array): void {
    const { X, sampleWeight, l2, center, scale, fitIntercept, offset } = this.spec;
    const m = X.rows;
    const p = this.p;
    const d = this.dimension;
    const b = this.toOriginal(theta, this.w);
    const kernel = this.spec.gradientKernel;
    if (
      !isSparseMatrix(X) &&
      offset === undefined &&
      kernel?.weightedGram?.(this.w, b, center, scale, fitIntercept, out) === true
    ) {
      this.totalWeight ??= sumOf(sampleWeight, m);
      const inv = 1 / this.totalWeight;
      for (let k = 0; k < d * d; k++) out[k] *= inv;
      if (l2 > 0) for (let j = 0; j < p; j++) out[j * d + j] += l2 * this.penaltyFactor[j];
      return;
    }
    const row = this.row;
    // CSR rows are scattered into the dense θ-coordinate row (an implicit zero becomes
    // −centerⱼ/scaleⱼ, computed as for dense data), so both sum the same terms.
    const zeroRow = isSparseMatrix(X) ? center.map((c, j) => (0 - c) / scale[j]) : undefined;
    out.fill(0);
    let total = 0;
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      const bi = offset === undefined ? b : b + offset[i];
      const z = isSparseMatrix(X)
        ? sparseRowScore(X, i, this.w, bi)
        : linearScore(X.data, i * p, this.w, bi);
      const prob = sigmoid(z);
      const h = s * prob * (1 - prob);
      total += s;
      if (h === 0) continue;
      if (isSparseMatrix(X) && zeroRow !== undefined) {
        row.set(zeroRow);
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
          const j = X.indices[k];
          row[j] = (X.values[k] - center[j]) / scale[j];
        }
      } else if (!isSparseMatrix(X)) {
        const offset = i * p;
        for (let j = 0; j < p; j++) row[j] = (X.data[offset + j] - center[j]) / scale[j];
      }
      if (fitIntercept) row[p] = 1;
      for (let a = 0; a < d; a++) {
        const ha = h * row[a];
        const base = a * d;
        for (let c = 0; c <= a; c++) out[base + c] += ha * row[c];
      }
    }
    const inv = 1 / total;
    for (let a = 0; a < d; a++) {
      for (let c = 0; c <= a; c++) {
        const v = out[a * d + c] * inv;
        out[a * d + c] = v;
        out[c * d + a] = v;
      }
    }
    if (l2 > 0) for (let j = 0; j < p; j++) out[j * d + j] += l2 * this.penaltyFactor[j];
  }
}

/** Σ sᵢ in row order (m when unweighted), as the reference loops sum it. */
function sumOf(sampleWeight: Float64Array | undefined, m: number): number {
  if (sampleWeight === undefined) return m;
  let total = 0;
  for (let i = 0; i < m; i++) total += sampleWeight[i];
  return total;
}
