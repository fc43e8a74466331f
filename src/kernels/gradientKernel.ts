import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { ShiftedSums } from './columnMomentsKernel.js';
import { crossEntropyGradient } from './crossEntropyGradient.js';
import type { KernelThreadPool } from './threads/kernelThreadPool.js';
import { WasmGradientKernel } from './wasmGradientKernel.js';
import { gradientKernelModule, sharedMemorySupported } from './wasmModules.js';

/**
 * One fused pass over bound data (X, y, s): the contract of {@link crossEntropyGradient}.
 * Returns the mean loss (1/S)·Σᵢ sᵢ·(softplus(zᵢ) − yᵢzᵢ) and overwrites `gradOut` (length p + 1)
 * with (1/S)·Σᵢ sᵢ(σ(zᵢ) − yᵢ)·x̃ᵢ, intercept last, zᵢ = w·xᵢ + b.
 */
export interface GradientKernel {
  /** `'plain'`, `'wasm-simd'` or `'wasm-simd×N'` (N threads): which code ran. */
  readonly name: string;
  lossAndGradient(w: Float64Array, b: number, gradOut: Float64Array): number;
  /**
   * Optional (the WASM kernel): makes the kernel's copy of X now and returns X's shifted column
   * sums from the same pass over X, for feature scaling, and with `fingerprint` the data
   * fingerprint's in-order sums too; undefined when it cannot.
   */
  columnSums?(fingerprint?: boolean): ShiftedSums | undefined;
  /**
   * Optional (the WebAssembly kernel has it): overwrites `out` (d × d, d = p + intercept,
   * row-major, both triangles) with the unnormalized weighted Gram matrix
   * Σᵢ sᵢσ(zᵢ)(1 − σ(zᵢ))·x̃ᵢx̃ᵢᵀ, x̃ᵢ = ((xᵢ − center)/scale, 1), zᵢ = w·xᵢ + b: Newton's Hessian
   * before the 1/S and the penalty. Returns false when it cannot (then `out` is untouched and the
   * caller runs the reference loop of LogisticObjective.hessian).
   */
  weightedGram?(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    out: Float64Array,
  ): boolean;
  /**
   * Optional (the WebAssembly kernel has it): overwrites `out` (d doubles) with Firth's score
   * correction Σᵢ cᵢ·x̃ᵢ, cᵢ = hᵢ(½ − pᵢ)/S, with the hat values hᵢ = sᵢpᵢ(1 − pᵢ)·‖L⁻¹x̃ᵢ‖²/S
   * (`lower` = L, d × d, LLᵀ = the information over S; `total` = S). Returns false when
   * it cannot (then FirthObjective runs its reference loop).
   */
  firthCorrection?(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    lower: Float64Array,
    total: number,
    out: Float64Array,
  ): boolean;
  /** Frees what the kernel holds (its WebAssembly memory, attached worker threads). Idempotent; the
   * kernel stays usable and re-acquires them on the next call. */
  release(): void;
}

/** Which gradient kernel to run. `'auto'`: WebAssembly SIMD when available and the data are not tiny. */
export type KernelChoice = 'auto' | 'plain' | 'wasm';

/** Options of {@link createGradientKernel}. */
export interface GradientKernelOptions {
  readonly kernel?: KernelChoice | undefined;
  /** Worker threads to share the rows with (WASM kernel only). */
  readonly threadPool?: KernelThreadPool | undefined;
  /** Give each thread at least this many matrix entries (default 100,000; fewer threads otherwise). */
  readonly minEntriesPerThread?: number | undefined;
}

/** Below this many matrix entries, `'auto'` keeps the plain kernel: WASM setup would dominate. */
const AUTO_MIN_ENTRIES = 4096;

/**
 * The reference: {@link crossEntropyGradient} itself (for CSR X, its sparse pass). With `offset`
 * (one per row), zᵢ = w·xᵢ + b + oᵢ: fits with an offset run this kernel.
 */
export function plainGradientKernel(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  offset?: Float64Array,
): GradientKernel {
  return {
    name: 'plain',
    lossAndGradient: (w, b, gradOut) =>
      crossEntropyGradient(X, y, w, b, gradOut, sampleWeight, offset),
    release: () => undefined,
  };
}

/**
 * The fastest gradient kernel available for the data: the WebAssembly SIMD kernel
 * (assembly/gradientKernel.ts, optionally over worker threads) or, where WebAssembly SIMD is
 * unavailable or `kernel: 'plain'`, the plain TypeScript reference. Both agree to rounding
 * (tests hold them to 1e-12 relative). Nothing is copied until the first pass. CSR data always get
 * the plain kernel (its sparse pass): the WebAssembly kernel reads dense rows only.
 *
 * @param X - m × p, row-major (read in place when it comes from {@link allocateKernelMatrix}) or CSR.
 * @param y - m targets in [0, 1]; `sampleWeight` m weights or undefined for ones.
 * @example
 * const kernel = createGradientKernel(X, y, undefined);
 * const loss = kernel.lossAndGradient(w, 0, grad);
 * kernel.release();
 */
export function createGradientKernel(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  options: GradientKernelOptions = {},
): GradientKernel {
  const choice = options.kernel ?? 'auto';
  if (choice === 'plain' || isSparseMatrix(X)) return plainGradientKernel(X, y, sampleWeight);
  if (choice === 'auto' && X.rows * X.cols < AUTO_MIN_ENTRIES && options.threadPool === undefined) {
    return plainGradientKernel(X, y, sampleWeight);
  }
  if (gradientKernelModule(sharedMemorySupported()) === undefined) {
    if (gradientKernelModule(false) === undefined) return plainGradientKernel(X, y, sampleWeight);
  }
  return new WasmGradientKernel(
    X,
    y,
    sampleWeight,
    options.threadPool,
    options.minEntriesPerThread,
  );
}
