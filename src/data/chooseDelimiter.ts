/** Candidate separators when the header line has no comma. */
const otherDelimiters = [';', '\t', '|'];

/** What {@link chooseDelimiter} reads of a reader's options. */
export interface DelimiterOptions {
  /** The separator asked for: taken as it is. */
  readonly delimiter?: string;
  readonly onNote?: (note: string) => void;
}

/**
 * The field separator of a CSV file (see `CsvReadOptions.delimiter`): the option; a tab for a
 * file named `.tsv`/`.tab` (also gzipped); a comma when the header line (in `head`, UTF-8) has
 * one; else the most frequent of `;`, tab and `|`, with a note saying so. `file` is the name
 * that messages show.
 */
export function chooseDelimiter(file: string, head: Uint8Array, options: DelimiterOptions): string {
  if (options.delimiter !== undefined) return options.delimiter;
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return '\t';
  const end = head.indexOf(0x0a);
  const firstLine = new TextDecoder().decode(head.subarray(0, end < 0 ? head.length : end));
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
      `${file}: the header has no commas; reading fields separated by ${shown} (set --delimiter to override)`,
    );
  }
  return best;
}
