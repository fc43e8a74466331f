import type { Matrix } from '../linalg/matrix.js';
import { crossEntropyGradient } from './crossEntropyGradient.js';
import { kernelMemoryColumnSums } from './columnMomentsKernel.js';
import type { ColumnMoments, ColumnSumsInOrder, ShiftedSums } from './columnMomentsKernel.js';
import type { GradientKernel } from './gradientKernel.js';
import { KernelMemory, MAX_SLOTS, copyMemory, recycleMemory } from './kernelMemory.js';
import {
  COMMAND_RUN,
  CONTROL,
  CONTROL_STRIDE,
  attachWorkers,
  detachWorkers,
  signal,
  waitDone,
} from './threads/kernelThreadPool.js';
import type { KernelThreadPool } from './threads/kernelThreadPool.js';
import { GramMemo } from './gramMemo.js';
import { gradientKernelModule } from './wasmModules.js';
import { GRAM_WORK_PER_ENTRY, firthCorrectionPass, weightedGramPass } from './wasmGramPass.js';
import type { WeightedGramExport } from './wasmGramPass.js';

type LossAndGradient = (
  X: number,
  y: number,
  s: number,
  rowStart: number,
  rowEnd: number,
  cols: number,
  w: number,
  b: number,
  slot: number,
) => number;

/** Matrix entries below which a thread is not worth waking (measured: ~50 µs per wake-up). */
export const DEFAULT_MIN_ENTRIES_PER_THREAD = 100_000;

interface Prepared {
  readonly km: KernelMemory;
  readonly module: WebAssembly.Module;
  readonly run: LossAndGradient;
  /** Row-block boundaries, one block per thread (the caller's first); even, so pairs stay whole. */
  readonly bounds: readonly number[];
}

/**
 * The WebAssembly SIMD gradient kernel (assembly/gradientKernel.ts) on bound data, optionally
 * split over worker threads by contiguous row blocks. Each thread sums its block into its own
 * result slot; the slots are then added in a fixed order, so a pass is deterministic for a given
 * thread count and differs from one thread only by summation order.
 *
 * The first pass copies X (unless it lives in kernel memory, see allocateKernelMatrix), y and s
 * into the kernel's memory; {@link columnSums} does it ahead of the first pass and takes the column
 * moments in the same pass over X. {@link release} drops that copy and detaches the workers.
 */
export class WasmGradientKernel implements GradientKernel {
  private prepared: Prepared | undefined;
  private fallback: GradientKernel | undefined;
  private readonly total: number;
  /** The last Gram pass's point and result (kept across {@link release}). */
  private readonly gramMemo = new GramMemo();
  /** The Gram pass's instance on the current memory (made on first use). */
  private gram:
    { km: KernelMemory; run: WeightedGramExport; firth: WeightedGramExport } | undefined;

  constructor(
    private readonly X: Matrix,
    private readonly y: Float64Array,
    private readonly sampleWeight: Float64Array | undefined,
    private readonly pool: KernelThreadPool | undefined,
    private readonly minEntriesPerThread = DEFAULT_MIN_ENTRIES_PER_THREAD,
  ) {
    // S = Σ sᵢ summed in row order, exactly as the reference kernel does.
    let total = 0;
    for (let i = 0; i < X.rows; i++) total += sampleWeight === undefined ? 1 : sampleWeight[i];
    this.total = total;
  }

  get name(): string {
    if (this.fallback !== undefined) return this.fallback.name;
    const threads = this.prepared === undefined ? 1 : this.prepared.bounds.length - 1;
    return threads > 1 ? `wasm-simd×${threads}` : 'wasm-simd';
  }

