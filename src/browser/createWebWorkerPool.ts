import { MAX_SLOTS } from '../kernels/kernelMemory.js';
import { CONTROL_STRIDE } from '../kernels/threads/kernelThreadPool.js';
import type { KernelThreadPool, KernelWorkerAttach } from '../kernels/threads/kernelThreadPool.js';
import { kernelWorkerMain } from '../kernels/threads/kernelWorkerMain.js';

/** A {@link KernelThreadPool} of Web Workers, with a way to end them. */
export interface WebWorkerPool extends KernelThreadPool {
  /** Terminates the workers. The pool must not be used afterwards. */
  close(): void;
}

/**
 * The browser's counterpart of `createThreadPool` from `logreg/node`: starts `threads − 1` Web
 * Workers (the calling thread is the first of `threads`) that run the WebAssembly gradient kernel
 * over row blocks of shared memory. Pass it to `train` as `threadPool`; results equal one
 * thread's up to summation order.
 *
 * Shared memory needs a cross-origin-isolated page (served with `Cross-Origin-Opener-Policy:
 * same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), and the calling thread waits
 * for the workers with `Atomics.wait`, which browsers allow only off the main thread: create the
 * pool and call `train` inside a (module) Web Worker. The workers' code is the self-contained
 * `kernelWorkerMain`, started from a Blob URL, so no separate script file has to be served.
 * The promise resolves once every worker runs: a worker created by a worker starts only when its
 * creator returns to its event loop, so a pool used before that would wait forever.
 *
 * @param threads - total threads including the caller; default `navigator.hardwareConcurrency`.
 * @throws {Error} where shared memory is unavailable (the page is not cross-origin isolated).
 * @example
 * // inside a module Web Worker of a cross-origin-isolated page:
 * const pool = await createWebWorkerPool();
 * const model = train(X, y, { threadPool: pool });
 * pool.close();
 */
export async function createWebWorkerPool(
  threads: number = defaultThreads(),
): Promise<WebWorkerPool> {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_SLOTS) {
    throw new RangeError(
      `createWebWorkerPool: threads must be an integer in [1, ${MAX_SLOTS}], got ${threads}`,
    );
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer !== 'function' || isolated === false) {
    throw new Error(
      'createWebWorkerPool: shared memory is unavailable: serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (crossOriginIsolated must be true)',
    );
  }
  const size = threads - 1;
  const control = new Int32Array(new SharedArrayBuffer(Math.max(1, size) * CONTROL_STRIDE * 4));
  // A worker's own postMessage is delivered only when the sender returns to its event loop, but
  // the caller blocks in Atomics.wait right after posting an attach message; a MessagePort's
  // messages go out at once (measured in Chromium 156), so each worker listens on a port.
  const source = `self.onmessage = (event) => {
  const port = event.data;
  (${String(kernelWorkerMain)})((handler) => { port.onmessage = (message) => handler(message.data); });
  self.postMessage('ready');
};`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  try {
    const started: Promise<void>[] = [];
    for (let k = 0; k < size; k++) {
      const worker = new Worker(url);
      const channel = new MessageChannel();
      workers.push(worker);
      ports.push(channel.port1);
      started.push(
        new Promise((resolve, reject) => {
          worker.onmessage = () => resolve();
          worker.onerror = (event) =>
            reject(new Error(`createWebWorkerPool: worker ${k} failed: ${event.message}`));
        }),
      );
      worker.postMessage(channel.port2, [channel.port2]);
    }
    await Promise.all(started);
  } catch (error) {
    for (const worker of workers) worker.terminate();
    throw error;
  } finally {
    URL.revokeObjectURL(url);
  }
  for (const worker of workers) {
    worker.onmessage = null;
    worker.onerror = null;
  }
  return {
    size,
    control,
    post(worker: number, message: KernelWorkerAttach): void {
      ports[worker].postMessage(message);
    },
    close(): void {
      for (const port of ports) port.close();
      for (const worker of workers) worker.terminate();
    },
  };
}

function defaultThreads(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return Math.min(Math.max(1, n ?? 1), MAX_SLOTS);
}
