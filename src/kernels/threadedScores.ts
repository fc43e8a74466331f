import type { Matrix } from '../linalg/matrix.js';
import { KernelMemory } from './kernelMemory.js';
import {
  COMMAND_SCORE,
  COMMAND_SCORE_STREAM,
  CONTROL,
  CONTROL_STRIDE,
  attachWorkers,
  signal,
  waitDone,
} from './threads/kernelThreadPool.js';
import type { KernelThreadPool } from './threads/kernelThreadPool.js';
import { DEFAULT_MIN_ENTRIES_PER_THREAD } from './wasmGradientKernel.js';
import { gradientKernelModule, sharedMemorySupported } from './wasmModules.js';

/** The `scores` export of assembly/scoreKernel.ts (pointers are byte offsets). */
export type Scores = (
  X: number,
  rows: number,
  cols: number,
  w: number,
  b: number,
  out: number,
  probability: number,
) => void;

const PAGE = 65536;
/**
 * Bytes of X per ring slot. Large blocks (measured at 1M × 100: 1 MiB beat 128 and 512 KiB) keep
 * the hand-overs few; the copy into the ring, which only the calling thread can make, bounds the
 * pass either way.
 */
const STREAM_BLOCK_BYTES = 1 << 20;
/**
 * Entries of X below which scoring stays on the calling thread: one thread scores a million
 * entries in about half a millisecond, which waking a worker and handing blocks over would eat.
 */
const MIN_ENTRIES = 1_000_000;
/** Ring slots: the copy may run this many blocks ahead of the worker that scores them. */
const RING = 4;

const align64 = (n: number): number => Math.ceil(n / 64) * 64;

/** The `scores` export bound to each memory it has run on (the calling thread's instance). */
const instances = new WeakMap<WebAssembly.Memory, Scores>();

function scoresOn(memory: WebAssembly.Memory, module: WebAssembly.Module): Scores {
  let run = instances.get(memory);
  if (run === undefined) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    run = instance.exports.scores as Scores;
    instances.set(memory, run);
  }
  return run;
}

/** The shared ring memory that plain arrays are streamed through (kept and reused). */
let stream: { memory: WebAssembly.Memory; bytes: number } | undefined;

