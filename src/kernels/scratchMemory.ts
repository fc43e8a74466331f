const PAGE = 65536;

/** The one scratch memory that streaming kernels copy row blocks into, and its instance. */
let scratch:
  { memory: WebAssembly.Memory; bytes: number; instance: WebAssembly.Instance } | undefined;

/**
 * A small non-shared WebAssembly memory of at least `bytes` bytes (kept and reused: streaming
 * kernels copy fixed-size row blocks of X into it, so it stays O(block), never a copy of X), and
 * the export `name` of `module` instantiated on it. Single-threaded callers only.
 */
export function scratchMemory<F>(
  bytes: number,
  module: WebAssembly.Module,
  name: string,
): { memory: WebAssembly.Memory; run: F } {
  if (scratch === undefined || scratch.bytes < bytes) {
    const pages = Math.ceil(bytes / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    scratch = { memory, bytes: pages * PAGE, instance };
  }
  return { memory: scratch.memory, run: scratch.instance.exports[name] as F };
}
