import type { Table } from '../node/column.js';
import { readTable } from '../node/readTable.js';
import type { DataFormat } from '../node/readTable.js';
import { note } from './io.js';
import type { CliIO } from './io.js';
import type { Progress } from './progress.js';

/** The flags that say how to read a data file. */
export interface ReadFlags {
  readonly format?: DataFormat;
  readonly delimiter?: string;
  readonly quiet: boolean;
}

/** Reads a data file with a progress bar and notes on stderr (unless `--quiet`). */
export async function loadTable(
  io: CliIO,
  progress: Progress,
  file: string,
  flags: ReadFlags,
  minFeatures?: number,
): Promise<Table> {
  const onProgress = progress.reading(file);
  try {
    return await readTable(file, {
      ...(flags.format === undefined ? {} : { format: flags.format }),
      ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }),
      ...(minFeatures === undefined ? {} : { minFeatures }),
      ...(onProgress === undefined ? {} : { onProgress }),
      ...(flags.quiet ? {} : { onNote: (message: string) => note(io, message) }),
    });
  } finally {
    progress.stop();
  }
}
