import { MAX_COVARIANCE_DIMENSION } from '../inference/coefficientCovariance.js';
import type { InferenceData } from '../inference/inferenceData.js';
import type { GradientKernel } from '../kernels/gradientKernel.js';
import { pivotedCholesky } from '../linalg/pivotedCholesky.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { LogisticObjective } from '../objectives/logisticObjective.js';
import type { FeatureScaling } from './featureScaling.js';
import { LogisticRegressionModel } from './logisticRegressionModel.js';

/**
 * R's tolerance for a dependent column: lm's qr tolerance 1e-7 (glm's is at most that), on the
 * relative residual norm ‖aⱼ − P aⱼ‖/‖aⱼ‖; squared, as the Gram matrix sees it.
 */
export const ALIASING_TOLERANCE = 1e-14;

/** The linearly dependent features of a design, as R's glm finds them. */
export interface Aliasing {
  /** One flag per feature. */
  readonly aliased: readonly boolean[];
  /** The features that are not aliased, in order. */
  readonly kept: readonly number[];
  /** One warning per aliased feature, naming the features it depends on. */
  readonly messages: readonly string[];
}

/**
 * The features that are linear combinations of earlier ones (and the intercept), found as R's
 * `glm.fit` does, by a pivoted decomposition of the weighted design at R's tolerance, here on the
 * centred and scaled design's weighted Gram matrix X̃ᵀSX̃ ({@link pivotedCholesky}, tolerance
 * {@link ALIASING_TOLERANCE}). Rows of weight 0 do not count. Undefined when no column is
 * aliased, or above MAX_COVARIANCE_DIMENSION parameters (the d × d matrix is not formed). The
 * fit's `gradientKernel` (bound to the same X and weights), when given, lends the Hessian its
 * fast path. The Gram is the Hessian at coefficients 0 and intercept `intercept` (default 0):
 * every fitted probability is then the same p₀, so it is X̃ᵀSX̃·p₀(1 − p₀)/Σs, the same test; at
 * the fit's start point it is Newton's first Hessian, which the kernel then reuses.
 */
export function findAliasedColumns(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  fitIntercept: boolean,
  scaling: FeatureScaling,
  names: readonly string[],
  gradientKernel?: GradientKernel,
  intercept = 0,
): Aliasing | undefined {
  const p = X.cols;
  const d = p + (fitIntercept ? 1 : 0);
  if (d > MAX_COVARIANCE_DIMENSION) return undefined;
  const objective = new LogisticObjective({
    X,
    y,
    sampleWeight,
    fitIntercept,
    l2: 0,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: false,
    ...(gradientKernel === undefined ? {} : { gradientKernel }),
  });
  const gram = new Float64Array(d * d);
  const theta = new Float64Array(d);
  if (fitIntercept) theta[p] = intercept;
  objective.hessian(theta, gram);
  return aliasingOfGram(gram, p, fitIntercept, scaling.scale, names);
}

/**
 * The aliased features of a design from a weighted Gram matrix of its centred, scaled columns
 * (d × d, d = p + intercept, row-major; any positive row weights and any positive factor: the
 * test is on each column's relative residual, as {@link findAliasedColumns} describes), e.g. the
 * Hessian X̃ᵀWX̃/S at a fitted point, whose weights are those R's glm decides aliasing with.
 * `scale` maps the Gram's coordinates to original units (for the messages). Undefined when no
 * column is aliased.
 */
