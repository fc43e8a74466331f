import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix, SparseMatrix } from '../linalg/sparseMatrix.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import {
  denseMultinomialHessian,
  denseMultinomialHessianVector,
  denseMultinomialLossGradient,
} from './multinomialDenseKernels.js';
import type { DenseHessianWork } from './multinomialDenseKernels.js';
import { addRegularization, regularizationHessian } from './multinomialRegularization.js';
import type { MultinomialRegularization } from './multinomialRegularization.js';
import {
  rawHessianToTheta,
  sparseMultinomialHessianVector,
  sparseMultinomialLossGradient,
  sparseMultinomialRawHessian,
} from './multinomialSparseKernels.js';
import { penaltyFactors } from './scaledCoordinates.js';

/** How {@link MultinomialObjective} is set up. */
export interface MultinomialObjectiveSpec {
  /** m × p, dense or CSR (sparse passes read the stored entries only; see multinomialSparseKernels). */
  readonly X: FeatureMatrix;
  /** The class index of each row, in 0 … classCount − 1. */
  readonly y: Int32Array;
  /** K ≥ 2. */
  readonly classCount: number;
  /** Row weights sᵢ (already multiplied by class weights), or undefined for all ones. */
  readonly sampleWeight: Float64Array | undefined;
  readonly fitIntercept: boolean;
  /** λ of the L2 term, 0 for none; λ = 1/(C·S) gives scikit-learn's optimum. */
  readonly l2: number;
  /**
   * The solver's coordinates, per class as in the binary `LogisticObjectiveSpec`: θₖⱼ = wₖⱼ·scaleⱼ and
   * bₖ = θₖ,b − Σⱼ θₖⱼ·centerⱼ/scaleⱼ, i.e. coefficients on features (x − center)/scale.
   */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Penalize θ (standardized scale, glmnet's `standardize`) instead of w (original units). */
  readonly penalizeScaled: boolean;
  /**
   * Where the gauge term G acts: `'all'` (default) or `'intercepts'` only. Use `'intercepts'` when
   * an L1 term is added outside this objective (proximal Newton): that optimum is not centred
   * over the classes (per feature, a median rather than a mean of the class coefficients), so a
   * gauge on the coefficients would move it. The intercepts stay unpenalized, so there G is
   * harmless and still fixes their flat direction.
   */
  readonly gauge?: 'all' | 'intercepts';
}

/**
 * The penalized multinomial (softmax) cross-entropy with one weight vector per class, as
 * scikit-learn's `LogisticRegression(multi_class='multinomial')`, divided by C·S like the binary
 * objective (same optimum):
 *
 * F(θ) = (1/S)·Σᵢ sᵢ·(−log pᵢ,yᵢ) + (λ/2)·Σₖ‖wₖ or θₖ‖² + G(θ),
 * pᵢₖ = e^(zᵢₖ) / Σₗ e^(zᵢₗ), zᵢₖ = wₖ·xᵢ + bₖ, S = Σ sᵢ,
 *
 * with (w, b) = A·θ the per-class affine reparametrization of {@link MultinomialObjectiveSpec}.
 * Intercepts are not penalized.
 *
 * Layout: θ has K blocks of q = p (+ 1 with an intercept) entries; block k holds θₖ,₁…θₖ,ₚ and
 * then the intercept (stored last, as everywhere in logreg).
 *
 * The softmax is unchanged when the same vector is added to every class, so without G the data
 * term is flat along q directions and the Hessian is singular (always along the unpenalized
 * intercepts, along every coordinate without a penalty). G(θ) = (γ/2)·Σₐ(Σₖ θₖₐ)² with
 * γ = 1/K fixes this gauge: it is zero on the centred set Σₖ θₖ = 0, which holds at the L2 optimum
 * (summing the optimality conditions over k gives λ·Σₖ θₖ = 0) and which gradient-based iterates
 * started there never leave in exact arithmetic. So G changes neither the optimum nor the optimal
 * value; it only makes the Hessian positive definite (for Cholesky) and removes rounding drift.
 *
 * Gradient (one fused pass, each row read once): ∂F/∂(wₖ, bₖ) = (1/S)·Σᵢ sᵢ(pᵢₖ − [yᵢ = k])·(xᵢ, 1),
 * pulled back to θ by the chain rule. Hessian: (1/S)·Σᵢ sᵢ·(diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ + penalty
 * + gauge. Buffers are allocated once, in the constructor (the Hessians' work space on first use).
 *
 * The row passes live in `multinomialDenseKernels.ts` and, for CSR X, `multinomialSparseKernels.ts`
 * (each method dispatches once): both work in original units (centring stays implicit in the
 * θ ↔ (w, b) maps, x − center is never formed). The penalty and gauge terms are in
 * `multinomialRegularization.ts`; this class holds the reparametrization and the buffers.
 */
export class MultinomialObjective implements TwiceDifferentiableObjective {
  readonly dimension: number;
  readonly classCount: number;
  /** Entries per class block: p, plus 1 with an intercept. */
  readonly stride: number;
  private readonly p: number;
  /** Original-unit coefficients K × p and intercepts K of the current point. */
  private readonly w: Float64Array;
  private readonly b: Float64Array;
  /** A direction in original units: K × (p + 1), intercept last. */
  private readonly rawDir: Float64Array;
  /** Gradient or Hessian product in original units: K × (p + 1), intercept last. */
  private readonly rawOut: Float64Array;
  private readonly z: Float64Array;
  private readonly u: Float64Array;
  private readonly row: Float64Array;
  /** The penalty's factors and the gauge (multinomialRegularization.ts). */
  private readonly regularization: MultinomialRegularization;
  /** S = Σ sᵢ, for the sparse passes (the dense ones sum it on the fly). */
  private readonly sumWeights: number;
  /** m × K probabilities and one q × q block: the dense Hessian's work space, on first use. */
  private denseHessianWork: DenseHessianWork | undefined;
  /** The raw (K·(p + 1))² Hessian of the sparse path, allocated on first use. */
  private rawHessian: Float64Array | undefined;

