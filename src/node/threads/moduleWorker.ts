import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` (without extension) beside `base` (the caller's
 * `import.meta.url`): its `.js` file when running from dist, its `.ts` file from TypeScript
 * sources (tests, `tsx`), after registering tsx's loader in the worker.
 */
export function startModuleWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSource = base.endsWith('.ts');
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, base);
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`,
        { ...options, eval: true },
      )
    : new Worker(url, options);
}

/** Worker threads that answer requests in order, one queue per worker. */
export interface WorkerLanes<Request, Reply> {
  readonly size: number;
  /** Sends `request` to worker `lane` mod size; resolves with its reply, in that worker's order. */
  ask(lane: number, request: Request): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * Starts `size` workers on module `name` (see {@link startModuleWorker}) that answer each
 * message with `{ value }`, or `{ crash }` (a message: the request is rejected with
 * `${label}: ${crash}`); a worker's error rejects all its pending requests.
 */
export function startWorkerLanes<Request, Reply>(
  base: string,
  name: string,
  size: number,
  label: string,
): WorkerLanes<Request, Reply> {
  const workers = Array.from({ length: size }, () => startModuleWorker(base, name));
  const waiting = workers.map(
    () => [] as { resolve: (v: Reply) => void; reject: (e: Error) => void }[],
  );
  for (const [k, worker] of workers.entries()) {
    worker.on('message', (reply: { value?: Reply; crash?: string }) => {
      const next = waiting[k]!.shift();
      if (reply.crash !== undefined) next?.reject(new Error(`${label}: ${reply.crash}`));
      else next?.resolve(reply.value!);
    });
    worker.on('error', (error) => {
      for (const next of waiting[k]!.splice(0)) next.reject(error);
    });
  }
  return {
    size,
    ask: (lane, request) =>
      new Promise((resolve, reject) => {
        const k = lane % size;
        waiting[k]!.push({ resolve, reject });
        workers[k]!.postMessage(request);
      }),
    async close(): Promise<void> {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
