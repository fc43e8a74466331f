import { InputError } from '../errors.js';

/**
 * A data or output file cannot be used: it is missing, malformed, or its content does not fit
 * the command. The message names the file, the 1-based line when there is one, and the problem:
 * `pima.csv: line 12, column "age": expected a number, got "n/a"`.
 */
export class DataFileError extends InputError {
  override readonly name: string = 'DataFileError';
  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** The 1-based line of the file (the header is line 1), or undefined for the whole file. */
    readonly line: number | undefined,
    /** What is wrong, without the file and line. */
    readonly problem: string,
  ) {
    super(
      line === undefined
        ? `${file}: ${problem}`
        : `${file}: line ${line}${joiner(problem)}${problem}`,
    );
  }
}

/** `line 3, column "x": …` reads better than `line 3: column "x": …`. */
function joiner(problem: string): string {
  return problem.startsWith('column ') ? ', ' : ': ';
}
