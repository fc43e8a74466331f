import type { Matrix } from '../linalg/matrix.js';
import type { KernelMemory } from './kernelMemory.js';
import { scratchMemory } from './scratchMemory.js';
import { gradientKernelModule } from './wasmModules.js';

/** The `columnMoments` export of assembly/columnMoments.ts (pointers are byte offsets). */
export type ColumnMoments = (
  X: number,
  rows: number,
  cols: number,
  s: number,
  shift: number,
  out: number,
) => void;

/** The `columnSumsInOrder` export of assembly/columnMoments.ts (pointers are byte offsets). */
export type ColumnSumsInOrder = (
  X: number,
  rows: number,
  cols: number,
  firstRow: number,
  out: number,
) => void;

/** Bytes of X streamed through the scratch memory per block. */
const BLOCK_BYTES = 1 << 17;
/** Bytes of X copied into kernel memory, then summed while in cache, per block (measured best of
 * 64 KiB … 16 MiB at 1,000,000 × 100: 512 KiB, half this machine's L2). */
const COPY_BLOCK_BYTES = 1 << 19;

const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** Weighted column sums of X about a shift, the input of {@link featureScaling}'s moments. */
export interface ShiftedSums {
  /** The shift c (p doubles): the first row. */
  readonly shift: Float64Array;
  /** Σᵢ sᵢ·(xᵢⱼ − cⱼ), p doubles. */
  readonly sum: Float64Array;
  /** Σᵢ sᵢ·(xᵢⱼ − cⱼ)², p doubles. */
  readonly sumOfSquares: Float64Array;
  /** When asked for: the data fingerprint's column sums from the same pass. */
  readonly inOrder?: InOrderSums | undefined;
}

/**
 * The unweighted column sums of src/model/dataFingerprint.ts, Σᵢ xᵢⱼ and Σᵢ (i + 1)·xᵢⱼ, each added
 * in row order (bit-identical to the plain loop there).
 */
export interface InOrderSums {
  readonly sum: Float64Array;
  readonly moment: Float64Array;
}

/**
 * The column sums that weighted means and variances come from, in one pass over dense X by the
 * WebAssembly SIMD kernel assembly/columnMoments.ts (row blocks streamed through a small scratch
 * memory). Shifting by the first row keeps Σ(x − c)² − (Σ(x − c))²/S free of cancellation unless
 * that row is far out (relative error about ε·((x₀ − mean)/sd)²), and gives a constant column
 * exactly zero sums. A NaN or infinite entry of X makes its column's sums non-finite.
 *
 * @returns undefined where WebAssembly SIMD is unavailable (the caller uses the plain two-pass loop).
 */
export function shiftedColumnSums(
  X: Matrix,
  sampleWeight: ArrayLike<number> | undefined,
): ShiftedSums | undefined {
  const module = gradientKernelModule(false);
  const { rows: m, cols: p, data } = X;
  if (module === undefined || p === 0) return undefined;
  // The first row as the shift: a constant column then sums exact zeros (sd exactly 0, as the
  // identifiability check needs), and for real data the first row lies a few sd from the mean.
  const shift = data.slice(0, p);
  if (!shift.every(Number.isFinite)) shift.fill(0); // non-finite data: the sums will say so

  // Scratch layout: shift (p) · sums (2p) · the block's weights · the block's rows.
  const block = Math.max(2, Math.floor(BLOCK_BYTES / (8 * p)));
  const outOffset = align16(p * 8);
  const sOffset = outOffset + align16(2 * p * 8);
  const xOffset = sOffset + align16(block * 8);
  const { memory, run } = scratchMemory<ColumnMoments>(
    xOffset + block * p * 8,
    module,
    'columnMoments',
  );
  const f64 = new Float64Array(memory.buffer);
  f64.set(shift, 0);
  f64.fill(0, outOffset / 8, outOffset / 8 + 2 * p);
  for (let start = 0; start < m; start += block) {
    const n = Math.min(block, m - start);
    f64.set(data.subarray(start * p, (start + n) * p), xOffset / 8);
    if (sampleWeight !== undefined) {
      for (let i = 0; i < n; i++) f64[sOffset / 8 + i] = sampleWeight[start + i];
    }
    run(xOffset, n, p, sampleWeight === undefined ? 0 : sOffset, 0, outOffset);
  }
  const at = outOffset / 8;
  return {
    shift,
    sum: f64.slice(at, at + p),
    sumOfSquares: f64.slice(at + p, at + 2 * p),
  };
}

/**
 * {@link shiftedColumnSums} of the X region of a kernel memory, summed in place by `run` (the
 * module instantiated on that memory). With `source`, the region is first filled from it, block by
 * block, each block summed right after its copy while it is still in cache: one pass over X in
 * main memory gives both the kernel's copy of X and the moments of feature scaling. With
 * `inOrder` (the module's `columnSumsInOrder`), each block is also summed for the data
 * fingerprint while in cache ({@link InOrderSums}), again without a pass of its own. Weights, when
 * `weighted`, must already be in the memory's s region. Uses the result slots as scratch (every
 * gradient pass rewrites them).
 */
export function kernelMemoryColumnSums(
  km: KernelMemory,
  run: ColumnMoments,
  weighted: boolean,
  source?: Float64Array,
  inOrder?: ColumnSumsInOrder,
): ShiftedSums {
  const { rows: m, cols: p, f64 } = km;
  const x = km.xOffset / 8;
  const shift = (source ?? f64).slice(
    source === undefined ? x : 0,
    (source === undefined ? x : 0) + p,
  );
  if (!shift.every(Number.isFinite)) shift.fill(0); // non-finite data: the sums will say so
  // Slots: shift (p) · sums (2p) · in-order sums (2p).
  const shiftOffset = km.slotOffset;
  const outOffset = shiftOffset + align16(p * 8);
  const inOrderOffset = outOffset + align16(2 * p * 8);
  f64.set(shift, shiftOffset / 8);
  f64.fill(0, outOffset / 8, inOrderOffset / 8 + 2 * p);
  const rowBytes = p * 8;
  const s = (start: number): number => (weighted ? km.sOffset + start * 8 : 0);
  if (source === undefined && inOrder === undefined) {
    run(km.xOffset, m, p, s(0), shiftOffset, outOffset);
  } else {
    // Even blocks keep the moments' row pairs those of one call over all rows.
    const block = 2 * Math.max(1, Math.floor(COPY_BLOCK_BYTES / rowBytes / 2));
    for (let start = 0; start < m; start += block) {
      const n = Math.min(block, m - start);
      if (source !== undefined) {
        f64.set(source.subarray(start * p, (start + n) * p), x + start * p);
      }
      const at = km.xOffset + start * rowBytes;
      run(at, n, p, s(start), shiftOffset, outOffset);
      inOrder?.(at, n, p, start + 1, inOrderOffset);
    }
  }
  const at = outOffset / 8;
  const io = inOrderOffset / 8;
  return {
    shift,
    sum: f64.slice(at, at + p),
    sumOfSquares: f64.slice(at + p, at + 2 * p),
    inOrder:
      inOrder === undefined
        ? undefined
        : { sum: f64.slice(io, io + p), moment: f64.slice(io + p, io + 2 * p) },
  };
}
