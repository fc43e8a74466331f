import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The library core in a real browser (Debian's Chromium, headless): the built dist/ loaded as
// ES modules by a cross-origin-isolated page, a module Web Worker that trains, and a Web Worker
// pool (src/browser/createWebWorkerPool.ts) sharing the WebAssembly memory. .ci/run installs
// Chromium and sets LOGREG_BROWSER_TESTS=required (as does CI=…); elsewhere the suite is skipped
// with a note when no Chromium is found.
const root = fileURLToPath(new URL('../../', import.meta.url));
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const required = process.env.LOGREG_BROWSER_TESTS === 'required' || process.env.CI !== undefined;

const page = `<!doctype html><meta charset="utf-8"><title>logreg</title>
<script type="module">
  const worker = new Worker('/test/browser/trainInWorker.js', { type: 'module' });
  window.result = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
  worker.postMessage('go');
</script>`;

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.map': 'application/json',
};

/** Serves the repository read-only with the two headers that make a page cross-origin isolated. */
function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    if (path === '/') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page);
      return;
    }
    const allowed = path.startsWith('/dist/') || path.startsWith('/test/browser/');
    const file = join(root, path);
    if (!allowed || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'text/plain' })
      .end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Fit {
  coefficients: number[];
  intercept: number;
  converged: boolean;
}
interface WorkerResult {
  error?: string;
  crossOriginIsolated: boolean;
  kernelName: string;
  threadedLoss: number;
  plainLoss: number;
  threadedGrad: number[];
  plainGrad: number[];
  fits: Record<'plain' | 'wasm' | 'threads', Fit>;
}

if (chromiumPath === undefined && !required) {
  describe.skip('browser (no Chromium found; CI installs it)', () => {
    it('skipped', () => undefined);
  });
} else {
  describe('the library in headless Chromium', () => {
    let server: Server;
    let browser: Browser;
    let result: WorkerResult;

    beforeAll(async () => {
      if (chromiumPath === undefined)
        throw new Error('browser tests required, but no Chromium at /usr/bin');
      server = await serve();
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      const tab = await browser.newPage();
      const { port } = server.address() as AddressInfo;
      await tab.goto(`http://127.0.0.1:${port}/`);
      result = (await tab.evaluate('window.result')) as WorkerResult;
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('trains in a module Web Worker of a cross-origin-isolated page', () => {
      expect(result.error).toBeUndefined();
      expect(result.crossOriginIsolated).toBe(true);
      expect(result.fits.plain.converged).toBe(true);
    });

    it('runs the WebAssembly kernel on a Web Worker pool, equal to the plain kernel to 1e-12', () => {
      expect(result.kernelName).toBe('wasm-simd×2');
      expect(Math.abs(result.threadedLoss - result.plainLoss)).toBeLessThanOrEqual(
        1e-12 * Math.abs(result.plainLoss),
      );
      const scale = Math.max(...result.plainGrad.map(Math.abs));
      result.threadedGrad.forEach((g, j) => {
        expect(Math.abs(g - result.plainGrad[j])).toBeLessThanOrEqual(1e-12 * scale);
      });
    });

    it('fits the same model with the plain kernel, WASM and two threads', () => {
      const { plain, wasm, threads } = result.fits;
      for (const fit of [wasm, threads]) {
        expect(fit.converged).toBe(true);
        expect(fit.intercept).toBeCloseTo(plain.intercept, 8);
        fit.coefficients.forEach((c, j) => expect(c).toBeCloseTo(plain.coefficients[j], 8));
      }
    });
  });
}
