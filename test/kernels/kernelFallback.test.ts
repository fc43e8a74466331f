import { afterEach, describe, expect, it, vi } from 'vitest';
import { crossEntropyGradient } from '../../src/kernels/crossEntropyGradient.js';
import { randomProblem } from './problems.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('without WebAssembly', () => {
  it('falls back to the plain TypeScript kernel, bit for bit', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const { createGradientKernel } = await import('../../src/kernels/gradientKernel.js');
    const { allocateKernelMatrix } = await import('../../src/kernels/kernelMemory.js');
    const { train } = await import('../../src/model/train.js');
    const { X, y, w, b } = randomProblem(1, 3000, 5, false, 1);
    const kernel = createGradientKernel(X, y, undefined, { kernel: 'wasm' });
    expect(kernel.name).toBe('plain');
    const g = new Float64Array(6);
    const gRef = new Float64Array(6);
    expect(kernel.lossAndGradient(w, b, g)).toBe(crossEntropyGradient(X, y, w, b, gRef));
    expect(g).toEqual(gRef);
    expect(allocateKernelMatrix(2, 3).data).toBeInstanceOf(Float64Array);
    expect(train(X, Array.from(y)).fitReport.converged).toBe(true);
  });

  it('falls back when the module does not compile (no SIMD)', async () => {
    const Real = WebAssembly;
    vi.stubGlobal('WebAssembly', {
      ...Real,
      Module: function () {
        throw new Real.CompileError('SIMD unsupported');
      },
    });
    vi.resetModules();
    const { createGradientKernel } = await import('../../src/kernels/gradientKernel.js');
    const { X, y } = randomProblem(2, 3000, 5, false, 1);
    expect(createGradientKernel(X, y, undefined).name).toBe('plain');
  });
});
