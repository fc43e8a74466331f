import type { KernelWorkerAttach } from './kernelThreadPool.js';

/**
 * The body of a kernel worker thread, web APIs only (WebAssembly, Atomics), so that Node's
 * worker_threads and browsers' Web Workers can both run it. `listen` registers the handler for
 * attach messages. On attach the worker instantiates the module on the shared memory, reports
 * state 1 and then serves RUN (and GRAM, FIRTH) commands from its control block synchronously (Atomics.wait) until
 * DETACH, when it returns to its event loop for the next attach.
 *
 * Self-contained on purpose: environment layers ship it to a worker as source text
 * (`String(kernelWorkerMain)`), so it may not refer to anything outside its own body; the field
 * numbers repeat {@link CONTROL} (test/kernels/threadedGradientKernel.test.ts runs the protocol).
 */
export function kernelWorkerMain(
  listen: (handler: (message: KernelWorkerAttach) => void) => void,
): void {
  listen((message) => {
    const { module, memory, control, base } = message;
    const ctl = new Int32Array(control);
    const u32 = new Uint32Array(control);
    let run: (...args: number[]) => number;
    let gram: ((...args: number[]) => number) | undefined;
    let firth: ((...args: number[]) => number) | undefined;
    try {
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      run = instance.exports.lossAndGradient as (...args: number[]) => number;
      gram = instance.exports.weightedGram as ((...args: number[]) => number) | undefined;
      firth = instance.exports.firthCorrection as ((...args: number[]) => number) | undefined;
    } catch {
      Atomics.store(ctl, base + 11, -1);
      Atomics.notify(ctl, base + 11);
      return;
    }
    const f64 = new Float64Array(memory.buffer);
    let seen = Atomics.load(ctl, base);
    Atomics.store(ctl, base + 11, 1);
    Atomics.notify(ctl, base + 11);
    for (;;) {
      Atomics.wait(ctl, base, seen);
      seen = Atomics.load(ctl, base);
      const pass = ctl[base + 2] === 3 ? gram : ctl[base + 2] === 4 ? firth : undefined;
      if (pass !== undefined) {
        // GRAM or FIRTH (assembly/hessianKernel.ts); the parameter header is at the slot offset.
        pass(
          u32[base + 6],
          u32[base + 8],
          ctl[base + 3],
          ctl[base + 4],
          ctl[base + 5],
          u32[base + 9],
          u32[base + 10],
        );
        Atomics.store(ctl, base + 1, seen);
        Atomics.notify(ctl, base + 1);
        continue;
      }
      if (ctl[base + 2] !== 1) {
        Atomics.store(ctl, base + 11, 0);
        Atomics.store(ctl, base + 1, seen);
        Atomics.notify(ctl, base + 1);
        return;
      }
      const cols = ctl[base + 5];
      const w = u32[base + 9];
      const slot = u32[base + 10];
      const b = f64[w / 8 + cols];
      const loss = run(
        u32[base + 6],
        u32[base + 7],
        u32[base + 8],
        ctl[base + 3],
        ctl[base + 4],
        cols,
        w,
        b,
        slot,
      );
      f64[slot / 8 + cols + 1] = loss;
      Atomics.store(ctl, base + 1, seen);
      Atomics.notify(ctl, base + 1);
    }
  });
}
