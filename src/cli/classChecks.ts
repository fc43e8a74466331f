import { InvalidArgumentError } from 'commander';
import { classSummary, countClasses, rareClasses, rareClassWarning } from '../model/classCounts.js';
import type { Label } from '../options/trainOptions.js';
import { CsvParser, CsvSyntaxError } from '../data/csvParser.js';

/**
 * Parses `--classes`: labels separated by commas, by CSV rules (`"a,b",c` is two labels; spaces
 * around a label are dropped). Repeated flags add up.
 */
export function classesFlag(value: string, previous: readonly string[] | undefined): string[] {
  const records: string[][] = [];
  try {
    const parser = new CsvParser(0x2c, (record) => records.push(record.fields()));
    parser.write(new TextEncoder().encode(value));
    parser.end();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new InvalidArgumentError(
      `expected labels separated by commas (CSV quoting): ${error.kind === 'unterminated quote' ? 'a quote opens a label and no closing quote follows' : 'text after a closing quote (write a quote inside quotes as "")'}.`,
    );
  }
  const labels = (records[0] ?? []).filter((label) => label !== '');
  if (records.length !== 1 || labels.length === 0) {
    throw new InvalidArgumentError('expected labels separated by commas, on one line.');
  }
  return [...(previous ?? []), ...labels];
}

/**
 * The fit's warnings with the library's rare-class warnings (rows as `y[i]`, option 'classes')
 * rewritten for the command line (file lines, `--classes`).
 *
 * @param lines - the file line of each training row.
 */
export function withLineNumbers(
  warnings: readonly string[],
  labels: readonly Label[],
  classes: readonly Label[],
  lines: ArrayLike<number>,
): string[] {
  const library = classSummary(labels, classes, undefined).warnings;
  if (library.length === 0) return [...warnings];
  const counts = countClasses(labels, classes);
  const cli = rareClasses(labels, classes, counts).map((rare) =>
    rareClassWarning(
      rare,
      classes,
      counts,
      (i) => `line ${lines[i]}`,
      'declare the expected labels with --classes',
    ),
  );
  return warnings.map((w) => {
    const k = library.indexOf(w);
    return k < 0 ? w : cli[k];
  });
}
