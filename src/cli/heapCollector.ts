import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A function that runs V8's full garbage collection, for a command that promised a memory limit
 * (`train --memory-limit`): V8 grows its heap lazily, collecting old garbage (the strings of
 * parsed CSV text) only when the heap is large, so that a streamed fit whose live data stay
 * within a few MB would still reach hundreds of MB of resident memory. Collecting after each
 * slice of the work keeps the heap near its live size. `--expose-gc` is turned on at run time and
 * `gc` taken from a fresh context (V8 installs it in contexts created afterwards); where that is
 * not possible the function does nothing.
 */
export function heapCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // No gc: V8 collects as it would anyway.
  }
  return () => undefined;
}
