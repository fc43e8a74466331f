/**
 * One fused gradient pass, the C kernel (bench/gradient.c, `gcc -O3 -march=native`) against the
 * WebAssembly kernel, each on 1 and 2 threads, interleaved: each round runs the C binary for a few
 * passes (1 thread, then 2), then each WASM variant for as many, so that load from other
 * processes hits every variant alike; the best pass of each over all rounds gives the ratios.
 * Prints one JSON line per data set.
 *
 * With `--cpu`, passes are timed in CPU time instead of wall time (the C binary is rebuilt reading
 * CLOCK_THREAD_CPUTIME_ID; WASM passes read process.cpuUsage(), summed over threads, so the 2-thread
 * figure is the CPU time of both threads halved): on a machine shared with other jobs this keeps
 * time spent descheduled out of the comparison.
 *
 * Usage: `npx tsx bench/gradientPassCompare.ts [rows×cols …] [--rounds N] [--passes K] [--cpu]`
 * (default 100000x20 1000000x100, 6 rounds of 5 passes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGradientKernel } from '../src/kernels/gradientKernel.js';
import { createThreadPool } from '../src/node/threads/createThreadPool.js';
import { cacheDir, denseSet, loadX, loadY } from './datasets.js';
import type { DenseSet } from './datasets.js';
import type { KernelThreadPool } from '../src/kernels/threads/kernelThreadPool.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : Number(args[at + 1]);
};
const rounds = option('--rounds', 6);
const cpu = args.includes('--cpu');
const passes = option('--passes', 5);
const shapes = args
  .filter((a) => /^\d+x\d+$/.test(a))
  .map((a) => a.split('x').map(Number) as [number, number]);
if (shapes.length === 0) shapes.push([100_000, 20], [1_000_000, 100]);

/** The C binary, compiled once as the bench does (`cpuClock`: timing thread CPU time instead). */
export function cKernel(cpuClock: boolean): string {
  const exe = `${cacheDir}gradient-c-threads${cpuClock ? '-cpu' : ''}`;
  if (!existsSync(exe)) {
    const flags = ['-O3', '-march=native', '-pthread', '-o', exe];
    if (cpuClock) {
      // Pre-include <time.h> and redirect the file's CLOCK_MONOTONIC to the thread's CPU clock.
      const header = `${cacheDir}threadclock.h`;
      writeFileSync(
        header,
        '#include <time.h>\n#undef CLOCK_MONOTONIC\n#define CLOCK_MONOTONIC CLOCK_THREAD_CPUTIME_ID\n',
      );
      flags.push('-include', header);
    }
    execFileSync('gcc', [...flags, `${root}bench/gradient.c`, '-lm']);
  }
  return exe;
}

/** Best seconds of `passes` C passes on `threads` threads (one process; its read of X is not timed). */
export function cPass(exe: string, set: DenseSet, count: number, threads = 1): number {
  const out = execFileSync(
    exe,
    [set.xFile, set.yFile, String(set.rows), String(set.cols), String(count), String(threads)],
    { encoding: 'utf8' },
  );
  return (JSON.parse(out) as { seconds: number }).seconds;
}

/** Best seconds of `count` calls; CPU seconds divided by `threads` with `cpu`. */
function bestOf(count: number, threads: number, cpu: boolean, fn: () => void): number {
  let bestSeconds = Infinity;
  for (let r = 0; r < count; r++) {
    if (cpu) {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      bestSeconds = Math.min(bestSeconds, (c.user + c.system) / 1e6 / threads);
    } else {
      const t0 = performance.now();
      fn();
      bestSeconds = Math.min(bestSeconds, (performance.now() - t0) / 1000);
    }
  }
  return bestSeconds;
}

/** Best seconds per pass of C and of the WASM kernel on 1 and 2 threads, interleaved by round. */
export interface PassComparison {
  readonly c: number;
  /** The C kernel on 2 threads. */
  readonly c2: number;
  readonly one: number;
  readonly two: number;
  /** C time / WASM 1-thread time, per round. */
  readonly roundRatios: readonly number[];
}

/**
 * Interleaves `rounds` rounds of `passes` C passes, WASM 1-thread and WASM 2-thread passes (a
 * 2-thread `pool`) on the set; `cpu` times CPU instead of wall time.
 */
export function compareGradientPass(
  set: DenseSet,
  pool: KernelThreadPool,
  { rounds = 6, passes = 5, cpu = false } = {},
): PassComparison {
  const exe = cKernel(cpu);
  const p = set.cols;
  const X = loadX(set, true);
  const y = loadY(set);
  const w = Float64Array.from({ length: p }, (_, j) => 0.01 * ((j % 7) - 3));
  const g = new Float64Array(p + 1);
  const one = createGradientKernel(X, y, undefined, { kernel: 'wasm' });
  const two = createGradientKernel(X, y, undefined, { kernel: 'wasm', threadPool: pool });
  // Warm up: compile, copy y, attach the workers, touch every page.
  one.lossAndGradient(w, 0.1, g);
  two.lossAndGradient(w, 0.1, g);
  const best = { c: Infinity, c2: Infinity, one: Infinity, two: Infinity };
  const roundRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c = cPass(exe, set, passes);
    best.c2 = Math.min(best.c2, cPass(exe, set, passes, 2));
    const t1 = bestOf(passes, 1, cpu, () => one.lossAndGradient(w, 0.1, g));
    const t2 = bestOf(passes, 2, cpu, () => two.lossAndGradient(w, 0.1, g));
    roundRatios.push(+(c / t1).toFixed(2));
    best.c = Math.min(best.c, c);
    best.one = Math.min(best.one, t1);
    best.two = Math.min(best.two, t2);
  }
  one.release();
  two.release();
  return { ...best, roundRatios };
}

async function main(): Promise<void> {
  const pool = createThreadPool(2);
  for (const [m, p] of shapes) {
    const r = compareGradientPass(denseSet(m, p), pool, { rounds, passes, cpu });
    const gb = (m * p * 8) / 1e9;
    console.log(
      JSON.stringify({
        data: `${m}x${p}`,
        clock: cpu ? 'cpu' : 'wall',
        cGBs: +(gb / r.c).toFixed(2),
        c2GBs: +(gb / r.c2).toFixed(2),
        wasm1GBs: +(gb / r.one).toFixed(2),
        wasm2GBs: +(gb / r.two).toFixed(2),
        ratio1: +(r.c / r.one).toFixed(3),
        ratio2: +(r.c / r.two).toFixed(3),
        ratio2to2: +(r.c2 / r.two).toFixed(3),
        scaling2: +(r.one / r.two).toFixed(3),
        roundRatios1: r.roundRatios,
      }),
    );
  }
  await pool.close();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
