import { normInf } from '../linalg/vector.js';
import type { RowChunks } from '../objectives/rowChunks.js';
import type { StreamedBatchObjective } from '../objectives/streamedBatchObjective.js';
import { SgdOptimizer } from '../solvers/sgdOptimizer.js';
import type { SgdUpdateSettings } from '../solvers/sgdOptimizer.js';
import type { SgdResult } from '../solvers/sgd.js';
import type { SolverSettings } from '../solvers/objective.js';
import { stoppingRule } from '../solvers/stoppingRule.js';

/** Settings of {@link streamSgd}: `maxIterations` counts passes over the stream. */
export interface StreamSgdSettings extends SolverSettings, Omit<SgdUpdateSettings, 'averageFrom'> {
  readonly batchSize: number;
  readonly average?: boolean | undefined;
  /** Called after each learning pass over the source. */
  readonly onPass?: (() => void) | undefined;
}

/** {@link streamSgd}'s result: the solver's, plus the progressive loss of each pass. */
export interface StreamSgdResult extends SgdResult {
  /**
   * Per pass, the mean loss (1/S)·Σᵢ sᵢ·ℓᵢ(θ before row i's update): on the first pass every row
   * is scored before it is trained on, an honest held-out estimate (Vowpal Wabbit's progressive
   * validation); later passes have seen the rows before.
   */
  readonly progressiveLoss: readonly number[];
}

/**
 * Stochastic gradient descent over a stream: each pass reads the chunks in the source's order
 * (rows are not shuffled: the stream is read once per pass, as it comes) and takes one
 * {@link SgdOptimizer.partialFit} step per batch of `batchSize` rows of a chunk (a chunk's last
 * batch may be smaller). After each pass the full objective and gradient are evaluated (one more
 * pass) for `lossHistory` and the stopping rule: converged when ‖∇F‖∞ ≤ tolerance, else after
 * `maxIterations` passes or when F is not finite.
 */
export function streamSgd(
  source: RowChunks,
  objective: StreamedBatchObjective,
  x0: Float64Array,
  settings: StreamSgdSettings,
): StreamSgdResult {
  const optimizer = new SgdOptimizer(objective, x0, {
    learningRateSchedule: settings.learningRateSchedule,
    learningRate: settings.learningRate,
    learningRateExponent: settings.learningRateExponent,
    averageFrom: settings.average === true ? 0 : undefined,
  });
  const { batchSize } = settings;
  const d = objective.dimension;
  const x = Float64Array.from(x0);
  const g = new Float64Array(d);
  let f = objective.valueAndGradient(x, g);
  let gNorm = normInf(g);
  let evaluations = 1;
  const lossHistory = [f];
  const progressiveLoss: number[] = [];
  let identity = new Uint32Array(0);
  let passes = 0;
  let stopReason;
  while (true) {
    stopReason = stoppingRule(f, gNorm, passes, settings.tolerance, settings.maxIterations);
    if (stopReason !== undefined) break;
    let loss = 0;
    let weight = 0;
    for (const chunk of source.chunks()) {
      const m = chunk.X.rows;
      if (identity.length < m) identity = Uint32Array.from({ length: m }, (_, i) => i);
      objective.setChunk(chunk);
      for (let start = 0; start < m; start += batchSize) {
        optimizer.partialFit(identity, start, Math.min(start + batchSize, m));
        loss += objective.lastLoss;
        weight += objective.lastWeight;
        evaluations++;
      }
    }
    settings.onPass?.();
    progressiveLoss.push(loss / weight);
    passes++;
    optimizer.solution(x);
    f = objective.valueAndGradient(x, g);
    gNorm = normInf(g);
    evaluations++;
    lossHistory.push(f);
    settings.onIteration?.(passes, f, gNorm);
  }
  return {
    x,
    iterations: passes,
    converged: stopReason === 'gradient-tolerance',
    stopReason,
    objective: f,
    gradientNorm: gNorm,
    lossHistory,
    evaluations,
    validationLossHistory: [],
    progressiveLoss,
  };
}
