import { OptionError, ShapeError, ValueError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';

/** What the second argument of a binary metric holds, which decides how it is checked. */
export type MetricValueKind = 'label' | 'probability' | 'score';

/**
 * The checked inputs of a binary metric, copied into typed arrays (callers' arrays are never
 * kept or mutated).
 * - `y[i]` ∈ {0, 1}, 1 = positive class;
 * - `values[i]`: predicted labels (0/1), probabilities in [0, 1] or finite scores;
 * - `weight[i]` ≥ 0 (all ones when no `sampleWeight` was given), `totalWeight = Σ weight[i] > 0`.
 */
export interface MetricInputs {
  readonly y: Uint8Array;
  readonly values: Float64Array;
  readonly weight: Float64Array;
  readonly totalWeight: number;
}

/**
 * Checks `(yTrue, values, sampleWeight)` at the public boundary of a binary metric.
 *
 * @param where - the public function's name, for messages (`"rocAuc"`).
 * @param valuesName - the second argument's name (`"yPred"`, `"probability"`, `"score"`).
 * @throws {ShapeError} an argument is not array-like, is empty, or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1], a non-finite score,
 *   a negative or non-finite weight, or weights summing to 0.
 */
export function checkMetricInputs(
  where: string,
  yTrue: ArrayLike<number>,
  values: ArrayLike<number>,
  valuesName: string,
  kind: MetricValueKind,
  sampleWeight: ArrayLike<number> | undefined,
): MetricInputs {
  const y = checkBinaryLabels(where, 'yTrue', yTrue);
  const n = y.length;
  checkArrayLike(where, valuesName, values);
  if (values.length !== n) {
    throw new ShapeError(`${where}: ${valuesName} has ${values.length} values, but yTrue has ${n}`);
  }
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x: unknown = values[i];
    if (kind === 'label') {
      if (x !== 0 && x !== 1) {
        throw new ValueError(`${where}: ${valuesName}[${i}] must be 0 or 1, got ${describe(x)}`);
      }
    } else if (kind === 'probability') {
      if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
        throw new ValueError(
          `${where}: ${valuesName}[${i}] must be a probability in [0, 1], got ${describe(x)}`,
        );
      }
    } else if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new ValueError(
        `${where}: ${valuesName}[${i}] must be a finite number, got ${describe(x)}`,
      );
    }
    v[i] = x as number;
  }
  const { weight, totalWeight } = checkSampleWeight(where, n, sampleWeight);
  return { y, values: v, weight, totalWeight };
}

/**
 * Checks binary labels: a non-empty array-like of 0s and 1s.
 *
 * @throws {ShapeError} not array-like, or empty.
 * @throws {ValueError} an entry other than 0 or 1 (named by index).
 */
export function checkBinaryLabels(
  where: string,
  name: string,
  labels: ArrayLike<number>,
): Uint8Array {
  checkArrayLike(where, name, labels);
  const n = labels.length;
  if (n === 0) throw new ShapeError(`${where}: ${name} is empty`);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x: unknown = labels[i];
    if (x !== 0 && x !== 1) {
      throw new ValueError(
        `${where}: ${name}[${i}] must be 0 or 1 (1 = positive class), got ${describe(x)}`,
      );
    }
    y[i] = x;
  }
  return y;
}

/**
 * Checks optional per-row weights against `n` rows; no weights mean a weight of 1 per row.
 *
 * @throws {ShapeError} not array-like, or a length other than `n`.
 * @throws {ValueError} a negative or non-finite weight, or weights summing to 0.
 */
export function checkSampleWeight(
  where: string,
  n: number,
  sampleWeight: ArrayLike<number> | undefined,
): { readonly weight: Float64Array; readonly totalWeight: number } {
  const weight = new Float64Array(n);
  if (sampleWeight === undefined) {
    weight.fill(1);
    return { weight, totalWeight: n };
  }
  checkArrayLike(where, 'sampleWeight', sampleWeight);
  if (sampleWeight.length !== n) {
    throw new ShapeError(
      `${where}: sampleWeight has ${sampleWeight.length} values, but yTrue has ${n}`,
    );
  }
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const x: unknown = sampleWeight[i];
    if (typeof x !== 'number' || !(x >= 0 && x < Infinity)) {
      throw new ValueError(
        `${where}: sampleWeight[${i}] must be a finite number ≥ 0, got ${describe(x)}`,
      );
    }
    weight[i] = x;
    totalWeight += x;
  }
  if (!(totalWeight > 0)) {
    throw new ValueError(
      `${where}: sampleWeight sums to 0; at least one row needs a positive weight`,
    );
  }
  return { weight, totalWeight };
}

/** @throws {ShapeError} when `x` is not an array or typed array (strings are rejected too). */
export function checkArrayLike(where: string, name: string, x: unknown): void {
  const ok =
    Array.isArray(x) ||
    (ArrayBuffer.isView(x) && !(x instanceof DataView)) ||
    (typeof x === 'object' && x !== null && Number.isInteger((x as ArrayLike<unknown>).length));
  if (!ok) {
    throw new ShapeError(`${where}: ${name} must be an array of numbers, got ${describe(x)}`);
  }
}

/**
 * Checks that an options argument is a plain object whose keys are all known.
 *
 * @throws {OptionError} not an object, or an unknown key (the known ones are listed).
 */
export function checkOptionKeys(where: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new OptionError(
        `${where}: unknown option "${key}"; expected one of ${known.map((k) => `"${k}"`).join(', ')}`,
      );
    }
  }
}
