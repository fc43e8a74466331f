import { StringDecoder } from 'node:string_decoder';
import { ColumnBuilder, parseDecimal } from './column.js';
import type { Column, Table } from './column.js';
import { DataFileError } from './dataFileError.js';
import { fileSystemError, openDataStream } from './openDataStream.js';
import type { ReadProgress } from './openDataStream.js';

/** The name of the label column of a LIBSVM table. */
export const libsvmLabelColumn = 'label';

/** The name of the column of LIBSVM feature `index` (1-based, as in the file): `x1`, `x2`, … */
export function libsvmFeatureName(index: number): string {
  return `x${index}`;
}

/** Options of {@link readLibsvm}. */
export interface LibsvmReadOptions {
  /** Make at least this many feature columns (a model's count: a file may not use the last ones). */
  readonly minFeatures?: number;
  readonly onProgress?: ReadProgress;
}

/**
 * The largest table (rows × features) that is made dense: 2²⁸ doubles take 2 GiB.
 * Sparse storage is the subject of the sparse-data issue.
 */
const maxDenseEntries = 2 ** 28;

/**
 * Reads a LIBSVM / SVMlight file (`label index:value index:value … # comment`, indices 1-based),
 * streaming, into a dense table: a `label` column and feature columns `x1 … xd` where d is the
 * largest index (or `minFeatures`); absent features are 0. `qid:` tokens are skipped; blank and
 * comment-only lines are skipped. A gzipped file is decompressed.
 *
 * @throws {DataFileError} naming the file and line: a label or value that is not a number, an
 *   index that is not a positive integer, a token without `:`, an index given twice, an empty
 *   file, binary data, or a table too large to hold densely.
 */
export async function readLibsvm(file: string, options: LibsvmReadOptions = {}): Promise<Table> {
  const data = await openDataStream(file, options.onProgress);
  const sink = new LibsvmState(file);
  try {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of data.readable as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        sink.line(text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) sink.line(rest);
  } catch (error) {
    throw error instanceof DataFileError ? error : fileSystemError(file, error);
  } finally {
    await data.close();
  }
  return sink.finish(options.minFeatures ?? 0);
}

/** Rows in coordinate form while reading. */
class LibsvmState {
  private lineNumber = 0;
  private readonly labels: number[] = [];
  private readonly lines: number[] = [];
  private readonly rowStarts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  private maxIndex = 0;

  constructor(private readonly file: string) {}

  line(raw: string): void {
    const line = ++this.lineNumber;
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const tokens = content.split(/\s+/);
    const labelText = tokens[0]!;
    const label = parseDecimal(labelText);
    if (Number.isNaN(label)) {
      throw new DataFileError(this.file, line, `the label "${labelText}" is not a number`);
    }
    const rowStart = this.indices.length;
    for (let t = 1; t < tokens.length; t++) {
      const token = tokens[t]!;
      const colon = token.indexOf(':');
      if (colon < 0) {
        throw new DataFileError(this.file, line, `expected index:value, got "${token}"`);
      }
      const indexText = token.slice(0, colon);
      if (indexText === 'qid') continue;
      const index = Number(indexText);
      if (!/^\d+$/.test(indexText) || !Number.isSafeInteger(index) || index < 1) {
        throw new DataFileError(
          this.file,
          line,
          `the feature index "${indexText}" in "${token}" is not a positive integer`,
        );
      }
      const valueText = token.slice(colon + 1);
      const value = parseDecimal(valueText);
      if (Number.isNaN(value)) {
        throw new DataFileError(
          this.file,
          line,
          `the value "${valueText}" of feature ${index} in "${token}" is not a number`,
        );
      }
      // Files list indices in ascending order; only an out-of-order index needs the search.
      const previous = this.indices.length > rowStart ? this.indices[this.indices.length - 1]! : 0;
      if (index <= previous && this.indices.indexOf(index, rowStart) >= 0) {
        throw new DataFileError(this.file, line, `feature ${index} appears twice`);
      }
      this.indices.push(index);
      this.values.push(value);
      if (index > this.maxIndex) this.maxIndex = index;
    }
    this.labels.push(label);
    this.lines.push(line);
    this.rowStarts.push(this.indices.length);
  }

  finish(minFeatures: number): Table {
    const rows = this.labels.length;
    if (rows === 0) {
      throw new DataFileError(
        this.file,
        this.lineNumber === 0 ? undefined : this.lineNumber,
        this.lineNumber === 0 ? 'the file is empty' : 'no data rows (only blank or comment lines)',
      );
    }
    const features = Math.max(this.maxIndex, minFeatures);
    if (rows * features > maxDenseEntries) {
      throw new DataFileError(
        this.file,
        undefined,
        `${rows} rows × ${features} features is too large to hold as a dense matrix`,
      );
    }
    const label = new ColumnBuilder(libsvmLabelColumn);
    for (const value of this.labels) label.pushNumber(value);
    const columns: Column[] = [label.finish()];
    const dense: Float64Array[] = [];
    for (let j = 0; j < features; j++) dense.push(new Float64Array(rows));
    for (let i = 0; i < rows; i++) {
      for (let k = this.rowStarts[i]!; k < this.rowStarts[i + 1]!; k++) {
        dense[this.indices[k]! - 1]![i] = this.values[k]!;
      }
    }
    for (let j = 0; j < features; j++) {
      columns.push({
        name: libsvmFeatureName(j + 1),
        numbers: dense[j]!,
        text: undefined,
        missingRows: [],
      });
    }
    return {
      file: this.file,
      format: 'libsvm',
      rowCount: rows,
      columns,
      lines: Uint32Array.from(this.lines),
    };
  }
}
