import type { CsvReadOptions } from './readCsv.js';
import { shownName } from './openDataStream.js';

/** Candidate separators when the header line has no comma. */
const otherDelimiters = [';', '\t', '|'];

/**
 * The field separator of a CSV file (see `CsvReadOptions.delimiter`): the option; a tab for
 * `.tsv`/`.tab`; a comma when the header line (in `head`) has one; else the most frequent of
 * `;`, tab and `|`, with a note saying so.
 */
export function chooseDelimiter(file: string, head: Buffer, options: CsvReadOptions): string {
  if (options.delimiter !== undefined) return options.delimiter;
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return '\t';
  const end = head.indexOf(0x0a);
  const firstLine = head.toString('utf8', 0, end < 0 ? head.length : end);
  if (firstLine.includes(',')) return ',';
  let best = ',';
  let bestCount = 0;
  for (const candidate of otherDelimiters) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  if (best !== ',') {
    const shown = best === '\t' ? 'tabs' : `"${best}"`;
    options.onNote?.(
      `${shownName(file)}: the header has no commas; reading fields separated by ${shown} (set --delimiter to override)`,
    );
  }
  return best;
}
