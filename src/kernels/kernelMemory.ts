import type { Matrix } from '../linalg/matrix.js';
import { gradientKernelModule, sharedMemorySupported } from './wasmModules.js';

const PAGE = 65536;
/** Bytes below the data, left to the module's own static data (it has none today). */
const BASE = PAGE;
/** Result slots, one per thread working on a pass (the caller's thread is slot 0). */
export const MAX_SLOTS = 64;
/** WebAssembly (wasm32) memories hold at most 2³² bytes. */
const MAX_PAGES = 65536;

const align16 = (n: number): number => Math.ceil(n / 16) * 16;
/** Doubles per result slot: cols + 2, rounded up to a 64-byte cache line so that threads writing
 * neighbouring slots never share a line (false sharing would cost a line transfer per row step). */
const slotStrideFor = (cols: number): number => Math.ceil((cols + 2) / 8) * 8;

/** Largest d = cols + 1 for which a memory reserves room for the weighted Gram pass. */
export const MAX_GRAM_DIMENSION = 512;
/** Threads (the caller's included) that the weighted Gram pass splits rows over, at most. */
export const GRAM_SLOTS = 4;

/**
 * Where the weighted Gram pass (assembly/hessianKernel.ts) works, in bytes from the region's
 * start: GRAM_SLOTS parameter headers (6 int32 each, 32 bytes), center and scale (dPad doubles
 * each), then per thread its dPad × dPad result and its two B × dPad tiles. Empty (bytes 0) when
 * cols + 1 > {@link MAX_GRAM_DIMENSION}.
 */
export interface GramLayout {
  /** d = cols + 1 rounded up to a multiple of 4. */
  readonly dPad: number;
  /** Rows per cache block B (even): the two tiles take about 256 KB. */
  readonly blockRows: number;
  readonly centerOffset: number;
  readonly scaleOffset: number;
  readonly slotOffset: number;
  /** Bytes per thread: result then tiles. */
  readonly slotBytes: number;
  readonly bytes: number;
}

/** The {@link GramLayout} for a matrix with `cols` columns. */
export function gramLayout(cols: number): GramLayout {
  const dPad = Math.ceil((cols + 1) / 4) * 4;
  const blockRows = Math.max(16, Math.min(256, Math.floor(16384 / dPad / 8) * 8));
  const centerOffset = 64 * Math.ceil((GRAM_SLOTS * 32) / 64);
  const scaleOffset = centerOffset + dPad * 8;
  const slotOffset = Math.ceil((scaleOffset + dPad * 8) / 64) * 64;
  const slotBytes = Math.ceil(((dPad * dPad + 2 * dPad * blockRows) * 8) / 64) * 64;
  const bytes = cols + 1 > MAX_GRAM_DIMENSION ? 0 : slotOffset + GRAM_SLOTS * slotBytes;
  return { dPad, blockRows, centerOffset, scaleOffset, slotOffset, slotBytes, bytes };
}

/**
 * One WebAssembly memory holding a problem for the WASM kernels, laid out once and never grown
 * (growing a non-shared memory would detach the views handed out):
 * X (rows × cols, row-major) · y (rows) · s (rows) · w and b (cols + 1) · MAX_SLOTS result slots
 * of cols + 2 doubles (Σ rᵢxᵢ, Σ rᵢ, the loss sum), each on its own cache lines · the weighted
 * Gram pass's region ({@link gramLayout}; empty for wide matrices). Offsets are in
 * bytes, 16-aligned (the slots 64-aligned). The memory
 * is shared (a SharedArrayBuffer) where the environment allows it, so worker threads can attach.
 */
export class KernelMemory {
  readonly xOffset = BASE;
  readonly yOffset: number;
  readonly sOffset: number;
  readonly wOffset: number;
  readonly slotOffset: number;
  /** Doubles per result slot (cols + 2, rounded up to a multiple of 8: one cache line). */
  readonly slotStride: number;
  /** Start of the weighted Gram pass's region (see {@link gramLayout}), 64-aligned. */
  readonly gramOffset: number;
  /** The whole memory as doubles; index = byte offset / 8. */
  readonly f64: Float64Array;
  /** The kernel whose y and s are loaded now (several kernels may share one memory's X). */
  owner: object | undefined;
  /** Made by a kernel to hold a copy of X (not a user's {@link allocateKernelMatrix}): recyclable. */
  copy = false;

