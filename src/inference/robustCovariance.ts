import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { sigmoid } from '../math/sigmoid.js';
import type { RobustType } from '../options/trainOptions.js';

export type { CovarianceOption, RobustType } from '../options/trainOptions.js';

/** A robust covariance stored with a model (see InferenceData.robust). */
export interface RobustCovariance {
  readonly type: RobustType;
  /** Present for a cluster-robust covariance: the variable's name (if given) and the cluster count. */
  readonly cluster?: { readonly name?: string; readonly count: number };
  /** Row-major, the parameter order of InferenceData.covariance (coefficients, then the intercept). */
  readonly covariance: readonly number[];
}

/** What {@link robustCovariance} reads of a fit, all in the original units of X. */
export interface RobustFit {
  readonly X: FeatureMatrix;
  /** 0/1 labels. */
  readonly y: Float64Array;
  readonly sampleWeight: Float64Array | undefined;
  readonly coefficients: Float64Array;
  readonly intercept: number;
  readonly fitIntercept: boolean;
  /** The model-based covariance (X̃ᵀWX̃)⁻¹ (the bread), d × d row-major, the intercept last. */
  readonly bread: Float64Array;
  /** The fit's offset (ηᵢ = w·xᵢ + b + oᵢ), or undefined. */
  readonly offset?: Float64Array | undefined;
}

/**
 * The sandwich covariance V·M·V of a maximum-likelihood logistic fit, as R's `sandwich` computes
 * it for a `glm`: V = (X̃ᵀWX̃)⁻¹ the model-based covariance (Wᵢ = sᵢμᵢ(1 − μᵢ)), and the meat
 * built from the score contributions gᵢ = sᵢ(yᵢ − μᵢ)·x̃ᵢ (x̃ᵢ = (xᵢ, 1)):
 *
 * - hc0: M = Σ gᵢgᵢᵀ; hc1: n/(n − k)·hc0; hc2: Σ gᵢgᵢᵀ/(1 − hᵢ); hc3: Σ gᵢgᵢᵀ/(1 − hᵢ)², with the
 *   leverages hᵢ = Wᵢ·x̃ᵢᵀVx̃ᵢ (the diagonal of the weighted hat matrix, R's `hatvalues`).
 * - clustered: M = Σ_g u_g u_gᵀ with u_g = Σ_{i∈g} gᵢ, times G/(G − 1) (hc0: CR0), and also
 *   (n − 1)/(n − k) (hc1: CR1), as `vcovCL(type = "HC0" | "HC1")`.
 *
 * n counts rows of positive weight (R's nobs), k the parameters (the bread's dimension). Weights
 * enter the scores, so they are treated as precision weights, not as frequency counts (as R does:
 * a row of weight 2 is not two independent rows here). Rows of weight 0 do not count; R's sandwich
 * counts them in n, so the two differ by (n.ok/n)² when some weights are 0.
 *
 * @param clusters - with a clustered type: the cluster index (0 … G − 1) of each row, and G.
 * @returns the d × d covariance, row-major, in the bread's parameter order.
 */
export function robustCovariance(
  fit: RobustFit,
  type: RobustType,
  clusters?: { readonly index: Int32Array; readonly count: number },
): Float64Array {
  const { X, y, sampleWeight, coefficients: w, intercept, fitIntercept, bread: V } = fit;
  const p = X.cols;
  const d = p + (fitIntercept ? 1 : 0);
  const x = new Float64Array(d);
  const meat = new Float64Array(d * d);
  const sums = clusters === undefined ? undefined : new Float64Array(clusters.count * d);
  const sparse = isSparseMatrix(X) ? X : undefined;
  let n = 0;
  for (let i = 0; i < X.rows; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    if (!(s > 0)) continue;
    n++;
    // x̃ᵢ and ηᵢ = w·xᵢ + b.
    let eta = fit.offset === undefined ? intercept : intercept + fit.offset[i];
    if (sparse === undefined) {
      const data = (X as { data: Float64Array }).data;
      for (let j = 0; j < p; j++) {
        x[j] = data[i * p + j];
        eta += w[j] * x[j];
      }
    } else {
      x.fill(0, 0, p);
      for (let k = sparse.indptr[i]; k < sparse.indptr[i + 1]; k++) {
        const j = sparse.indices[k];
        x[j] = sparse.values[k];
        eta += w[j] * x[j];
      }
    }
    if (fitIntercept) x[p] = 1;
    const mu = sigmoid(eta);
    const r = s * (y[i] - mu);
    if (sums !== undefined) {
      const at = clusters!.index[i] * d;
      for (let a = 0; a < d; a++) sums[at + a] += r * x[a];
      continue;
    }
    let omega = r * r;
    if (type === 'hc2' || type === 'hc3') {
      let q = 0;
      for (let a = 0; a < d; a++) {
        let t = 0;
        for (let b = 0; b < d; b++) t += V[a * d + b] * x[b];
        q += x[a] * t;
      }
      const h = s * mu * (1 - mu) * q;
      omega /= type === 'hc2' ? 1 - h : (1 - h) * (1 - h);
    }
    addOuter(meat, x, omega, d);
  }
  let scale = 1;
  if (sums !== undefined) {
    const G = clusters!.count;
    for (let g = 0; g < G; g++) addOuter(meat, sums.subarray(g * d, (g + 1) * d), 1, d);
    scale = G / (G - 1);
    if (type === 'hc1') scale *= (n - 1) / (n - d);
  } else if (type === 'hc1') {
    scale = n / (n - d);
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) meat[a * d + b] = meat[b * d + a];
  // V·M·V, symmetric by construction; symmetrized against rounding.
  const VM = multiply(V, meat, d);
  const out = multiply(VM, V, d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) {
      const v = 0.5 * (out[a * d + b] + out[b * d + a]) * scale;
      out[a * d + b] = v;
      out[b * d + a] = v;
    }
    out[a * d + a] *= scale;
  }
  return out;
}

/** The upper triangle of M += c·x·xᵀ. */
function addOuter(M: Float64Array, x: Float64Array, c: number, d: number): void {
  for (let a = 0; a < d; a++) {
    const ca = c * x[a];
    if (ca === 0) continue;
    for (let b = a; b < d; b++) M[a * d + b] += ca * x[b];
  }
}

function multiply(A: ArrayLike<number>, B: ArrayLike<number>, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let k = 0; k < d; k++) {
      const v = A[a * d + k];
      if (v === 0) continue;
      for (let b = 0; b < d; b++) out[a * d + b] += v * B[k * d + b];
    }
  }
  return out;
}

/**
 * Cluster values as indices 0 … G − 1 in order of first appearance, over the rows of positive
 * weight (a cluster whose rows all have weight 0 does not count).
 */
export function clusterIndex(
  values: readonly (string | number)[],
  sampleWeight: Float64Array | undefined,
): { index: Int32Array; count: number } {
  const ids = new Map<string | number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (sampleWeight !== undefined && !(sampleWeight[i] > 0)) continue;
    let g = ids.get(values[i]);
    if (g === undefined) {
      g = ids.size;
      ids.set(values[i], g);
    }
    index[i] = g;
  }
  return { index, count: ids.size };
}