  lossAndGradient(w: Float64Array, b: number, gradOut: Float64Array): number {
    if (this.fallback !== undefined) return this.fallback.lossAndGradient(w, b, gradOut);
    const prepared = this.prepared ?? this.prepare();
    if (prepared === undefined) return this.lossAndGradient(w, b, gradOut);
    const { km, run, bounds } = prepared;
    if (km.owner !== this) this.load(km);
    const p = this.X.cols;
    const f64 = km.f64;
    const w8 = km.wOffset / 8;
    for (let j = 0; j < p; j++) f64[w8 + j] = w[j];
    f64[w8 + p] = b;
    const sOffset = this.sampleWeight === undefined ? 0 : km.sOffset;
    const slotBytes = km.slotStride * 8;
    const pool = this.pool;
    const ctl = pool?.control;
    if (pool !== undefined && ctl !== undefined && bounds.length > 2) {
      // Another kernel may have taken the pool since the last pass: (re)attach is a no-op if not.
      attachWorkers(pool, prepared.module, km.memory);
      for (let k = 1; k < bounds.length - 1; k++) {
        const at = (k - 1) * CONTROL_STRIDE;
        ctl[at + CONTROL.command] = COMMAND_RUN;
        ctl[at + CONTROL.rowStart] = bounds[k];
        ctl[at + CONTROL.rowEnd] = bounds[k + 1];
        ctl[at + CONTROL.cols] = p;
        ctl[at + CONTROL.x] = km.xOffset;
        ctl[at + CONTROL.y] = km.yOffset;
        ctl[at + CONTROL.s] = sOffset;
        ctl[at + CONTROL.w] = km.wOffset;
        ctl[at + CONTROL.slot] = km.slotOffset + k * slotBytes;
        signal(ctl, at);
      }
    }
    const first = km.slotOffset / 8;
    f64[first + p + 1] = run(
      km.xOffset,
      km.yOffset,
      sOffset,
      bounds[0],
      bounds[1],
      p,
      km.wOffset,
      b,
      km.slotOffset,
    );
    if (ctl !== undefined && bounds.length > 2) {
      for (let k = 1; k < bounds.length - 1; k++) waitDone(ctl, (k - 1) * CONTROL_STRIDE);
    }
    // Add the slots in thread order, then scale by 1/S as the reference does.
    const inv = 1 / this.total;
    for (let j = 0; j <= p; j++) gradOut[j] = f64[first + j];
    let loss = f64[first + p + 1];
    for (let k = 1; k < bounds.length - 1; k++) {
      const slot = first + k * km.slotStride;
      for (let j = 0; j <= p; j++) gradOut[j] += f64[slot + j];
      loss += f64[slot + p + 1];
    }
    for (let j = 0; j <= p; j++) gradOut[j] *= inv;
    return loss * inv;
  }

  /**
   * Copies X into the kernel's memory now (unless it lives there already) and returns its
   * shifted column sums (see {@link shiftedColumnSums}) from the same pass: each block is summed
   * right after its copy, while in cache, so feature scaling costs no pass over X of its own. With
   * `fingerprint`, also the data fingerprint's in-order column sums from the same pass.
   * Undefined when the WASM kernel cannot run here (the plain fallback then serves the passes).
   */
  columnSums(fingerprint = false): ShiftedSums | undefined {
    if (this.fallback !== undefined) return undefined;
    let sums: ShiftedSums | undefined;
    const exportsOf = (instance: WebAssembly.Instance) => ({
      moments: instance.exports.columnMoments as ColumnMoments,
      inOrder: fingerprint ? (instance.exports.columnSumsInOrder as ColumnSumsInOrder) : undefined,
    });
    const prepared =
      this.prepared ??
      this.prepare((km, instance, source) => {
        this.load(km);
        const { moments, inOrder } = exportsOf(instance);
        sums = kernelMemoryColumnSums(
          km,
          moments,
          this.sampleWeight !== undefined,
          source,
          inOrder,
        );
      });
    if (prepared === undefined || sums !== undefined) return sums;
    // Prepared by an earlier pass: X is in the memory; sum it there.
    if (prepared.km.owner !== this) this.load(prepared.km);
    const instance = new WebAssembly.Instance(prepared.module, {
      env: { memory: prepared.km.memory },
    });
    const { moments, inOrder } = exportsOf(instance);
    return kernelMemoryColumnSums(
      prepared.km,
      moments,
      this.sampleWeight !== undefined,
      undefined,
      inOrder,
    );
  }

  /**
   * The weighted Gram matrix of Newton's Hessian on the bound X and s (the contract of
   * {@link GradientKernel.weightedGram}), by assembly/hessianKernel.ts over the same memory and
   * worker threads as the gradient pass.
   */
  weightedGram(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    out: Float64Array,
  ): boolean {
    if (this.fallback !== undefined) return false;
    if (this.gramMemo.recall(w, b, center, scale, fitIntercept, out)) return true;
    const gram = this.gramSetup();
    if (gram === undefined) return false;
    const { target, threads } = gram;
    if (!weightedGramPass(target, threads, w, b, center, scale, fitIntercept, out)) return false;
    this.gramMemo.store(w, b, center, scale, fitIntercept, out);
    return true;
  }