  constructor(private readonly spec: MultinomialObjectiveSpec) {
    const p = spec.X.cols;
    const K = spec.classCount;
    this.p = p;
    this.classCount = K;
    this.stride = p + (spec.fitIntercept ? 1 : 0);
    this.dimension = K * this.stride;
    let sumWeights = spec.X.rows;
    if (spec.sampleWeight !== undefined) {
      sumWeights = 0;
      for (let i = 0; i < spec.sampleWeight.length; i++) sumWeights += spec.sampleWeight[i];
    }
    this.sumWeights = sumWeights;
    this.w = new Float64Array(K * p);
    this.b = new Float64Array(K);
    this.rawDir = new Float64Array(K * (p + 1));
    this.rawOut = new Float64Array(K * (p + 1));
    this.z = new Float64Array(K);
    this.u = new Float64Array(K);
    this.row = new Float64Array(this.stride);
    // ∂/∂θₖⱼ of (λ/2)·Σ‖·‖² is λ·penaltyFactorⱼ·θₖⱼ.
    const penaltyFactor = penaltyFactors(spec.scale, spec.penalizeScaled);
    this.regularization = {
      classCount: K,
      stride: this.stride,
      penaltyFactor,
      gauge: 1 / K,
      gaugeStart: spec.gauge === 'intercepts' ? p : 0,
    };
  }

  /**
   * Writes the original-unit coefficients (K × p, row k = class k) into `coefficientsOut` and
   * the intercepts (K) into `interceptsOut`.
   */
  toOriginal(
    theta: Float64Array,
    coefficientsOut: Float64Array,
    interceptsOut: Float64Array,
  ): void {
    const { center, scale, fitIntercept } = this.spec;
    const { p, stride } = this;
    for (let k = 0; k < this.classCount; k++) {
      const base = k * stride;
      let b = fitIntercept ? theta[base + p] : 0;
      for (let j = 0; j < p; j++) {
        const wj = theta[base + j] / scale[j];
        coefficientsOut[k * p + j] = wj;
        b -= wj * center[j];
      }
      interceptsOut[k] = b;
    }
  }

