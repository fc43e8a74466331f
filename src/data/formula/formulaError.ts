import { InputError } from '../../errors.js';

/**
 * A model formula cannot be read or used: a syntax error, an unknown function, a column the data
 * lack. The message names the problem, then shows the formula with a caret `^` under the
 * character where it fails (0-based {@link FormulaError.position}; the formula's length when the
 * formula ends too early):
 *
 * ```
 * formula: expected a term after "+"
 *   low ~ age +
 *              ^
 * ```
 */
export class FormulaError extends InputError {
  override readonly name: string = 'FormulaError';
  constructor(
    /** The formula as the user wrote it. */
    readonly formula: string,
    /** The 0-based index of the failing character (`formula.length` at the end). */
    readonly position: number,
    /** What is wrong, without the formula. */
    readonly problem: string,
  ) {
    super(`formula: ${problem}\n  ${oneLine(formula)}\n  ${' '.repeat(position)}^`);
  }
}

/** Line breaks and tabs shown as spaces, so the caret stays under its character. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}
