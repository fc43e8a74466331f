import { SingleBar } from 'cli-progress';
import type { IterationInfo } from '../options/trainOptions.js';
import type { ReadProgress } from '../data/readLimits.js';
import type { CliIO } from './io.js';

/** Work shorter than this shows no bar. */
const delayMs = 1000;

/**
 * Progress bars on stderr for reads and fits that take longer than about a second, only when
 * enabled (stderr is a terminal, or `train --memory-limit --progress` asked, and no `--quiet`);
 * otherwise every method is a no-op.
 */
export class Progress {
  private bar: DelayedBar | undefined;

  constructor(
    private readonly io: CliIO,
    private readonly enabled: boolean,
  ) {}

  /** A progress callback for reading `file`, or undefined when bars are off. */
  reading(file: string): ReadProgress | undefined {
    if (!this.enabled) return undefined;
    const bar = this.replace(
      new DelayedBar(this.io, `reading ${file} {bar} {percentage}% | {mb} MB | {elapsed}`),
    );
    return (bytesRead, totalBytes) =>
      bar.update(bytesRead, totalBytes, { mb: (bytesRead / 1e6).toFixed(1) });
  }

  /** A per-iteration callback for a fit of at most `maxIterations`, or undefined when bars are off. */
  fitting(solver: string, maxIterations: number): ((info: IterationInfo) => void) | undefined {
    if (!this.enabled) return undefined;
    const bar = this.replace(
      new DelayedBar(
        this.io,
        `fitting (${solver}) {bar} iteration {value}/{total} | loss {loss} | {elapsed}`,
      ),
    );
    // Firth's polishing steps may run past maxIterations (see NewtonSettings).
    return (info) =>
      bar.update(info.iteration, Math.max(maxIterations, info.iteration), {
        loss: info.objective.toPrecision(6),
      });
  }

  /**
   * A callback for pass `pass` of a streamed fit over its row cache (rows read of all rows), or
   * undefined when bars are off: one bar per pass.
   */
  streamPass(pass: number, solver: string): ((rowsRead: number, rows: number) => void) | undefined {
    if (!this.enabled) return undefined;
    const bar = this.replace(
      new DelayedBar(
        this.io,
        `pass ${pass} (${solver}) {bar} {percentage}% | {rows} rows | {elapsed}`,
      ),
    );
    return (rowsRead, rows) => bar.update(rowsRead, rows, { rows: String(rowsRead) });
  }

  /** Removes the current bar from the terminal. */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  private replace(bar: DelayedBar): DelayedBar {
    this.stop();
    this.bar = bar;
    return bar;
  }
}

/** A cli-progress bar that appears only once its work has run for {@link delayMs}. */
class DelayedBar {
  private readonly startedAt = Date.now();
  private bar: SingleBar | undefined;

  constructor(
    private readonly io: CliIO,
    private readonly format: string,
  ) {}

  update(value: number, total: number, payload: Record<string, string>): void {
    const elapsedMs = Date.now() - this.startedAt;
    if (this.bar === undefined) {
      if (elapsedMs < delayMs) return;
      this.bar = new SingleBar({
        format: this.format,
        stream: this.io.stderr,
        clearOnComplete: true,
        hideCursor: true,
        barsize: 24,
        // Shown on a stream that is no terminal only when asked (train --progress): a line each 2 s.
        noTTYOutput: true,
        notTTYSchedule: 2000,
      });
      this.bar.start(total, value, { ...payload, elapsed: seconds(elapsedMs) });
    }
    this.bar.setTotal(total);
    this.bar.update(value, { ...payload, elapsed: seconds(elapsedMs) });
  }

  stop(): void {
    this.bar?.stop();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