  /** The inverse of {@link toOriginal}: θ from original-unit coefficients (K × p) and intercepts. */
  fromOriginal(
    coefficients: ArrayLike<number>,
    intercepts: ArrayLike<number>,
    thetaOut: Float64Array,
  ): void {
    const { center, scale, fitIntercept } = this.spec;
    const { p, stride } = this;
    for (let k = 0; k < this.classCount; k++) {
      const base = k * stride;
      let tb = intercepts[k];
      for (let j = 0; j < p; j++) {
        thetaOut[base + j] = coefficients[k * p + j] * scale[j];
        tb += coefficients[k * p + j] * center[j];
      }
      if (fitIntercept) thetaOut[base + p] = tb;
    }
  }

  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    const { X, y, sampleWeight } = this.spec;
    if (isSparseMatrix(X)) return this.sparseValueAndGradient(X, theta, gradOut);
    const { w, b, z } = this;
    const g = this.rawOut;
    this.toOriginal(theta, w, b);
    const loss = denseMultinomialLossGradient(X, y, sampleWeight, w, b, z, g);
    this.pullBack(g, gradOut);
    return loss + addRegularization(this.regularization, this.spec.l2, theta, theta, gradOut);
  }

  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    const { X, sampleWeight } = this.spec;
    if (isSparseMatrix(X)) {
      this.sparseHessianVectorProduct(X, theta, v, out);
      return;
    }
    const { w, b, z, u } = this;
    const o = this.rawOut;
    this.toOriginal(theta, w, b);
    this.pushForward(v);
    denseMultinomialHessianVector(X, sampleWeight, w, b, this.rawDir, z, u, o);
    this.pullBack(o, out);
    addRegularization(this.regularization, this.spec.l2, theta, v, out);
  }

  /**
   * The full Hessian (1/S)·Σᵢ sᵢ·(diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ + penalty + gauge, with x̃ᵢ the row in
   * θ coordinates ((xᵢ − center)/scale, 1), formed row by row (no cancellation between a large
   * mean and a small spread). O(m·(K·q)²/2); Newton uses it only up to a few hundred dimensions.
   */
  hessian(theta: Float64Array, out: Float64Array): void {
    const { X, sampleWeight, center, scale, fitIntercept } = this.spec;
    if (isSparseMatrix(X)) {
      this.sparseHessian(X, theta, out);
      return;
    }
    this.toOriginal(theta, this.w, this.b);
    this.denseHessianWork ??= {
      z: this.z,
      row: this.row,
      probabilityRows: new Float64Array(X.rows * this.classCount),
      block: new Float64Array(this.stride * this.stride),
    };
    const work = this.denseHessianWork;
    denseMultinomialHessian(
      X,
      sampleWeight,
      center,
      scale,
      fitIntercept,
      this.w,
      this.b,
      work,
      out,
    );
    regularizationHessian(this.regularization, this.spec.l2, out);
  }

  private sparseValueAndGradient(
    X: SparseMatrix,
    theta: Float64Array,
    gradOut: Float64Array,
  ): number {
    const { y, sampleWeight } = this.spec;
    const g = this.rawOut;
    this.toOriginal(theta, this.w, this.b);
    const loss = sparseMultinomialLossGradient(X, y, sampleWeight, this.w, this.b, this.z, g);
    const inv = 1 / this.sumWeights;
    for (let k = 0; k < g.length; k++) g[k] *= inv;
    this.pullBack(g, gradOut);
    return loss * inv + addRegularization(this.regularization, this.spec.l2, theta, theta, gradOut);
  }

  private sparseHessianVectorProduct(
    X: SparseMatrix,
    theta: Float64Array,
    v: Float64Array,
    out: Float64Array,
  ): void {
    const o = this.rawOut;
    this.toOriginal(theta, this.w, this.b);
    this.pushForward(v);
    sparseMultinomialHessianVector(
      X,
      this.spec.sampleWeight,
      this.w,
      this.b,
      this.rawDir,
      this.z,
      this.u,
      o,
    );
    const inv = 1 / this.sumWeights;
    for (let k = 0; k < o.length; k++) o[k] *= inv;
    this.pullBack(o, out);
    addRegularization(this.regularization, this.spec.l2, theta, v, out);
  }

  /**
   * The sparse Hessian: the raw Hessian over (x, 1) from the stored entries, then Aᵀ·R·A (see
   * `rawHessianToTheta`). Unlike the dense pass, the centring is applied after summing over rows,
   * so a feature whose mean is large next to its spread loses digits to cancellation (about
   * ε·mean²/variance relative); sparse features, mostly zeros, are far from that regime.
   */
  private sparseHessian(X: SparseMatrix, theta: Float64Array, out: Float64Array): void {
    const { sampleWeight, center, scale, fitIntercept } = this.spec;
    const K = this.classCount;
    const rawSize = (K * (this.p + 1)) ** 2;
    this.rawHessian ??= new Float64Array(rawSize);
    const raw = this.rawHessian;
    this.toOriginal(theta, this.w, this.b);
    sparseMultinomialRawHessian(X, sampleWeight, this.w, this.b, this.z, raw);
    const inv = 1 / this.sumWeights;
    for (let k = 0; k < rawSize; k++) raw[k] *= inv;
    rawHessianToTheta(raw, center, scale, K, fitIntercept, out);
    regularizationHessian(this.regularization, this.spec.l2, out);
  }

  /** Applies Aᵀ to a raw K × (p + 1) vector, writing θ-space `out`. */
  private pullBack(raw: Float64Array, out: Float64Array): void {
    const { center, scale, fitIntercept } = this.spec;
    const { p, stride: q } = this;
    for (let k = 0; k < this.classCount; k++) {
      const rk = k * (p + 1);
      const gb = raw[rk + p];
      for (let j = 0; j < p; j++) out[k * q + j] = (raw[rk + j] - center[j] * gb) / scale[j];
      if (fitIntercept) out[k * q + p] = gb;
    }
  }

  /** Applies A to a θ-space direction, writing the raw direction into rawDir. */
  private pushForward(v: Float64Array): void {
    const { center, scale, fitIntercept } = this.spec;
    const { p, stride: q } = this;
    const d = this.rawDir;
    for (let k = 0; k < this.classCount; k++) {
      const dk = k * (p + 1);
      let db = fitIntercept ? v[k * q + p] : 0;
      for (let j = 0; j < p; j++) {
        const dj = v[k * q + j] / scale[j];
        d[dk + j] = dj;
        db -= dj * center[j];
      }
      d[dk + p] = db;
    }
  }
}
