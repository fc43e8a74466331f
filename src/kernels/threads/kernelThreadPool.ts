/**
 * Worker threads for the WASM kernels, as the library core sees them: a transport only. The
 * environment layer spawns the workers (src/node/threads for Node's worker_threads; a Web Worker
 * pool would do in a cross-origin-isolated page) and runs `kernelWorkerMain` in each; the
 * protocol itself (this file) uses web APIs only: `Atomics` on a shared control array.
 */
export interface KernelThreadPool {
  /** Number of worker threads. The calling thread works too: a pass is split into size + 1 blocks. */
  readonly size: number;
  /** size × {@link CONTROL_STRIDE} int32s over a SharedArrayBuffer; worker k uses block k. */
  readonly control: Int32Array;
  /** Delivers an attach message to worker k (its `kernelWorkerMain` handler). */
  post(worker: number, message: KernelWorkerAttach): void;
}

/** What a worker needs to run the kernel on a problem's memory. */
export interface KernelWorkerAttach {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  /** Index of the worker's block in the control array. */
  readonly base: number;
}

/** Int32 fields of a worker's control block. */
export const CONTROL = {
  /** Incremented by the caller to start a command; the worker waits on it. */
  seq: 0,
  /** Set to seq by the worker when the command is done; the caller waits on it. */
  done: 1,
  /** RUN, GRAM, FIRTH, SCORE, SCORE_STREAM or DETACH. */
  command: 2,
  rowStart: 3,
  rowEnd: 4,
  cols: 5,
  /** Byte offsets (read as uint32) of X, y, s (0: no weights), w (then b) and the result slot. */
  x: 6,
  y: 7,
  s: 8,
  w: 9,
  slot: 10,
  /** 0 idle, 1 attached, −1 the instance could not be created. */
  state: 11,
  /** SCORE_STREAM: the number of ring slots. */
  ring: 12,
  /** SCORE_STREAM: row blocks copied into the ring so far (the caller counts up and notifies). */
  filled: 13,
  /** SCORE_STREAM: the next row block to claim for scoring (the worker and the caller add 1). */
  next: 14,
  /** SCORE_STREAM: byte offset (uint32) of the ring's `ring` int32 done marks. */
  marks: 15,
} as const;
export const CONTROL_STRIDE = 16;
export const COMMAND_RUN = 1;
export const COMMAND_DETACH = 2;
/**
 * Runs the module's `weightedGram` (assembly/hessianKernel.ts) on the block's rows: x, s, w as for
 * RUN, and `slot` the byte offset of the pass's parameter header.
 */
export const COMMAND_GRAM = 3;
/** Runs the module's `firthCorrection` (assembly/hessianKernel.ts), arguments as for GRAM. */
export const COMMAND_FIRTH = 4;

/**
 * Runs the module's `scores` (assembly/scoreKernel.ts) on rows [rowStart, rowEnd) of X at `x`:
 * w at `w` (b after its cols doubles), scores written to `slot` + 8·rowStart, σ applied when `y`
 * (read as a flag) is 1.
 */
export const COMMAND_SCORE = 5;
/**
 * Scores row blocks as the caller copies them into a ring in shared memory (see
 * src/kernels/threadedScores.ts): block k of `s` rows sits in ring slot k mod `ring`, its X at
 * `x` + slot·s·cols·8 and its scores at `slot` + slot·s·8; rows 0 … rowEnd − 1 in all; w, b and
 * the flag as for SCORE. The worker claims the next unclaimed block k = `next` once `filled` > k
 * (the caller claims blocks too, with the same compare-and-swap), scores it and sets the slot's
 * done mark to k + 1; it stops when `next` is past the last block.
 */
export const COMMAND_SCORE_STREAM = 6;

/** Milliseconds to wait for workers to attach before declaring them broken. */
const ATTACH_TIMEOUT = 30_000;

/** Which memory each pool's workers run on now: one problem at a time per pool. */
const attached = new WeakMap<KernelThreadPool, WebAssembly.Memory>();

/**
 * Makes every worker of `pool` instantiate `module` on `memory` and wait for RUN commands;
 * returns when all have (blocking: `Atomics.wait`, so not on a browser's main thread).
 *
 * @throws Error when a worker does not attach (a bug or a broken environment).
 */
export function attachWorkers(
  pool: KernelThreadPool,
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
): void {
  if (attached.get(pool) === memory) return;
  detachWorkers(pool);
  const ctl = pool.control;
  for (let k = 0; k < pool.size; k++) {
    Atomics.store(ctl, k * CONTROL_STRIDE + CONTROL.state, 0);
    pool.post(k, {
      module,
      memory,
      control: ctl.buffer as SharedArrayBuffer,
      base: k * CONTROL_STRIDE,
    });
  }
  for (let k = 0; k < pool.size; k++) {
    const at = k * CONTROL_STRIDE + CONTROL.state;
    const deadline = Date.now() + ATTACH_TIMEOUT;
    while (Atomics.load(ctl, at) === 0 && Date.now() < deadline) {
      Atomics.wait(ctl, at, 0, Math.max(1, deadline - Date.now()));
    }
    if (Atomics.load(ctl, at) !== 1) {
      throw new Error(`kernel worker ${k} did not attach (state ${Atomics.load(ctl, at)})`);
    }
  }
  attached.set(pool, memory);
}

/**
 * Sends DETACH to every attached worker and waits until they are back in their event loop. With
 * `memory`, only if they are attached to that memory.
 */
export function detachWorkers(pool: KernelThreadPool, memory?: WebAssembly.Memory): void {
  const current = attached.get(pool);
  if (current === undefined || (memory !== undefined && current !== memory)) return;
  attached.delete(pool);
  for (let k = 0; k < pool.size; k++) {
    const at = k * CONTROL_STRIDE;
    pool.control[at + CONTROL.command] = COMMAND_DETACH;
    signal(pool.control, at);
  }
  for (let k = 0; k < pool.size; k++) waitDone(pool.control, k * CONTROL_STRIDE);
}

/** Starts the command written into block `at`. */
export function signal(ctl: Int32Array, at: number): void {
  Atomics.add(ctl, at + CONTROL.seq, 1);
  Atomics.notify(ctl, at + CONTROL.seq);
}

/** Waits until the worker of block `at` has finished the command last signalled. */
export function waitDone(ctl: Int32Array, at: number): void {
  const seq = Atomics.load(ctl, at + CONTROL.seq);
  for (let done = Atomics.load(ctl, at + CONTROL.done); done !== seq;) {
    Atomics.wait(ctl, at + CONTROL.done, done);
    done = Atomics.load(ctl, at + CONTROL.done);
  }
}
