import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { TrainOptions } from '../options/trainOptions.js';

/**
 * Fits along a grid of C in the given order, each fit started from the previous solution (a warm
 * start, as glmnet walks its λ path from the largest penalty down): `fit` receives `{ C }` for
 * the first C and `{ C, initialCoefficients, initialIntercept }` of the previous model after
 * that. Neighbouring solutions are close, so each fit needs few iterations; the L2 objective is
 * strictly convex, so each model equals a cold fit at its C up to the solver tolerance.
 * `chooseC` fits each fold's grid this way.
 *
 * @example
 * const models = warmStartPath([0.01, 0.1, 1], (extra) => train(X, y, { ...options, ...extra }));
 */
export function warmStartPath(
  Cs: readonly number[],
  fit: (extra: TrainOptions) => LogisticRegressionModel,
): LogisticRegressionModel[] {
  const models: LogisticRegressionModel[] = [];
  for (const C of Cs) {
    const previous = models.at(-1);
    models.push(
      fit(
        previous === undefined
          ? { C }
          : {
              C,
              initialCoefficients: previous.coefficients,
              initialIntercept: previous.intercept,
            },
      ),
    );
  }
  return models;
}
