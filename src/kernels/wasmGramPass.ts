import { GRAM_SLOTS, gramLayout } from './kernelMemory.js';
import type { KernelMemory } from './kernelMemory.js';
import {
  COMMAND_FIRTH,
  COMMAND_GRAM,
  CONTROL,
  CONTROL_STRIDE,
  attachWorkers,
  signal,
  waitDone,
} from './threads/kernelThreadPool.js';
import type { KernelThreadPool } from './threads/kernelThreadPool.js';

/** The `weightedGram` export of assembly/hessianKernel.ts (byte offsets; see there). */
export type WeightedGramExport = (
  X: number,
  s: number,
  rowStart: number,
  rowEnd: number,
  cols: number,
  w: number,
  params: number,
) => number;

/**
 * A thread of the Gram pass gets at least this many multiply-adds (of m·d²/2) per matrix entry a
 * gradient-pass thread gets (its `minEntriesPerThread`): 20 × 100,000 by default, about a
 * millisecond, well above the cost of waking a worker.
 */
export const GRAM_WORK_PER_ENTRY = 20;

/** Where a {@link weightedGramPass} runs: a kernel memory holding X (and y, s), and its module. */
export interface GramPassTarget {
  readonly km: KernelMemory;
  readonly module: WebAssembly.Module;
  readonly run: WeightedGramExport;
  /** The `firthCorrection` export (same signature), for {@link firthCorrectionPass}. */
  readonly firth?: WeightedGramExport | undefined;
  readonly pool: KernelThreadPool | undefined;
  /** Whether the memory's s region holds row weights (else all weights are 1). */
  readonly weighted: boolean;
}

/**
 * One weighted Gram pass, G = Σᵢ sᵢσ'(zᵢ)·x̃ᵢx̃ᵢᵀ with x̃ᵢ = ((xᵢ − center)/scale, 1) (the 1 only
 * with an intercept), zᵢ = w·xᵢ + b: the unnormalized Hessian of the mean log loss in the
 * solver's coordinates (see LogisticObjective.hessian, the reference loop). Rows are split into
 * contiguous blocks over the caller and up to {@link GRAM_SLOTS} − 1 pool workers; each sums its
 * block into its own result, then the results are added in thread order, so a pass is
 * deterministic for a given thread count.
 *
 * @param out - d × d (d = cols + intercept), row-major; overwritten with G, both triangles.
 * @returns false when the memory has no room for the pass (cols + 1 > MAX_GRAM_DIMENSION).
 */
export function weightedGramPass(
  target: GramPassTarget,
  threads: number,
  w: Float64Array,
  b: number,
  center: Float64Array,
  scale: Float64Array,
  fitIntercept: boolean,
  out: Float64Array,
): boolean {
  const { km, module, run, pool, weighted } = target;
  const { rows: m, cols: p } = km;
  const layout = gramLayout(p);
  if (layout.bytes === 0) return false;
  const d = p + (fitIntercept ? 1 : 0);
  const { dPad, blockRows, slotBytes } = layout;
  const f64 = km.f64;
  const i32 = new Int32Array(km.memory.buffer, km.gramOffset, GRAM_SLOTS * 8);
  const w8 = km.wOffset / 8;
  for (let j = 0; j < p; j++) f64[w8 + j] = w[j];
  f64[w8 + p] = b;
  const centerAt = km.gramOffset + layout.centerOffset;
  const scaleAt = km.gramOffset + layout.scaleOffset;
  f64.set(center, centerAt / 8);
  // The kernel multiplies by 1/scale (a multiplication, not a division, per entry).
  for (let j = 0; j < p; j++) f64[scaleAt / 8 + j] = 1 / scale[j];
  const t = Math.max(1, Math.min(threads, GRAM_SLOTS, Math.floor(m / 2)));
  const bounds: number[] = [];
  for (let k = 0; k < t; k++) bounds.push(2 * Math.floor((k * m) / (2 * t)));
  bounds.push(m);
  const slotAt = (k: number): number => km.gramOffset + layout.slotOffset + k * slotBytes;
  for (let k = 0; k < t; k++) {
    const h = k * 8;
    i32[h] = centerAt;
    i32[h + 1] = scaleAt;
    i32[h + 2] = fitIntercept ? 1 : 0;
    i32[h + 3] = blockRows;
    i32[h + 4] = slotAt(k) + dPad * dPad * 8;
    i32[h + 5] = slotAt(k);
  }
  runRowBlocks(
    km,
    module,
    pool,
    weighted,
    COMMAND_GRAM,
    bounds,
    t,
    p,
    (k) => km.gramOffset + k * 32,
    run,
  );
  // The lower triangle, thread results added in order; then mirrored.
  const first = slotAt(0) / 8;
  for (let a = 0; a < d; a++) {
    for (let c = 0; c <= a; c++) out[a * d + c] = f64[first + a * dPad + c];
  }
  for (let k = 1; k < t; k++) {
    const slot = slotAt(k) / 8;
    for (let a = 0; a < d; a++) {
      for (let c = 0; c <= a; c++) out[a * d + c] += f64[slot + a * dPad + c];
    }
  }
  for (let a = 0; a < d; a++) {
    for (let c = 0; c < a; c++) out[c * d + a] = out[a * d + c];
  }
  return true;
}

