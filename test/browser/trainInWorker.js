// Runs in a module Web Worker of a cross-origin-isolated page (test/browser/browser.test.ts): the
// built library (dist/) fits the same seeded problem with the plain kernel, the WebAssembly SIMD
// kernel on one thread and on a Web Worker pool, and posts the results back.
import { createWebWorkerPool, train } from '/dist/index.js';
import { createGradientKernel } from '/dist/kernels/gradientKernel.js';

function problem(m, p) {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const data = new Float64Array(m * p);
  const y = [];
  for (let i = 0; i < m; i++) {
    let z = 0.3;
    for (let j = 0; j < p; j++) {
      const v = random() * 2 - 1;
      data[i * p + j] = v;
      z += ((j % 5) - 2) * 0.4 * v;
    }
    y.push(random() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { X: { rows: m, cols: p, data }, y };
}

self.onmessage = async () => {
  const { X, y } = problem(20000, 37);
  const options = { penalty: 'l2', C: 1, tolerance: 1e-10 };
  const pool = await createWebWorkerPool(2);
  try {
    const kernel = createGradientKernel(X, Float64Array.from(y), undefined, {
      kernel: 'wasm',
      threadPool: pool,
      minEntriesPerThread: 1000,
    });
    const w = new Float64Array(37).fill(0.01);
    const grad = new Float64Array(38);
    const threadedLoss = kernel.lossAndGradient(w, 0.1, grad);
    const kernelName = kernel.name; // which code ran (read before release)
    kernel.release();
    const plain = createGradientKernel(X, Float64Array.from(y), undefined, { kernel: 'plain' });
    const plainGrad = new Float64Array(38);
    const plainLoss = plain.lossAndGradient(w, 0.1, plainGrad);
    const models = {
      plain: train(X, y, { ...options, kernel: 'plain' }),
      wasm: train(X, y, { ...options, kernel: 'wasm' }),
      threads: train(X, y, { ...options, kernel: 'wasm', threadPool: pool }),
    };
    self.postMessage({
      crossOriginIsolated: self.crossOriginIsolated,
      kernelName,
      threadedLoss,
      plainLoss,
      threadedGrad: Array.from(grad),
      plainGrad: Array.from(plainGrad),
      fits: Object.fromEntries(
        Object.entries(models).map(([k, m]) => [
          k,
          {
            coefficients: m.coefficients,
            intercept: m.intercept,
            converged: m.fitReport.converged,
          },
        ]),
      ),
    });
  } catch (error) {
    self.postMessage({ error: String(error && error.stack ? error.stack : error) });
  } finally {
    pool.close();
  }
};