  /**
   * Firth's score correction on the bound X and s (the contract of
   * {@link GradientKernel.firthCorrection}), by assembly/hessianKernel.ts over the same memory and
   * threads as the Gram pass.
   */
  firthCorrection(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    lower: Float64Array,
    total: number,
    out: Float64Array,
  ): boolean {
    if (this.fallback !== undefined) return false;
    const gram = this.gramSetup();
    if (gram === undefined) return false;
    const { target, threads } = gram;
    return firthCorrectionPass(
      target,
      threads,
      w,
      b,
      center,
      scale,
      fitIntercept,
      lower,
      total,
      out,
    );
  }

  /**
   * The bound memory and exports of the Gram and Firth passes, and how many threads share them
   * (enough work per thread, as for the gradient pass); undefined when WASM cannot run here.
   */
  private gramSetup() {
    const prepared = this.prepared ?? this.prepare();
    if (prepared === undefined) return undefined;
    const { km, module } = prepared;
    if (km.owner !== this) this.load(km);
    if (this.gram?.km !== km) {
      const instance = new WebAssembly.Instance(module, { env: { memory: km.memory } });
      this.gram = {
        km,
        run: instance.exports.weightedGram as WeightedGramExport,
        firth: instance.exports.firthCorrection as WeightedGramExport,
      };
    }
    const { rows: m, cols: p } = this.X;
    const d = p + 1;
    const threads =
      this.pool !== undefined && km.shared
        ? Math.max(
            1,
            Math.min(
              this.pool.size + 1,
              Math.floor((m * d * d) / 2 / (GRAM_WORK_PER_ENTRY * this.minEntriesPerThread)),
            ),
          )
        : 1;
    const target = {
      km,
      module,
      run: this.gram.run,
      firth: this.gram.firth,
      pool: this.pool,
      weighted: this.sampleWeight !== undefined,
    };
    return { target, threads };
  }

  release(): void {
    if (this.prepared !== undefined) {
      const km = this.prepared.km;
      if (this.pool !== undefined) detachWorkers(this.pool, km.memory);
      if (km.owner === this) km.owner = undefined;
      recycleMemory(km);
    }
    this.prepared = undefined;
  }

  /**
   * Finds or makes the kernel memory, instantiates the module, attaches the workers. X is copied
   * in by `fill` when given (`source`: the data to copy, undefined when X is read in place), else
   * in one piece.
   */
  private prepare(
    fill?: (km: KernelMemory, instance: WebAssembly.Instance, source?: Float64Array) => void,
  ): Prepared | undefined {
    const { rows: m, cols: p } = this.X;
    let km = KernelMemory.of(this.X);
    const copy = km === undefined;
    if (km === undefined) km = copyMemory(m, p);
    const module = km === undefined ? undefined : gradientKernelModule(km.shared);
    if (km === undefined || module === undefined) {
      this.fallback = {
        name: 'plain',
        lossAndGradient: (w, b, g) =>
          crossEntropyGradient(this.X, this.y, w, b, g, this.sampleWeight),
        release: () => undefined,
      };
      return undefined;
    }
    const instance = new WebAssembly.Instance(module, { env: { memory: km.memory } });
    if (fill !== undefined) fill(km, instance, copy ? this.X.data : undefined);
    else if (copy) km.f64.set(this.X.data, km.xOffset / 8);
    const run = instance.exports.lossAndGradient as LossAndGradient;
    // Waking a worker costs tens of microseconds: give each thread enough entries to pay for it.
    const threads =
      this.pool !== undefined && km.shared
        ? Math.max(
            1,
            Math.min(
              this.pool.size + 1,
              MAX_SLOTS,
              Math.floor(m / 2),
              Math.floor((m * p) / Math.max(1, this.minEntriesPerThread)),
            ),
          )
        : 1;
    if (threads > 1 && this.pool !== undefined) attachWorkers(this.pool, module, km.memory);
    const bounds: number[] = [];
    for (let k = 0; k < threads; k++) bounds.push(2 * Math.floor((k * m) / (2 * threads)));
    bounds.push(m);
    this.prepared = { km, module, run, bounds };
    return this.prepared;
  }

  /** Copies y and s into the memory (another kernel on the same X may have replaced them). */
  private load(km: KernelMemory): void {
    km.f64.set(this.y, km.yOffset / 8);
    if (this.sampleWeight !== undefined) km.f64.set(this.sampleWeight, km.sOffset / 8);
    km.owner = this;
  }
}