  private constructor(
    readonly memory: WebAssembly.Memory,
    readonly shared: boolean,
    readonly rows: number,
    readonly cols: number,
  ) {
    this.yOffset = align16(this.xOffset + rows * cols * 8);
    this.sOffset = align16(this.yOffset + rows * 8);
    this.wOffset = align16(this.sOffset + rows * 8);
    this.slotOffset = Math.ceil((this.wOffset + (cols + 1) * 8) / 64) * 64;
    this.slotStride = slotStrideFor(cols);
    this.gramOffset = this.slotOffset + MAX_SLOTS * this.slotStride * 8;
    this.f64 = new Float64Array(memory.buffer);
  }

  /** Bytes needed for a rows × cols problem. */
  static bytesFor(rows: number, cols: number): number {
    return (
      BASE +
      rows * cols * 8 +
      2 * rows * 8 +
      (cols + 1) * 8 +
      MAX_SLOTS * slotStrideFor(cols) * 8 +
      128 +
      gramLayout(cols).bytes
    );
  }

  /**
   * A zeroed memory for a rows × cols problem, shared when possible; `undefined` when the problem
   * does not fit in 4 GiB or WebAssembly is unavailable.
   */
  static create(rows: number, cols: number): KernelMemory | undefined {
    const pages = Math.ceil(KernelMemory.bytesFor(rows, cols) / PAGE);
    if (pages > MAX_PAGES) return undefined;
    const shared = sharedMemorySupported() && gradientKernelModule(true) !== undefined;
    if (!shared && gradientKernelModule(false) === undefined) return undefined;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
    } catch {
      return undefined; // out of memory for a reservation this large
    }
    const km = new KernelMemory(memory, shared, rows, cols);
    registry.set(memory.buffer, km);
    return km;
  }

  /** The matrix view of the X region. */
  matrix(): Matrix {
    return {
      rows: this.rows,
      cols: this.cols,
      data: new Float64Array(this.memory.buffer, this.xOffset, this.rows * this.cols),
    };
  }

  /** The kernel memory whose X region `X.data` is, if any (then the kernels read it in place). */
  static of(X: Matrix): KernelMemory | undefined {
    const km = registry.get(X.data.buffer);
    return km !== undefined &&
      X.data.byteOffset === km.xOffset &&
      X.rows === km.rows &&
      X.cols === km.cols
      ? km
      : undefined;
  }
}

const registry = new WeakMap<ArrayBufferLike, KernelMemory>();

/**
 * The copy memory released last, until the garbage collector takes it. A WebAssembly memory is
 * freed only by a collection, which large external allocations do not trigger soon enough: fitting
 * twice in a row on an 800 MB matrix would otherwise hold three copies of it at once.
 */
let spare: WeakRef<KernelMemory> | undefined;

/** A memory to copy a rows × cols X into: the spare one when it has that shape, else a new one. */
export function copyMemory(rows: number, cols: number): KernelMemory | undefined {
  const reused = spare?.deref();
  spare = undefined;
  if (reused !== undefined && reused.rows === rows && reused.cols === cols) return reused;
  const km = KernelMemory.create(rows, cols);
  if (km !== undefined) km.copy = true;
  return km;
}

/** Hands a copy memory back for reuse (user memories are never recycled). */
export function recycleMemory(km: KernelMemory): void {
  if (km.copy) {
    km.owner = undefined;
    spare = new WeakRef(km);
  }
}

/**
 * A zero-filled rows × cols row-major matrix whose data live in WebAssembly memory, so that the
 * WASM gradient kernel (and its worker threads) read it in place instead of copying it: fill
 * `data` and pass the matrix to `train`. Falls back to an ordinary `Float64Array` when
 * WebAssembly is unavailable. The memory is freed when the matrix is garbage-collected.
 *
 * @example
 * const X = allocateKernelMatrix(1_000_000, 100); // 800 MB, held once during training
 * X.data.set(rowMajorValues);
 */
export function allocateKernelMatrix(rows: number, cols: number): Matrix {
  const km = KernelMemory.create(rows, cols);
  return km?.matrix() ?? { rows, cols, data: new Float64Array(rows * cols) };
}
