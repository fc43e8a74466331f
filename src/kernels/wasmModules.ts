import { gradientKernelSharedWasm, gradientKernelWasm } from './wasm/gradientKernelBytes.js';

/**
 * The compiled kernel modules (assembly/gradientKernel.ts: the gradient pass `lossAndGradient` and
 * the scoring `scores`), one for a plain and one for a shared memory, compiled once per variant from the bytes shipped in the package.
 * `undefined` marks a variant that cannot run here: no WebAssembly, no SIMD (Safari < 16.4), no
 * shared memory, or a synchronous compile refused (Chrome's main thread refuses modules > 4 KB;
 * ours are smaller, and {@link loadGradientKernelModules} compiles asynchronously anyway).
 */
const cache: { plain?: WebAssembly.Module | null; shared?: WebAssembly.Module | null } = {};

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** True when this environment can create shared WebAssembly memory (Node, cross-origin-isolated pages). */
export function sharedMemorySupported(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && g.crossOriginIsolated !== false;
}

/**
 * The gradient-kernel module for a plain (`shared = false`) or shared memory, compiled
 * synchronously on first use; `undefined` when WebAssembly SIMD is unavailable here.
 */
export function gradientKernelModule(shared: boolean): WebAssembly.Module | undefined {
  const key = shared ? 'shared' : 'plain';
  const cached = cache[key];
  if (cached !== undefined) return cached ?? undefined;
  let compiled: WebAssembly.Module | null = null;
  try {
    if (typeof WebAssembly === 'object' && (!shared || sharedMemorySupported())) {
      compiled = new WebAssembly.Module(
        decodeBase64(shared ? gradientKernelSharedWasm : gradientKernelWasm),
      );
    }
  } catch {
    compiled = null;
  }
  cache[key] = compiled;
  return compiled ?? undefined;
}

/**
 * Compiles the kernels asynchronously, for browsers' main threads (where a synchronous compile may
 * be refused). Optional: without it the first fit compiles synchronously.
 *
 * @returns true when the WebAssembly SIMD kernel is available.
 * @example
 * await loadGradientKernelModules(); // then train() uses the WASM kernel
 */
export async function loadGradientKernelModules(): Promise<boolean> {
  if (cache.plain === undefined) {
    try {
      cache.plain = await WebAssembly.compile(decodeBase64(gradientKernelWasm));
    } catch {
      cache.plain = null;
    }
  }
  if (cache.shared === undefined && sharedMemorySupported()) {
    try {
      cache.shared = await WebAssembly.compile(decodeBase64(gradientKernelSharedWasm));
    } catch {
      cache.shared = null;
    }
  }
  return cache.plain !== null;
}
