import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/data/column.js';
import { readCsv } from '../../src/node/readCsv.js';
import { readNumericCsv } from '../../src/node/fastNumericCsv.js';
import { tempFolder } from '../node/tempFiles.js';

// The library core in a real browser (Debian's Chromium, headless): the built dist/ loaded as
// ES modules by a cross-origin-isolated page, a module Web Worker that trains, and a Web Worker
// pool (src/browser/createWebWorkerPool.ts) sharing the WebAssembly memory. .ci/run installs
// Chromium and sets LOGREG_BROWSER_TESTS=required (as does CI=…); elsewhere the suite is skipped
// with a note when no Chromium is found.
const root = fileURLToPath(new URL('../../', import.meta.url));
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const required = process.env.LOGREG_BROWSER_TESTS === 'required' || process.env.CI !== undefined;

/**
 * Files to drop on the page: a mixed CSV (BOM, quotes, missing tokens, text, UTF-8, CRLF, a
 * semicolon delimiter) and a numeric one whose numbers take both the fast and the `Number()`
 * routes of the byte parser (15+ digits, large exponents).
 */
const mixedCsv =
  '\ufeffid;name;score\r\n1;"Smith; J.";2.5\r\n2;NA;-1e-3\r\n3;café;\r\n4;"say ""hi""";7\r\n';
const numericCsv = `x1,y,x2\n${Array.from({ length: 200 }, (_, i) => {
  const long = `${i}.${'0123456789'.repeat(1 + (i % 3))}`;
  return `${long},${i % 2},${(i * 7919) % 1000}e${(i % 50) - 25}`;
}).join('\n')}\n`;

/** Reads the dropped files in the page with the library's byte readers, as plain data. */
const dropScript = `
  const plain = (table) => table.columns.map((c) => ({
    name: c.name,
    numbers: Array.from(c.numbers, (v) => (Number.isNaN(v) ? null : v)),
    text: c.text ?? null,
    missingRows: Array.from(c.missingRows),
  }));
  window.dropped = (async () => {
    const { parseCsv, parseNumericCsv } = await import('/dist/index.js');
    const mixed = new File([${JSON.stringify(mixedCsv)}], 'mixed.csv');
    const numeric = new File([${JSON.stringify(numericCsv)}], 'numeric.csv');
    const mixedBytes = new Uint8Array(await mixed.arrayBuffer());
    const numericBytes = new Uint8Array(await numeric.arrayBuffer());
    const fast = parseNumericCsv(numericBytes, { labelColumn: 'y' });
    return {
      mixed: plain(parseCsv(mixedBytes, { name: mixed.name })),
      numeric: plain(parseCsv(numericBytes, { name: numeric.name })),
      fast: { columns: fast.columns, X: Array.from(fast.X.data), labels: Array.from(fast.labels) },
    };
  })().catch((e) => ({ error: String(e?.stack ?? e) }));`;

const page = `<!doctype html><meta charset="utf-8"><title>logreg</title>
<script type="module">
  const worker = new Worker('/test/browser/trainInWorker.js', { type: 'module' });
  window.result = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
  worker.postMessage('go');
  ${dropScript}
</script>`;

/** A table as the page returns it. */
function plain(table: Table) {
  return table.columns.map((c) => ({
    name: c.name,
    numbers: Array.from(c.numbers, (v) => (Number.isNaN(v) ? null : v)),
    text: c.text ?? null,
    missingRows: Array.from(c.missingRows),
  }));
}

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
interface Dropped {
  error?: string;
  mixed: ReturnType<typeof plain>;
  numeric: ReturnType<typeof plain>;
  fast: { columns: string[]; X: number[]; labels: number[] };
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
    let dropped: Dropped;

    beforeAll(async () => {
      if (chromiumPath === undefined)
        throw new Error('browser tests required, but no Chromium at /usr/bin');
      server = await serve();
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      const tab = await browser.newPage();
      const { port } = server.address() as AddressInfo;
      await tab.goto(`http://127.0.0.1:${port}/`);
      result = (await tab.evaluate('window.result')) as WorkerResult;
      dropped = (await tab.evaluate('window.dropped')) as Dropped;
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('reads dropped CSV files from their bytes as readCsv and readNumericCsv read them in Node', async () => {
      expect(dropped.error).toBeUndefined();
      const temp = tempFolder('logreg-browser-drop-');
      try {
        const mixed = temp.file('mixed.csv', mixedCsv);
        const numeric = temp.file('numeric.csv', numericCsv);
        expect(dropped.mixed).toEqual(plain(await readCsv(mixed)));
        expect(dropped.mixed[1]!.text).toEqual(['Smith; J.', null, 'café', 'say "hi"']);
        expect(dropped.numeric).toEqual(plain(await readCsv(numeric)));
        const fast = readNumericCsv(numeric, { labelColumn: 'y' })!;
        expect(dropped.fast).toEqual({
          columns: fast.columns,
          X: Array.from(fast.X.data),
          labels: Array.from(fast.labels!),
        });
        // Bit for bit: Number() of each cell, as Node's parser gives it.
        const cells = numericCsv
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(','));
        expect(dropped.fast.X).toEqual(cells.flatMap((r) => [Number(r[0]), Number(r[2])]));
      } finally {
        temp.cleanup();
      }
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
