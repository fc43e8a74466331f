import type { Matrix } from '../linalg/matrix.js';
import { linearScore } from '../math/linearScore.js';
import { sigmoid } from '../math/sigmoid.js';
import type { KernelChoice } from './gradientKernel.js';
import { KernelMemory } from './kernelMemory.js';
import { scratchMemory } from './scratchMemory.js';
import { gradientKernelModule } from './wasmModules.js';
import { threadedScores } from './threadedScores.js';
import type { Scores } from './threadedScores.js';
import type { KernelThreadPool } from './threads/kernelThreadPool.js';

/** Below this many matrix entries, `'auto'` scores with the plain loop (a call costs more). */
export const SCORE_KERNEL_MIN_ENTRIES = 2048;
const AUTO_MIN_ENTRIES = SCORE_KERNEL_MIN_ENTRIES;
/** Bytes of X streamed through the scratch memory per block: well inside a 1 MB L2 cache. */
const BLOCK_BYTES = 1 << 17;

const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** The `scores` export bound to each kernel memory it has run on. */
const instances = new WeakMap<WebAssembly.Memory, Scores>();

function scoresOn(memory: WebAssembly.Memory, module: WebAssembly.Module): Scores {
  let run = instances.get(memory);
  if (run === undefined) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    run = instance.exports.scores as Scores;
    instances.set(memory, run);
  }
  return run;
}

function plainScores(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  probability: boolean,
): void {
  const { rows: m, cols: p, data } = X;
  for (let i = 0; i < m; i++) {
    const z = linearScore(data, i * p, w, b);
    out[i] = probability ? sigmoid(z) : z;
  }
}

function scoreInto(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  kernel: KernelChoice,
  probability: boolean,
  threadPool: KernelThreadPool | undefined,
): void {
  const { rows: m, cols: p } = X;
  if (w.length !== p || out.length < m) {
    const name = probability ? 'probabilities' : 'linearScores';
    throw new RangeError(
      `${name}: X is ${m} × ${p}, but w has ${w.length} entries and out ${out.length}`,
    );
  }
  if (
    kernel !== 'plain' &&
    threadPool !== undefined &&
    threadedScores(X, w, b, out, probability, threadPool)
  ) {
    return;
  }
  const flag = probability ? 1 : 0;
  const km = kernel === 'plain' ? undefined : KernelMemory.of(X);
  const module =
    kernel === 'plain' || (kernel === 'auto' && m * p < AUTO_MIN_ENTRIES)
      ? undefined
      : gradientKernelModule(km?.shared ?? false);
  if (module === undefined || p === 0) {
    plainScores(X, w, b, out, probability);
    return;
  }
  if (km !== undefined) {
    // X is read in place in one call; w goes where the gradient kernel keeps it (rewritten by
    // every pass) and the scores into the y region, whose owner is then cleared so that the next
    // gradient pass loads its y again.
    const run = scoresOn(km.memory, module);
    const f64 = km.f64;
    f64.set(w, km.wOffset / 8);
    km.owner = undefined;
    run(km.xOffset, m, p, km.wOffset, b, km.yOffset, flag);
    out.set(f64.subarray(km.yOffset / 8, km.yOffset / 8 + m));
    return;
  }
  // Stream fixed-size row blocks through a small scratch memory: w · the block's scores · its rows.
  const block = Math.max(2, Math.floor(BLOCK_BYTES / (8 * p)));
  const outOffset = align16(p * 8);
  const xOffset = outOffset + align16(block * 8);
  const { memory, run } = scratchMemory<Scores>(xOffset + block * p * 8, module, 'scores');
  const f64 = new Float64Array(memory.buffer);
  f64.set(w, 0);
  const data = X.data;
  for (let start = 0; start < m; start += block) {
    const n = Math.min(block, m - start);
    f64.set(data.subarray(start * p, (start + n) * p), xOffset / 8);
    run(xOffset, n, p, 0, b, outOffset, flag);
    out.set(f64.subarray(outOffset / 8, outOffset / 8 + n), start);
  }
}

/**
 * The linear model for every row, the article's equation 1: outᵢ = w·xᵢ + b. Runs a WebAssembly
 * SIMD kernel (assembly/scoreKernel.ts) that streams row blocks of X through a small scratch
 * memory (or reads X in place when it comes from {@link allocateKernelMatrix}); the plain loop of
 * {@link linearScore} is the reference and the fallback (`kernel: 'plain'`, tiny inputs, no
 * WebAssembly SIMD). The two differ only in summation order (about ε·Σⱼ|wⱼxᵢⱼ|). With a
 * `threadPool`, large inputs are scored over its worker threads too (src/kernels/threadedScores.ts),
 * each row exactly as one thread scores it.
 *
 * @param X - m × p, row-major; `w` p coefficients; `b` the intercept.
 * @param out - m or more doubles; entries 0 … m − 1 are overwritten.
 * @throws RangeError when `w` does not have p entries or `out` is shorter than m.
 * @example
 * const z = new Float64Array(2);
 * linearScores({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) }, new Float64Array([1, -1]), 0.5, z);
 * // z = [-0.5, -0.5]
 */
export function linearScores(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  kernel: KernelChoice = 'auto',
  threadPool?: KernelThreadPool,
): void {
  scoreInto(X, w, b, out, kernel, false, threadPool);
}

/**
 * σ(w·xᵢ + b) for every row (the article's equation 2 after equation 1), with the stable sigmoid
 * of src/math/sigmoid.ts; otherwise as {@link linearScores}.
 *
 * @throws RangeError when `w` does not have p entries or `out` is shorter than m.
 */
export function probabilities(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  kernel: KernelChoice = 'auto',
  threadPool?: KernelThreadPool,
): void {
  scoreInto(X, w, b, out, kernel, true, threadPool);
}
