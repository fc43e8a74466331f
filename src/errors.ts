/**
 * The one error policy of logreg: a user mistake throws an {@link InputError} (or a subclass)
 * whose message names the function, the argument, what was expected and what was received.
 * Anything else that escapes is a bug.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

/** An option is unknown, out of range, or incompatible with another option. */
export class OptionError extends InputError {
  override readonly name: string = 'OptionError';
}

/** Data have the wrong shape: ragged rows, length mismatches, wrong feature count, empty input. */
export class ShapeError extends InputError {
  override readonly name: string = 'ShapeError';
}

/** A value is not usable: NaN, ±Infinity, an unknown label, a single class. */
export class ValueError extends InputError {
  override readonly name: string = 'ValueError';
}

/** A serialized model is corrupt, of another format, or from a future version. */
export class ModelFormatError extends InputError {
  override readonly name: string = 'ModelFormatError';
}

/**
 * The maximum-likelihood estimate does not exist because the classes are (quasi-)completely
 * separated by a hyperplane: unpenalized coefficients diverge. Carries the features involved.
 */
export class SeparationError extends InputError {
  override readonly name: string = 'SeparationError';
  constructor(
    message: string,
    /** `'complete'` or `'quasi-complete'`. */
    readonly kind: 'complete' | 'quasi-complete',
    /** Names of the features (and `(Intercept)`) whose estimates diverge. */
    readonly features: readonly string[],
    /** Multiclass fits: the classes involved (empty for a binary fit). */
    readonly classes: readonly (number | string | boolean)[] = [],
  ) {
    super(message);
  }
}

/**
 * A fit ended in a result that cannot be used (non-finite coefficients, intercept or objective),
 * from a diverging solver or an overflowing sum; the message says what to change. No model is
 * returned.
 */
export class FitError extends InputError {
  override readonly name: string = 'FitError';
}
