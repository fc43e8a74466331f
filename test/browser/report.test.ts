import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../cli/runCli.js';
import { tempFolder } from '../node/tempFiles.js';

// The page `logreg report` writes, opened from disk in headless Chromium (Debian's, as in
// browser.test.ts; required in CI through LOGREG_BROWSER_TESTS), at a desktop and a phone size.
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const required = process.env.LOGREG_BROWSER_TESTS === 'required' || process.env.CI !== undefined;

const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface PageCheck {
  consoleErrors: string[];
  requests: string[];
  boxes: { figure: string; width: number; height: number }[];
  scrollWidth: number;
  innerWidth: number;
  screenshot: string;
}

if (chromiumPath === undefined && !required) {
  describe.skip('report in a browser (no Chromium found; CI installs it)', () => {
    it('skipped', () => undefined);
  });
} else {
  describe('logreg report in headless Chromium', () => {
    const temp = tempFolder('logreg-report-browser-');
    let browser: Browser;
    const checks = new Map<string, PageCheck>();

    beforeAll(async () => {
      if (chromiumPath === undefined)
        throw new Error('browser tests required, but no Chromium at /usr/bin');
      for (const args of [
        [
          'train',
          fixture('pima_categorical.csv'),
          '--target',
          'y',
          '--weights',
          'w',
          '--penalty',
          'none',
          '--model',
          'm.json',
          '--quiet',
        ],
        [
          'report',
          'm.json',
          '--data',
          fixture('pima_categorical.csv'),
          '--html',
          'report.html',
          '--quiet',
        ],
      ]) {
        const result = runCli(args, temp.folder);
        if (result.code !== 0) throw new Error(result.stderr);
      }
      const url = pathToFileURL(join(temp.folder, 'report.html')).href;
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      for (const viewport of viewports) {
        const page = await browser.newPage({
          viewport: { width: viewport.width, height: viewport.height },
        });
        const consoleErrors: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        page.on('pageerror', (error) => consoleErrors.push(error.message));
        page.on('request', (request) => {
          if (request.url() !== url) requests.push(request.url());
        });
        await page.goto(url, { waitUntil: 'load' });
        const boxes = await page.$$eval('figure.chart', (figures) =>
          figures.map((f) => {
            const box = f.querySelector('svg')!.getBoundingClientRect();
            return {
              figure: f.getAttribute('data-figure') ?? '',
              width: box.width,
              height: box.height,
            };
          }),
        );
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        const screenshot = join(temp.folder, `report-${viewport.name}.png`);
        await page.screenshot({ path: screenshot, fullPage: true });
        checks.set(viewport.name, {
          consoleErrors,
          requests,
          boxes,
          scrollWidth,
          innerWidth,
          screenshot,
        });
        await page.close();
      }
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      // Set LOGREG_KEEP_SCREENSHOTS=1 to look at the screenshots after the run.
      if (process.env.LOGREG_KEEP_SCREENSHOTS === undefined) temp.cleanup();
      else console.log(`report screenshots kept in ${temp.folder}`);
    });

    for (const viewport of viewports) {
      it(`${viewport.name}: loads with no console error and no network request`, () => {
        const check = checks.get(viewport.name)!;
        expect(check.consoleErrors).toEqual([]);
        expect(check.requests).toEqual([]);
      });

      it(`${viewport.name}: every figure has a non-empty bounding box within the page width`, () => {
        const check = checks.get(viewport.name)!;
        expect(check.boxes.map((b) => b.figure)).toEqual([
          'forest',
          'loss',
          'roc',
          'pr',
          'calibration',
        ]);
        for (const box of check.boxes) {
          expect(box.width).toBeGreaterThan(100);
          expect(box.height).toBeGreaterThan(100);
          expect(box.width).toBeLessThanOrEqual(viewport.width);
        }
        // Nothing widens the page beyond the screen (wide tables scroll inside their box).
        expect(check.scrollWidth).toBeLessThanOrEqual(check.innerWidth);
        expect(existsSync(check.screenshot)).toBe(true);
      });
    }
  });
}
