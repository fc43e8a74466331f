import type { KernelWorkerAttach } from './kernelThreadPool.js';

/**
 * The body of a kernel worker thread, web APIs only (WebAssembly, Atomics), so that Node's
 * worker_threads and browsers' Web Workers can both run it. `listen` registers the handler for
 * attach messages. On attach the worker instantiates the module on the shared memory, reports
 * state 1 and then serves RUN (and GRAM, FIRTH, SCORE, SCORE_STREAM) commands from its control block synchronously (Atomics.wait) until
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
    let scores: ((...args: number[]) => void) | undefined;
    try {
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      run = instance.exports.lossAndGradient as (...args: number[]) => number;
      scores = instance.exports.scores as ((...args: number[]) => void) | undefined;
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
      if ((ctl[base + 2] === 5 || ctl[base + 2] === 6) && scores !== undefined) {
        // SCORE (in place) or SCORE_STREAM (ring blocks as the caller fills them).
        const cols = ctl[base + 5];
        const w = u32[base + 9];
        const b = f64[w / 8 + cols];
        const flag = u32[base + 7];
        if (ctl[base + 2] === 5) {
          const start = ctl[base + 3];
          scores(
            u32[base + 6] + start * cols * 8,
            ctl[base + 4] - start,
            cols,
            w,
            b,
            u32[base + 10] + start * 8,
            flag,
          );
        } else {
          const rows = ctl[base + 4];
          const block = u32[base + 8];
          const ring = ctl[base + 12];
          const marks = new Int32Array(memory.buffer, u32[base + 15], ring);
          for (;;) {
            // Claim only a block already copied, so that a worker that is not running never holds
            // one the caller could score itself.
            const k = Atomics.load(ctl, base + 14);
            if (k * block >= rows) break;
            const filled = Atomics.load(ctl, base + 13);
            if (k >= filled) {
              Atomics.wait(ctl, base + 13, filled);
              continue;
            }
            if (Atomics.compareExchange(ctl, base + 14, k, k + 1) !== k) continue;
            const at = k % ring;
            scores(
              u32[base + 6] + at * block * cols * 8,
              Math.min(block, rows - k * block),
              cols,
              w,
              b,
              u32[base + 10] + at * block * 8,
              flag,
            );
            Atomics.store(marks, at, k + 1);
            Atomics.notify(marks, at);
          }
        }
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
