import { readFileSync } from 'node:fs';

/**
 * Best (smallest) wall time in seconds of runs 1 … repeats − 1 of `fn` (run 0 is a warm-up, not
 * timed, unless repeats is 1), and the last result. `fn` gets the run's number.
 */
export function best<T>(repeats: number, fn: (round: number) => T): { seconds: number; result: T } {
  let seconds = Infinity;
  let result: T | undefined;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = fn(r);
    if (r > 0 || repeats === 1) seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, result: result as T };
}

/** The process's peak resident set size in bytes (Linux VmHWM; else the current RSS). */
export function peakRss(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match !== null) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}