function streamMemory(bytes: number): WebAssembly.Memory {
  if (stream === undefined || stream.bytes < bytes) {
    const pages = Math.ceil(bytes / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    stream = { memory, bytes: pages * PAGE };
  }
  return stream.memory;
}

/**
 * zᵢ = w·xᵢ + b (or σ(zᵢ) with `probability`) for every row of dense X, by the WebAssembly SIMD
 * `scores` kernel over the calling thread and the workers of `pool`, each row scored exactly as
 * one thread scores it (the results are bit for bit those of src/kernels/scoreKernel.ts):
 *
 * - X in shared kernel memory (see allocateKernelMatrix): the rows are split into contiguous
 *   blocks, one per thread, each scored in place.
 * - X an ordinary array, which workers cannot read: the calling thread copies row blocks into a
 *   ring of slots in a small shared memory while a worker scores each block as soon as it is
 *   copied, so the copy (the one pass over X that cannot be avoided) and the scoring overlap.
 *
 * Returns false, leaving `out` untouched, when it cannot: no worker, no shared WebAssembly memory,
 * or too few entries to pay for waking a thread (`MIN_ENTRIES`). The workers stay attached
 * to the memory they scored (X's, or the ring's) until the pool next works on other data.
 */
export function threadedScores(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  probability: boolean,
  pool: KernelThreadPool,
): boolean {
  const { rows: m, cols: p } = X;
  if (pool.size < 1 || p === 0 || m * p < MIN_ENTRIES) return false;
  if (!sharedMemorySupported()) return false;
  const module = gradientKernelModule(true);
  if (module === undefined) return false;
  const km = KernelMemory.of(X);
  if (km !== undefined) {
    if (!km.shared) return false;
    inPlace(km, w, b, out, probability, pool, module);
    return true;
  }
  streamed(X, w, b, out, probability, pool, module);
  return true;
}

function inPlace(
  km: KernelMemory,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  probability: boolean,
  pool: KernelThreadPool,
  module: WebAssembly.Module,
): void {
  const { rows: m, cols: p, f64 } = km;
  const threads = Math.max(
    1,
    Math.min(pool.size + 1, Math.floor((m * p) / DEFAULT_MIN_ENTRIES_PER_THREAD), m >> 1),
  );
  const bounds: number[] = [];
  for (let k = 0; k < threads; k++) bounds.push(2 * Math.floor((k * m) / (2 * threads)));
  bounds.push(m);
  // w (then b) where the gradient kernel keeps it and the scores in the y region, whose owner is
  // then cleared so that the next gradient pass loads its y again (as scoreKernel.ts does).
  f64.set(w, km.wOffset / 8);
  f64[km.wOffset / 8 + p] = b;
  km.owner = undefined;
  const flag = probability ? 1 : 0;
  const ctl = pool.control;
  // The workers stay attached to X's memory (a no-op the next time), as a gradient kernel's do,
  // until the pool next works on other data.
  if (threads > 1) attachWorkers(pool, module, km.memory);
  for (let k = 1; k < threads; k++) {
    const at = (k - 1) * CONTROL_STRIDE;
    ctl[at + CONTROL.command] = COMMAND_SCORE;
    ctl[at + CONTROL.rowStart] = bounds[k];
    ctl[at + CONTROL.rowEnd] = bounds[k + 1];
    ctl[at + CONTROL.cols] = p;
    ctl[at + CONTROL.x] = km.xOffset;
    ctl[at + CONTROL.y] = flag;
    ctl[at + CONTROL.w] = km.wOffset;
    ctl[at + CONTROL.slot] = km.yOffset;
    signal(ctl, at);
  }
  scoresOn(km.memory, module)(km.xOffset, bounds[1], p, km.wOffset, b, km.yOffset, flag);
  for (let k = 1; k < threads; k++) waitDone(ctl, (k - 1) * CONTROL_STRIDE);
  out.set(f64.subarray(km.yOffset / 8, km.yOffset / 8 + m));
}

function streamed(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  out: Float64Array,
  probability: boolean,
  pool: KernelThreadPool,
  module: WebAssembly.Module,
): void {
  const { rows: m, cols: p, data } = X;
  const block = Math.max(2, 2 * Math.floor(STREAM_BLOCK_BYTES / (16 * p)));
  // Layout: a page left to the module's static data · the slots' done marks · w and b · RING
  // slots of X · RING slots of scores.
  const doneOffset = PAGE;
  const wOffset = align64(doneOffset + RING * 4);
  const xOffset = align64(wOffset + (p + 1) * 8);
  const outOffset = align64(xOffset + RING * block * p * 8);
  const memory = streamMemory(outOffset + RING * block * 8);
  const f64 = new Float64Array(memory.buffer);
  const marks = new Int32Array(memory.buffer, doneOffset, RING).fill(0);
  f64.set(w, wOffset / 8);
  f64[wOffset / 8 + p] = b;
  const flag = probability ? 1 : 0;
  const run = scoresOn(memory, module);
  attachWorkers(pool, module, memory);
  const ctl = pool.control;
  Atomics.store(ctl, CONTROL.filled, 0);
  Atomics.store(ctl, CONTROL.next, 0);
  ctl[CONTROL.command] = COMMAND_SCORE_STREAM;
  ctl[CONTROL.rowStart] = 0;
  ctl[CONTROL.rowEnd] = m;
  ctl[CONTROL.cols] = p;
  ctl[CONTROL.x] = xOffset;
  ctl[CONTROL.y] = flag;
  ctl[CONTROL.s] = block;
  ctl[CONTROL.w] = wOffset;
  ctl[CONTROL.slot] = outOffset;
  ctl[CONTROL.ring] = RING;
  ctl[CONTROL.marks] = doneOffset;
  signal(ctl, 0);
  const blocks = Math.ceil(m / block);
  let filled = 0;
  /** Claims the next copied block that nobody scores yet and scores it here; false if none. */
  const help = (): boolean => {
    const k = Atomics.load(ctl, CONTROL.next);
    if (k >= filled || Atomics.compareExchange(ctl, CONTROL.next, k, k + 1) !== k) return false;
    const at = k % RING;
    const n = Math.min(block, m - k * block);
    run(xOffset + at * block * p * 8, n, p, wOffset, b, outOffset + at * block * 8, flag);
    Atomics.store(marks, at, k + 1);
    return true;
  };
  /** Waits until block k is scored (scoring copied blocks meanwhile), then takes its scores. */
  const collect = (k: number): void => {
    const at = k % RING;
    while (Atomics.load(marks, at) !== k + 1) {
      if (!help()) Atomics.wait(marks, at, Atomics.load(marks, at), 1);
    }
    const start = k * block;
    const from = outOffset / 8 + at * block;
    out.set(f64.subarray(from, from + Math.min(block, m - start)), start);
  };
  for (let k = 0; k < blocks; k++) {
    if (k >= RING) collect(k - RING);
    const start = k * block;
    const end = Math.min(m, start + block);
    f64.set(data.subarray(start * p, end * p), xOffset / 8 + (k % RING) * block * p);
    filled = k + 1;
    Atomics.store(ctl, CONTROL.filled, filled);
    Atomics.notify(ctl, CONTROL.filled);
  }
  for (let k = Math.max(0, blocks - RING); k < blocks; k++) collect(k);
  waitDone(ctl, 0);
}
