import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CONTROL_STRIDE } from '../../kernels/threads/kernelThreadPool.js';
import type {
  KernelThreadPool,
  KernelWorkerAttach,
} from '../../kernels/threads/kernelThreadPool.js';
import { kernelWorkerMain } from '../../kernels/threads/kernelWorkerMain.js';
import { MAX_SLOTS } from '../../kernels/kernelMemory.js';

/** A {@link KernelThreadPool} of Node worker threads, with a way to end them. */
export interface NodeThreadPool extends KernelThreadPool {
  /** Terminates the workers. The pool must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Starts `threads − 1` worker threads (the calling thread is the first of `threads`) that run the
 * WebAssembly gradient kernel over row blocks of shared memory. Pass the pool to `train` as
 * `threadPool`. The workers are unref'd: they do not keep the process alive, but `close()` ends them
 * sooner. Results equal one thread's up to summation order.
 *
 * @param threads - total threads including the caller; default `os.availableParallelism()`.
 * @example
 * const pool = createThreadPool();
 * const model = train(X, y, { threadPool: pool });
 * await pool.close();
 */
export function createThreadPool(threads: number = availableParallelism()): NodeThreadPool {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_SLOTS) {
    throw new RangeError(
      `createThreadPool: threads must be an integer in [1, ${MAX_SLOTS}], got ${threads}`,
    );
  }
  const size = threads - 1;
  const control = new Int32Array(new SharedArrayBuffer(Math.max(1, size) * CONTROL_STRIDE * 4));
  // The worker body is shipped as source text: it is self-contained by design.
  const source = `const { parentPort } = require('node:worker_threads');
(${String(kernelWorkerMain)})((handler) => parentPort.on('message', handler));`;
  const workers: Worker[] = [];
  for (let k = 0; k < size; k++) {
    const worker = new Worker(source, { eval: true });
    worker.unref();
    workers.push(worker);
  }
  return {
    size,
    control,
    post(worker: number, message: KernelWorkerAttach): void {
      workers[worker].postMessage(message);
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
