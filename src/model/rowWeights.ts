import { OptionError, ShapeError, ValueError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';

/**
 * The weights of the moments that `standardize` scales by: the fit's row weights, or with
 * `standardizeWeights: 'sample'` the sample weights alone (see {@link TrainOptions.standardizeWeights}).
 */
export function standardizingWeights(
  options: Pick<TrainOptions, 'sampleWeight' | 'standardize' | 'standardizeWeights'>,
  weights: Float64Array | undefined,
  labels: readonly Label[],
  classes: readonly Label[],
  where: string,
): Float64Array | undefined {
  if (options.standardize !== true || options.standardizeWeights !== 'sample') return weights;
  const { sampleWeight } = options;
  return sampleWeight === undefined
    ? undefined
    : rowWeights({ sampleWeight }, labels, classes, where);
}

/**
 * The weight sᵢ of each row: `sampleWeight` times the weight of the row's class. `'balanced'`
 * gives class k the weight n / (2·nₖ), scikit-learn's rule (counts are unweighted rows).
 *
 * @returns undefined when every weight is 1 (the kernels then skip the multiplications).
 * @throws {ShapeError} a `sampleWeight` of the wrong length; {@link ValueError} a negative or
 * non-finite weight, or all weights zero; {@link OptionError} a class weight for an unknown class.
 */
export function rowWeights(
  options: Pick<TrainOptions, 'sampleWeight' | 'classWeight'>,
  labels: readonly Label[],
  classes: readonly Label[],
  where = 'train',
): Float64Array | undefined {
  const { sampleWeight, classWeight } = options;
  const m = labels.length;
  if (sampleWeight === undefined && classWeight === undefined) return undefined;
  const s = new Float64Array(m).fill(1);
  if (sampleWeight !== undefined) {
    if (sampleWeight.length !== m) {
      throw new ShapeError(
        `${where}: sampleWeight has ${sampleWeight.length} entries, but X has ${m} rows`,
      );
    }
    for (let i = 0; i < m; i++) {
      const v = sampleWeight[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new ValueError(
          `${where}: sampleWeight[${i}] must be a finite number ≥ 0, got ${describe(v)}`,
        );
      }
      s[i] = v;
    }
  }
  if (classWeight !== undefined) {
    const perClass = classWeights(classWeight, labels, classes, where);
    for (let i = 0; i < m; i++) s[i] *= perClass.get(labels[i]) ?? 1;
  }
  let total = 0;
  for (let i = 0; i < m; i++) total += s[i];
  if (!(total > 0))
    throw new ValueError(`${where}: the row weights sum to 0; at least one row must count`);
  if (total === Infinity) {
    // The objective divides by Σ sᵢ; rescaling the weights silently would change a penalized fit.
    throw new ValueError(
      `${where}: the row weights sum to more than the largest double (1.8e308); divide them by a constant (the unpenalized fit is unchanged; with a penalty, multiply C by the same constant)`,
    );
  }
  return s;
}

function classWeights(
  classWeight: NonNullable<TrainOptions['classWeight']>,
  labels: readonly Label[],
  classes: readonly Label[],
  where: string,
): Map<Label, number> {
  const result = new Map<Label, number>();
  if (classWeight === 'balanced') {
    const counts = new Map<Label, number>();
    for (const v of labels) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const c of classes) result.set(c, labels.length / (classes.length * (counts.get(c) ?? 1)));
    return result;
  }
  const entries: [unknown, unknown][] =
    classWeight instanceof Map ? [...classWeight.entries()] : Object.entries(classWeight);
  for (const [key, value] of entries) {
    const cls = classes.find((c) => c === key || String(c) === String(key));
    if (cls === undefined) {
      throw new OptionError(
        `${where}: classWeight names ${describe(key)}, which is not a class (classes: ${classes.map(describe).join(', ')})`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new OptionError(
        `${where}: classWeight for ${describe(key)} must be a finite number ≥ 0, got ${describe(value)}`,
      );
    }
    result.set(cls, value);
  }
  return result;
}
