import { InvalidArgumentError, Option } from 'commander';

const units: Readonly<Record<string, number>> = {
  '': 1,
  B: 1,
  K: 1 << 10,
  KB: 1 << 10,
  KIB: 1 << 10,
  M: 1 << 20,
  MB: 1 << 20,
  MIB: 1 << 20,
  G: 1 << 30,
  GB: 1 << 30,
  GIB: 1 << 30,
};

/** The smallest `--memory-limit`: below it Node's own baseline dominates. */
export const MIN_MEMORY_LIMIT = 16 << 20;

/**
 * Parses a size such as `256MB`, `1.5G`, `64MiB` or `1000000` (bytes) into bytes; units are
 * binary (1 MB = 2²⁰ bytes, as `ulimit` and Node's `--max-old-space-size` count them).
 */
export function sizeFlag(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = units[(match?.[2] ?? '').toUpperCase()];
  const bytes = match === null || unit === undefined ? NaN : Math.floor(Number(match[1]) * unit);
  if (!(bytes >= MIN_MEMORY_LIMIT)) {
    throw new InvalidArgumentError(
      `expected a size of at least 16MB, such as 256MB or 2GB (units B, KB, MB, GB), got "${value}".`,
    );
  }
  return bytes;
}

/** The flags of a streamed `train`. */
export interface StreamFlags {
  /** `--memory-limit`: bytes for the data; the fit streams the file through a binary cache. */
  readonly memoryLimit?: number;
  /** `--cache`: keep the binary row cache at this path. */
  readonly cache?: string;
  /** `--progress`: a bar per pass even when stderr is no terminal (a line every 2 s, for logs). */
  readonly progress?: boolean;
}

/** `--memory-limit`, `--cache` and `--progress`, for `train`. */
export function streamOptions(): Option[] {
  return [
    new Option(
      '--memory-limit <size>',
      "stream the CSV instead of loading it (data larger than memory): the first pass parses it into a binary row cache on disk, each later pass (one per solver evaluation) reads the cache in chunks, so memory stays about this size above Node's own; binary targets, penalty l2 or none (default: load the file)",
    ).argParser(sizeFlag),
    new Option(
      '--cache <file>',
      'with --memory-limit: keep the binary row cache at this path (default: a temporary file, removed afterwards); a later fit of the unchanged file with the same column options reuses it without parsing, a stale one is rebuilt',
    ),
    new Option(
      '--progress',
      'with --memory-limit: show the bar of each pass even when stderr is not a terminal (a line every 2 seconds, for logs); -q hides it (default: bars on a terminal only)',
    ),
  ];
}