/**
 * One pass of Firth's score correction Σᵢ cᵢ·x̃ᵢ, cᵢ = hᵢ(½ − pᵢ)/S with the hat values
 * hᵢ = sᵢpᵢ(1 − pᵢ)·‖L⁻¹x̃ᵢ‖²/S (see `firthCorrection` in assembly/hessianKernel.ts and the
 * reference loop of FirthObjective.valueAndGradient), split over threads as
 * {@link weightedGramPass}. Uses the Gram region: L in thread 0's result area, each thread's
 * parameters, row buffers and sum in its tile area.
 *
 * @param lower - L, d × d row-major, lower triangular (LLᵀ = I/S; entries above are ignored).
 * @param out - d doubles, overwritten.
 * @returns false when the memory has no Gram region.
 */
export function firthCorrectionPass(
  target: GramPassTarget,
  threads: number,
  w: Float64Array,
  b: number,
  center: Float64Array,
  scale: Float64Array,
  fitIntercept: boolean,
  lower: Float64Array,
  total: number,
  out: Float64Array,
): boolean {
  const { km, module, pool, weighted } = target;
  const { rows: m, cols: p } = km;
  const layout = gramLayout(p);
  const run = target.firth;
  if (layout.bytes === 0 || run === undefined) return false;
  const d = p + (fitIntercept ? 1 : 0);
  const { dPad, slotBytes } = layout;
  const f64 = km.f64;
  const w8 = km.wOffset / 8;
  for (let j = 0; j < p; j++) f64[w8 + j] = w[j];
  f64[w8 + p] = b;
  const centerAt = km.gramOffset + layout.centerOffset;
  const scaleAt = km.gramOffset + layout.scaleOffset;
  f64.set(center, centerAt / 8);
  f64.set(scale, scaleAt / 8);
  const slotAt = (k: number): number => km.gramOffset + layout.slotOffset + k * slotBytes;
  const mAt = slotAt(0);
  f64.fill(0, mAt / 8, mAt / 8 + dPad * dPad);
  for (let a = 0; a < d; a++) {
    for (let c = 0; c <= a; c++) f64[mAt / 8 + a * dPad + c] = lower[a * d + c];
  }
  const t = Math.max(1, Math.min(threads, GRAM_SLOTS, Math.floor(m / 2)));
  const bounds: number[] = [];
  for (let k = 0; k < t; k++) bounds.push(2 * Math.floor((k * m) / (2 * t)));
  bounds.push(m);
  const headerAt = (k: number): number => slotAt(k) + dPad * dPad * 8;
  const outAt = (k: number): number => headerAt(k) + 64 + 2 * dPad * 8;
  for (let k = 0; k < t; k++) {
    const h = headerAt(k);
    const i32 = new Int32Array(km.memory.buffer, h, 8);
    i32[0] = centerAt;
    i32[1] = scaleAt;
    i32[2] = fitIntercept ? 1 : 0;
    i32[3] = 0;
    i32[4] = h + 64;
    i32[5] = outAt(k);
    i32[6] = mAt;
    f64[h / 8 + 4] = total;
  }
  runRowBlocks(km, module, pool, weighted, COMMAND_FIRTH, bounds, t, p, headerAt, run);
  for (let a = 0; a < d; a++) out[a] = f64[outAt(0) / 8 + a];
  for (let k = 1; k < t; k++) for (let a = 0; a < d; a++) out[a] += f64[outAt(k) / 8 + a];
  return true;
}

/**
 * Runs a pass over row blocks: block 0 here by `run`, blocks 1…t − 1 on the pool's workers by
 * `command`, each given `slot(k)` (its result header), then waits for every worker.
 */
function runRowBlocks(
  km: KernelMemory,
  module: WebAssembly.Module,
  pool: KernelThreadPool | undefined,
  weighted: boolean,
  command: number,
  bounds: ArrayLike<number>,
  t: number,
  p: number,
  slot: (k: number) => number,
  run: (...args: number[]) => void,
): void {
  const sOffset = weighted ? km.sOffset : 0;
  const ctl = pool?.control;
  if (pool !== undefined && ctl !== undefined && t > 1) {
    attachWorkers(pool, module, km.memory);
    for (let k = 1; k < t; k++) {
      const at = (k - 1) * CONTROL_STRIDE;
      ctl[at + CONTROL.command] = command;
      ctl[at + CONTROL.rowStart] = bounds[k];
      ctl[at + CONTROL.rowEnd] = bounds[k + 1];
      ctl[at + CONTROL.cols] = p;
      ctl[at + CONTROL.x] = km.xOffset;
      ctl[at + CONTROL.y] = km.yOffset;
      ctl[at + CONTROL.s] = sOffset;
      ctl[at + CONTROL.w] = km.wOffset;
      ctl[at + CONTROL.slot] = slot(k);
      signal(ctl, at);
    }
  }
  run(km.xOffset, sOffset, bounds[0], bounds[1], p, km.wOffset, slot(0));
  if (ctl !== undefined && t > 1) {
    for (let k = 1; k < t; k++) waitDone(ctl, (k - 1) * CONTROL_STRIDE);
  }
}
