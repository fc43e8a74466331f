import { OptionError } from '../errors.js';
import { normInf } from '../linalg/vector.js';
import { seededRandom, shuffleInPlace } from '../math/seededRandom.js';
import type { SolverResult, SolverSettings, StopReason } from './objective.js';
import { SgdOptimizer } from './sgdOptimizer.js';
import type { SgdUpdateSettings } from './sgdOptimizer.js';
import type { StochasticObjective } from './stochasticObjective.js';
import { stoppingRule } from './stoppingRule.js';

/** Why {@link sgd} stopped: a solver's reasons, or early stopping on held-out rows. */
export type SgdStopReason = StopReason | 'early-stopping';

/** Settings of {@link sgd}. `maxIterations` counts epochs (passes over the training rows). */
export interface SgdSettings extends SolverSettings, Omit<SgdUpdateSettings, 'averageFrom'> {
  /** Rows per update: 1 is stochastic gradient descent, m the article's batch gradient descent. */
  readonly batchSize: number;
  /** Seed of the shuffles (and of the held-out split): the same seed gives the same result, bit for bit. */
  readonly seed: number;
  /** Average the iterates from the second epoch on (Polyak–Ruppert). Default false. */
  readonly average?: boolean | undefined;
  /**
   * Hold out this fraction of the rows (drawn at random once) and stop when their mean loss has
   * not improved by `validationTolerance` for `patience` epochs, returning the best point seen.
   * Default 0: no early stopping.
   */
  readonly validationFraction?: number | undefined;
  /** Epochs without improvement before early stopping. Default 5. */
  readonly patience?: number | undefined;
  /** The improvement of the held-out loss that counts. Default 1e-4. */
  readonly validationTolerance?: number | undefined;
}

/** What {@link sgd} returns: a solver result, plus the held-out loss per epoch. */
export interface SgdResult extends Omit<SolverResult, 'stopReason'> {
  readonly stopReason: SgdStopReason;
  /** The mean held-out loss after each epoch (entry 0: at the start); empty without a split. */
  readonly validationLossHistory: readonly number[];
}

/**
 * The article's mini-batch stochastic gradient descent: each epoch shuffles the training rows
 * (Fisher–Yates on {@link seededRandom}, so `Math.random` is never used and the same seed gives a
 * bit-identical result) and takes one {@link SgdOptimizer.partialFit} step per batch of
 * `batchSize` rows (the last batch of an epoch may be smaller).
 *
 * Stopping rule, checked after every epoch on the solution (the average when averaging): the
 * objective F over the training rows and its full gradient are evaluated (one more pass;
 * `lossHistory` holds F per epoch); converged when ‖∇F‖∞ ≤ tolerance; with a held-out
 * fraction, stopped early ('early-stopping', counted as converged) when the held-out loss has
 * not decreased by `validationTolerance` for `patience` epochs, returning the best epoch's point;
 * otherwise after `maxIterations` epochs, or when F is not finite (the step was too large).
 *
 * Convergence: with a constant step, SGD (batchSize < m) stalls in a noise ball of size O(η);
 * averaging shrinks it but, the loss not being quadratic, does not remove it (on pima,
 * standardized, C = 1, batches of 32, η = 1/L: F stays 8e-6 above the optimum, relatively);
 * a decaying step converges to the optimum ('optimal': within 3.5e-7 after 1000 epochs, for
 * every seed tried; see test/solvers/sgd.test.ts). With batchSize = m it is batch gradient
 * descent, which decreases F at every epoch for η ≤ 1/L and converges linearly.
 *
 * @throws {OptionError} a batch size that is not an integer ≥ 1, a validation fraction outside
 *   [0, 1) or one that leaves no training rows, and the errors of {@link SgdOptimizer}.
 */
export function sgd(
  objective: StochasticObjective,
  x0: Float64Array,
  settings: SgdSettings,
): SgdResult {
  const m = objective.rowCount;
  const { batchSize } = settings;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new OptionError(`sgd: batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  const fraction = settings.validationFraction ?? 0;
  if (!(fraction >= 0 && fraction < 1)) {
    throw new OptionError(`sgd: validationFraction must be in [0, 1), got ${fraction}`);
  }
  const patience = settings.patience ?? 5;
  const validationTolerance = settings.validationTolerance ?? 1e-4;
  const random = seededRandom(settings.seed);
  const all = Uint32Array.from({ length: m }, (_, i) => i);
  const held = fraction > 0 ? Math.max(1, Math.round(fraction * m)) : 0;
  if (held > 0) shuffleInPlace(all, random);
  const validation = all.slice(0, held).sort();
  const training = all.slice(held).sort();
  const n = training.length;
  if (n === 0) {
    throw new OptionError(`sgd: validationFraction ${fraction} leaves no rows to train on`);
  }
  const order = Uint32Array.from(training);
  const updatesPerEpoch = Math.ceil(n / batchSize);
  const optimizer = new SgdOptimizer(objective, x0, {
    learningRateSchedule: settings.learningRateSchedule,
    learningRate: settings.learningRate,
    learningRateExponent: settings.learningRateExponent,
    averageFrom: settings.average === true ? updatesPerEpoch : undefined,
  });

  const d = objective.dimension;
  const x = Float64Array.from(x0);
  const g = new Float64Array(d);
  const evaluate = (): number =>
    held === 0
      ? objective.valueAndGradient(x, g)
      : objective.batchValueAndGradient(x, training, 0, n, g);
  let f = evaluate();
  let gNorm = normInf(g);
  let evaluations = 1;
  const lossHistory = [f];
  const validationLossHistory: number[] = [];
  const best = { x: Float64Array.from(x), f, gNorm, loss: Infinity, stale: 0 };
  if (held > 0) {
    best.loss = objective.batchLoss(x, validation, 0, held);
    validationLossHistory.push(best.loss);
  }
  let epochs = 0;
  let stopReason: SgdStopReason;
  while (true) {
    const stop = stoppingRule(f, gNorm, epochs, settings.tolerance, settings.maxIterations);
    if (stop !== undefined) {
      stopReason = stop;
      break;
    }
    shuffleInPlace(order, random);
    for (let start = 0; start < n; start += batchSize) {
      optimizer.partialFit(order, start, Math.min(start + batchSize, n));
    }
    evaluations += updatesPerEpoch + 1;
    epochs++;
    optimizer.solution(x);
    f = evaluate();
    gNorm = normInf(g);
    lossHistory.push(f);
    settings.onIteration?.(epochs, f, gNorm);
    if (held > 0) {
      const loss = objective.batchLoss(x, validation, 0, held);
      validationLossHistory.push(loss);
      // As scikit-learn: a gain below the tolerance counts as none, but any gain moves the best.
      best.stale = loss > best.loss - validationTolerance ? best.stale + 1 : 0;
      if (loss < best.loss) {
        best.loss = loss;
        best.x.set(x);
        best.f = f;
        best.gNorm = gNorm;
      }
      if (best.stale >= patience) {
        stopReason = 'early-stopping';
        x.set(best.x);
        f = best.f;
        gNorm = best.gNorm;
        break;
      }
    }
  }
  return {
    x,
    iterations: epochs,
    converged: stopReason === 'gradient-tolerance' || stopReason === 'early-stopping',
    stopReason,
    objective: f,
    gradientNorm: gNorm,
    lossHistory,
    evaluations,
    validationLossHistory,
  };
}