export function aliasingOfGram(
  gram: Float64Array,
  p: number,
  fitIntercept: boolean,
  scale: Float64Array,
  names: readonly string[],
): Aliasing | undefined {
  const d = p + (fitIntercept ? 1 : 0);
  const report = pivotedCholesky(gram, d, ALIASING_TOLERANCE);
  if (report.rank === d) return undefined;
  const aliased = report.aliased.slice(0, p);
  const messages = report.dependencies
    .filter((dep) => dep.column < p)
    .map((dep) => {
      const j = dep.column;
      // (xⱼ − cⱼ)/sⱼ = Σ βₖ(xₖ − cₖ)/sₖ, so in original units xⱼ = Σ βₖ·sⱼ/sₖ·xₖ + constant.
      const terms = dep.on
        .filter((t) => t.column < p)
        .map((t) => ({
          name: names[t.column],
          coefficient: (t.coefficient * scale[j]) / scale[t.column],
        }));
      const largest = Math.max(0, ...terms.map((t) => Math.abs(t.coefficient)));
      const used = terms.filter((t) => Math.abs(t.coefficient) > 1e-8 * largest);
      const formula = used
        .map((t, k) => {
          const c = +t.coefficient.toPrecision(6);
          const sign = c < 0 ? (k === 0 ? '-' : ' - ') : k === 0 ? '' : ' + ';
          return `${sign}${Math.abs(c)} × '${t.name}'`;
        })
        .join('');
      const on =
        used.length > 0
          ? used.map((t) => `'${t.name}'`).join(', ')
          : fitIntercept
            ? 'the intercept'
            : 'no feature (it is 0 on every row of positive weight)';
      return (
        `feature '${names[j]}' is aliased: it is a linear combination of ${on} ` +
        `('${names[j]}' = ${formula || '0'}${fitIntercept ? ' + constant' : ''}), so its coefficient ` +
        `is not estimable; it is reported as NA and is 0 in predictions, as in R's glm`
      );
    });
  const kept: number[] = [];
  for (let j = 0; j < p; j++) if (!aliased[j]) kept.push(j);
  return { aliased, kept, messages };
}

/**
 * The model of the full design from the fit on its non-aliased columns: coefficient 0 for each
 * aliased feature (so predictions use the estimable part only), its covariance rows and columns 0
 * and profile bounds NaN (the summary reads the `aliased` flags and prints NA there).
 */
export function expandAliasedModel(
  fit: LogisticRegressionModel,
  aliasing: Aliasing,
  names: readonly string[],
): LogisticRegressionModel {
  const p = names.length;
  const { kept } = aliasing;
  const coefficients = new Array<number>(p).fill(0);
  kept.forEach((j, k) => (coefficients[j] = fit.coefficients[k]));
  const report = fit.fitReport;
  const inference = fit.inference;
  const fitIntercept = report.fitIntercept;
  // Parameter k of the reduced fit is parameter full[k] of the full one (the intercept last).
  const full = fitIntercept ? [...kept, p] : [...kept];
  const d = full.length;
  const D = p + (fitIntercept ? 1 : 0);
  let expanded: InferenceData | undefined;
  if (inference !== undefined) {
    const expand = (values: readonly number[], fill: number): number[] => {
      const out = new Array<number>(D).fill(fill);
      full.forEach((to, k) => (out[to] = values[k]));
      return out;
    };
    const expandMatrix = (values: readonly number[]): number[] => {
      const out = new Array<number>(D * D).fill(0);
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) out[full[a] * D + full[b]] = values[a * d + b];
      }
      return out;
    };
    const covariance = inference.covariance === null ? null : expandMatrix(inference.covariance);
    expanded = {
      ...inference,
      covariance,
      ...(inference.robust === undefined
        ? {}
        : {
            robust: { ...inference.robust, covariance: expandMatrix(inference.robust.covariance) },
          }),
      ...(inference.profile === undefined
        ? {}
        : {
            profile: {
              level: inference.profile.level,
              lower: expand(inference.profile.lower, NaN),
              upper: expand(inference.profile.upper, NaN),
            },
          }),
    };
  }
  return new LogisticRegressionModel({
    coefficients,
    intercept: fit.intercept,
    classes: fit.classes,
    positiveClass: fit.positiveClass,
    featureNames: names,
    fitReport: {
      ...report,
      nFeatures: p,
      aliased: aliasing.aliased,
      warnings: [...aliasing.messages, ...report.warnings],
    },
    inference: expanded,
    ...(fit.offset === undefined ? {} : { offset: fit.offset }),
  });
}
