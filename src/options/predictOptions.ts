import type { KernelThreadPool } from '../kernels/threads/kernelThreadPool.js';
import { checkOptions, numberArrayCheck, threadPoolCheck } from '../validation/optionChecks.js';

/**
 * Options of a binary model's `predictProba`, `positiveProbability`, `predict` and
 * `decisionFunction`.
 *
 * @example
 * const pool = createThreadPool(); // from logreg/node
 * const p = model.predictProba(X, { threadPool: pool });
 */
export interface PredictOptions {
  /**
   * Worker threads to score dense X on (the pool `train` takes): rows of X in kernel memory (see
   * `allocateKernelMatrix`) are split between the threads; an ordinary array is copied block by
   * block into a small shared ring by the calling thread while a worker scores the blocks already
   * copied. The results are bit for bit those without threads. Ignored for small inputs (under
   * 1,000,000 entries), sparse X and where WebAssembly threads are unavailable. The workers stay
   * attached to the data they scored until the pool next works on other data (or is closed).
   */
  readonly threadPool?: KernelThreadPool | undefined;
  /**
   * One offset per row of X, added to the score (z = w·x + b + offset), as R's `predict.glm` takes
   * the offset from `newdata`. Required by a model fitted with an offset, refused by the others.
   */
  readonly offset?: readonly number[] | Float64Array | undefined;
}

/**
 * Checks the options of a prediction method once, at the public boundary.
 *
 * @throws {OptionError} naming the method and the option, or an unknown option.
 */
export function checkPredictOptions(options: unknown, where: string): PredictOptions {
  return checkOptions<PredictOptions>(where, options, {
    threadPool: threadPoolCheck,
    offset: numberArrayCheck,
  });
}
