import { SeparationError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';
import { sigmoid } from '../math/sigmoid.js';
import { describe } from '../validation/toMatrix.js';
import type { FitReport, SeparationReport } from '../options/fitReport.js';
import type { LogisticRegressionModel } from './logisticRegressionModel.js';
import { OneVsRestModel } from './oneVsRestModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import type { TrainPlan } from '../options/trainPlan.js';
import { checkSeparation } from './separationCheck.js';
import { classSummary } from './classCounts.js';
import { fitBinary } from './fitBinary.js';

/**
 * The one-vs-rest fit of `train` (its doc states how the K fits are combined): K
 * binary fits, class k (as `true`) against the rest, all with the same options and the
 * given row weights in place of `sampleWeight` and `classWeight`.
 *
 * Without a penalty each class-vs-rest problem goes through the binary separation check of
 * `train`: when one is separated (and `onSeparation` is 'error'), the remaining classes are only
 * checked, not fitted, and one SeparationError names every separated class with its features.
 * With 'warn', `fitReport.separation` lists the separated classes and the union of their features.
 *
 * @throws {SeparationError} some class-vs-rest problem is separated (penalty 'none').
 * @param X - m × p, dense or CSR (passed to `train` as it is).
 * @param weights - row weights sᵢ from the K-class labels, or undefined for all ones.
 * @param where - the public function named in error messages.
 */
export function fitOneVsRest(
  X: FeatureMatrix,
  labels: readonly Label[],
  classes: readonly Label[],
  weights: Float64Array | undefined,
  opts: TrainOptions,
  plan: TrainPlan,
  featureNames: readonly string[],
  where: string,
): OneVsRestModel {
  // The row weights replace sampleWeight and classWeight (computed on the K-class labels); each
  // fit is binary.
  const shared = Object.fromEntries(
    Object.entries(opts).filter(
      ([key]) => key !== 'sampleWeight' && key !== 'classWeight' && key !== 'multiClass',
    ),
  ) as TrainOptions;
  const binaryOptions: TrainOptions = {
    ...shared,
    featureNames,
    positiveClass: true,
    // Both labels are intended: no rare-class warning per class (it is given once, below).
    classes: [false, true],
    ...(weights === undefined ? {} : { sampleWeight: weights }),
  };
  const fits = fitEach(X, labels, classes, weights, binaryOptions, plan.fitIntercept, where);
  const reports = fits.map((f) => f.fitReport);
  const coefficients = fits.map((f) => f.coefficients);
  const intercepts = fits.map((f) => f.intercept);
  const first = reports[0];
  const length = Math.max(...reports.map((r) => r.lossHistory.length));
  const firstFailure = reports.find((r) => !r.converged);
  const summary = classSummary(labels, classes, opts.classes);
  const fitReport: FitReport = {
    solver: first.solver,
    penalty: first.penalty,
    C: first.C,
    standardize: first.standardize,
    fitIntercept: first.fitIntercept,
    iterations: Math.max(...reports.map((r) => r.iterations)),
    converged: firstFailure === undefined,
    stopReason: firstFailure?.stopReason ?? first.stopReason,
    objective: sum(reports.map((r) => r.objective)),
    gradientNorm: Math.max(...reports.map((r) => r.gradientNorm)),
    tolerance: first.tolerance,
    lossHistory: Array.from({ length }, (_, t) =>
      sum(reports.map((r) => r.lossHistory[Math.min(t, r.lossHistory.length - 1)])),
    ),
    logLoss: oneVsRestLogLoss(X, labels, classes, coefficients, intercepts, weights),
    nObservations: first.nObservations,
    nFeatures: first.nFeatures,
    sumWeights: first.sumWeights,
    classCounts: summary.classCounts,
    warnings: [
      ...summary.warnings,
      ...reports.flatMap((r, k) =>
        r.warnings.map((w) => `class ${describe(classes[k])} vs rest: ${w}`),
      ),
    ],
    ...separationOf(reports, classes),
  };
  return new OneVsRestModel({
    coefficients,
    intercepts,
    classes,
    featureNames,
    fitReport,
    classFitReports: reports,
  });
}

/** The K binary fits; on a SeparationError, checks the other classes and throws for all. */
function fitEach(
  X: FeatureMatrix,
  labels: readonly Label[],
  classes: readonly Label[],
  weights: Float64Array | undefined,
  options: TrainOptions,
  fitIntercept: boolean,
  where: string,
): LogisticRegressionModel[] {
  const fits: LogisticRegressionModel[] = [];
  const separated: { cls: Label; report: SeparationReport }[] = [];
  for (const cls of classes) {
    const binary = labels.map((v) => v === cls);
    if (separated.length === 0) {
      try {
        fits.push(fitBinary(X, binary, options, true));
        continue;
      } catch (error) {
        if (!(error instanceof SeparationError)) throw error;
        separated.push({ cls, report: { kind: error.kind, features: error.features } });
        continue;
      }
    }
    const report = checkSeparation(
      X,
      Float64Array.from(binary, Number),
      weights,
      fitIntercept,
      options.featureNames ?? [],
    );
    if (report !== undefined) separated.push({ cls, report });
  }
  if (separated.length === 0) return fits;
  const each = separated
    .map(
      ({ cls, report }) =>
        `class ${describe(cls)} vs rest ${report.kind === 'complete' ? 'completely' : 'quasi-completely'} (${report.features.join(', ')})`,
    )
    .join('; ');
  throw new SeparationError(
    `${where}: one-vs-rest without a penalty: a hyperplane separates ${each}, so those maximum-likelihood ` +
      `estimates do not exist: the coefficients grow without bound. Use penalty 'firth' (Firth's bias-reduced fit: ` +
      `finite estimates with standard errors) or penalty 'l2' (C sets its strength), or drop the separating features.`,
    separated.every((s) => s.report.kind === 'complete') ? 'complete' : 'quasi-complete',
    [...new Set(separated.flatMap((s) => s.report.features))],
    separated.map((s) => s.cls),
  );
}

/** `separation` for the combined report: the separated classes and the union of their features. */
function separationOf(
  reports: readonly FitReport[],
  classes: readonly Label[],
): { separation?: SeparationReport } {
  const separated = reports.flatMap((r, k) =>
    r.separation === undefined ? [] : [{ cls: classes[k], report: r.separation }],
  );
  if (separated.length === 0) return {};
  return {
    separation: {
      kind: separated.every((s) => s.report.kind === 'complete') ? 'complete' : 'quasi-complete',
      features: [...new Set(separated.flatMap((s) => s.report.features))],
      classes: separated.map((s) => s.cls),
    },
  };
}

/** (1/S)·Σᵢ sᵢ·(−log pᵢ,yᵢ) with pᵢₖ = σ(zᵢₖ)/Σₗ σ(zᵢₗ), the one-vs-rest probabilities. */
function oneVsRestLogLoss(
  X: FeatureMatrix,
  labels: readonly Label[],
  classes: readonly Label[],
  coefficients: readonly (readonly number[])[],
  intercepts: readonly number[],
  weights: Float64Array | undefined,
): number {
  const K = classes.length;
  const sparse = isSparseMatrix(X) ? X : undefined;
  const score = (i: number, k: number): number =>
    sparse === undefined
      ? linearScore((X as Matrix).data, i * X.cols, coefficients[k], intercepts[k])
      : sparseRowScore(sparse, i, coefficients[k], intercepts[k]);
  let loss = 0;
  let total = 0;
  for (let i = 0; i < X.rows; i++) {
    const s = weights === undefined ? 1 : weights[i];
    let sumSigmoid = 0;
    let own = 0;
    for (let k = 0; k < K; k++) {
      const q = sigmoid(score(i, k));
      sumSigmoid += q;
      if (classes[k] === labels[i]) own = q;
    }
    const probability = sumSigmoid > 0 ? own / sumSigmoid : 1 / K; // as predictProba
    loss -= s * Math.log(Math.max(probability, Number.MIN_VALUE));
    total += s;
  }
  return loss / total;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
