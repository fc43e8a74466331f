import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernel, renderModule } from '../../scripts/buildWasm.js';

describe('src/kernels/wasm/gradientKernelBytes.ts', () => {
  it('is what scripts/buildWasm.ts makes from assembly/gradientKernel.ts (run npm run build:wasm)', async () => {
    const expected = renderModule(await compileKernel(false), await compileKernel(true));
    const actual = readFileSync(
      new URL('../../src/kernels/wasm/gradientKernelBytes.ts', import.meta.url),
      'utf8',
    );
    expect(actual).toBe(expected);
  });
});
