/**
 * `npm run bench` (`-- --quick` for a seconds-long smoke run): logreg against the hardware and its
 * peers on the same seeded data, in one run. Prints a table of ratios and writes
 * bench-results/bench-<time>.json (and latest.json).
 *
 * Sections: one fused gradient pass (GB/s; ratio to a `gcc -O3 -march=native` C kernel when gcc
 * is present), fits to tolerance 1e-6 (L2, C = 1) each in its own process for its peak memory,
 * with the objective every model reaches, prediction throughput, and CSV/LIBSVM ingest; then the
 * sparse LIBSVM set (bench/sparseCases.ts): CSR ingest and fits against scikit-learn.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createGradientKernel } from '../src/kernels/gradientKernel.js';
import { compareGradientPass } from './gradientPassCompare.js';
import { readNumericCsv } from '../src/node/fastNumericCsv.js';
import { readTable } from '../src/node/readTable.js';
import { createThreadPool } from '../src/node/threads/createThreadPool.js';
import { allocateKernelMatrix } from '../src/kernels/kernelMemory.js';
import { cacheDir, denseCsv, denseLibsvm, denseSet, loadX, loadY } from './datasets.js';
import type { DenseSet } from './datasets.js';
import type { FitCase, FitResult } from './fitCase.js';
import { best } from './measure.js';
import { describeBlas, runPython } from './pythonPeer.js';
import type { PeerBlas } from './pythonPeer.js';
import { sparseSection } from './sparseCases.js';
import { sqlSection } from './sqlEngines.js';
import { scaleSection } from './scaleBench.js';
import { streamMemorySection } from './streamMemory.js';
import { endToEndSection } from './endToEnd.js';

import { csvIngestRows } from './csvIngest.js';
import { parallelIngestRows } from './csvParallelIngest.js';
import {
  LBFGS_REFERENCE_CASE,
  MAXIMUM_LIKELIHOOD_CASE,
  firthProfileCase,
  maximumLikelihoodCase,
} from './inferenceCases.js';

const quick = process.argv.includes('--quick');
/** `--e2e`: also the end-to-end CLI rows (bench/endToEnd.ts: train 1M × 100, predict 10M × 20). */
const e2e = process.argv.includes('--e2e');
const root = fileURLToPath(new URL('..', import.meta.url));
const sizes: readonly (readonly [number, number])[] = quick
  ? [
      [10_000, 20],
      [20_000, 50],
    ]
  : [
      [100_000, 20],
      [1_000_000, 100],
    ];
const ingestSize: readonly [number, number] = quick ? [20_000, 20] : [1_000_000, 100];
const readTableSize: readonly [number, number] = quick ? [2_000, 20] : [100_000, 20];

interface Row {
  readonly section: string;
  readonly data: string;
  readonly what: string;
  readonly value: string;
  readonly ratio: string;
  readonly note?: string | undefined;
}
const rows: Row[] = [];
const results: Record<string, unknown[]> = {
  gradient: [],
  fits: [],
  predict: [],
  ingest: [],
  peerBlas: [],
};
const say = (text: string): void => void process.stderr.write(`${text}\n`);
/** The 1, 5 and 15 minute load averages (`uptime`), taken at each section: how busy the machine was. */
const loads: { at: string; loadAverage: number[] }[] = [];
const noteLoad = (at: string): void => {
  loads.push({ at, loadAverage: loadavg().map((l) => +l.toFixed(2)) });
};

// ── The C reference kernel ──────────────────────────────────────────────────────────────────
function compileC(): string | undefined {
  const exe = `${cacheDir}gradient-c-threads`;
  try {
    execFileSync('gcc', [
      '-O3',
      '-march=native',
      '-pthread',
      '-o',
      exe,
      `${root}bench/gradient.c`,
      '-lm',
    ]);
    return exe;
  } catch {
    return undefined;
  }
}

// ── One gradient pass ─────────────────────────────────────────────────────────────────────────
// C and WASM are timed interleaved, round by round (bench/gradientPassCompare.ts), so that other
// load on the machine slows both alike; the plain kernel is timed alone (it is 5–10× slower).
function gradientSection(set: DenseSet, cExe: string | undefined): void {
  const X = loadX(set, true);
  const y = loadY(set);
  const p = set.cols;
  const w = Float64Array.from({ length: p }, (_, j) => 0.01 * ((j % 7) - 3));
  const g = new Float64Array(p + 1);
  const bytes = X.data.byteLength;
  const repeats = quick ? 10 : set.rows * p > 1e7 ? 15 : 60;
  const pool = createThreadPool(2);
  const compared =
    cExe === undefined
      ? undefined
      : compareGradientPass(set, pool, { rounds: quick ? 2 : 6, passes: 5 });
  const timed = (kernel: ReturnType<typeof createGradientKernel>, times: number): number => {
    const { seconds } = best(times, () => kernel.lossAndGradient(w, 0.1, g));
    kernel.release();
    return seconds;
  };
  const variants: [string, () => number][] = [
    [
      'plain TypeScript',
      () => timed(createGradientKernel(X, y, undefined, { kernel: 'plain' }), Math.min(repeats, 5)),
    ],
    [
      'WASM SIMD, 1 thread',
      () =>
        compared?.one ?? timed(createGradientKernel(X, y, undefined, { kernel: 'wasm' }), repeats),
    ],
    [
      'WASM SIMD, 2 threads',
      () =>
        compared?.two ??
        timed(createGradientKernel(X, y, undefined, { kernel: 'wasm', threadPool: pool }), repeats),
    ],
  ];
  const data = `${set.rows}×${set.cols}`;
  if (compared !== undefined) {
    rows.push({
      section: 'gradient pass',
      data,
      what: 'C, gcc -O3 -march=native',
      value: `${(bytes / compared.c / 1e9).toFixed(2)} GB/s`,
      ratio: '1.00',
    });
    rows.push({
      section: 'gradient pass',
      data,
      what: 'C, 2 threads',
      value: `${(bytes / compared.c2 / 1e9).toFixed(2)} GB/s`,
      ratio: (compared.c / compared.c2).toFixed(2),
    });
    results.gradient.push({
      data,
      kernel: 'C, 2 threads',
      seconds: compared.c2,
      gbPerSecond: bytes / compared.c2 / 1e9,
    });
  }
  for (const [name, measure] of variants) {
    const seconds = measure();
    const ratio = compared === undefined ? '—' : (compared.c / seconds).toFixed(2);
    rows.push({
      section: 'gradient pass',
      data,
      what: name,
      value: `${(bytes / seconds / 1e9).toFixed(2)} GB/s`,
      ratio,
      note:
        compared !== undefined && name === 'WASM SIMD, 2 threads'
          ? `${(compared.c2 / seconds).toFixed(2)} of C on 2 threads`
          : undefined,
    });
    results.gradient.push({
      data,
      kernel: name,
      seconds,
      gbPerSecond: bytes / seconds / 1e9,
      cSeconds: compared?.c,
      cRoundRatios: name === 'WASM SIMD, 1 thread' ? compared?.roundRatios : undefined,
    });
  }
  void pool.close();
}

// ── Fits, each in its own process ─────────────────────────────────────────────────────────────
function runCase(spec: FitCase): FitResult | string {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', `${root}bench/fitCase.ts`, JSON.stringify(spec)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      timeout: 20 * 60_000,
    },
  );
  if (child.status !== 0)
    return `failed: ${(child.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? child.signal}`;
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as FitResult;
}

interface SklearnResult {
  readonly version: string;
  readonly blas?: readonly PeerBlas[];
  readonly fits: Record<
    string,
    { seconds: number; iterations: number; coefficients: number[]; intercept: number }
  >;
  readonly predictRowsPerSecond: number;
  readonly peakRssBytes: number;
}

function runSklearn(set: DenseSet, repeats: number): SklearnResult | string {
  const check = runPython(['-c', 'import sklearn']);
  if (check.status !== 0)
    return 'skipped: /usr/bin/python3 cannot import sklearn (apt-get install python3-sklearn)';
  const child = runPython(
    [
      `${root}bench/sklearn_fit.py`,
      set.xFile,
      set.yFile,
      String(set.rows),
      String(set.cols),
      String(repeats),
    ],
    20 * 60_000,
  );
  if (child.status !== 0) return `failed: ${child.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(child.stdout) as SklearnResult;
}

/** F(w, b) at C = 1 on the set, for models fitted elsewhere. */
function objectiveOf(set: DenseSet, w: readonly number[], b: number): number {
  const X = loadX(set, false);
  const y = loadY(set);
  const { rows: m, cols: p, data } = X;
  let loss = 0;
  for (let i = 0; i < m; i++) {
    let z = b;
    for (let j = 0; j < p; j++) z += w[j] * data[i * p + j];
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
  }
  let norm = 0;
  for (const c of w) norm += c * c;
  return loss / m + norm / (2 * m);
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function fitSection(set: DenseSet): void {
  const data = `${set.rows}×${set.cols}`;
  const big = set.rows * set.cols >= 1e7;
  const repeats = quick ? 1 : big ? 3 : 5;
  const base = { rows: set.rows, cols: set.cols, repeats };
  const sk = runSklearn(set, quick ? 1 : 3);
  const skLbfgs = typeof sk === 'string' ? undefined : sk.fits.lbfgs;
  const reference = skLbfgs?.seconds;
  const skObjective =
    skLbfgs === undefined ? undefined : objectiveOf(set, skLbfgs.coefficients, skLbfgs.intercept);
  // The first case is the headline: X an ordinary Float64Array, copied into kernel memory by the
  // fit (as for every user who did not allocate it there), on a warm 2-thread pool.
  const cases: [string, FitCase][] = [
    ['logreg lbfgs, 2 threads, X copied in', { ...base, library: 'logreg', threads: 2 }],
    [LBFGS_REFERENCE_CASE, { ...base, library: 'logreg', threads: 2, inKernelMemory: true }],
    [
      'logreg lbfgs, 1 thread, X in kernel memory',
      { ...base, library: 'logreg', inKernelMemory: true },
    ],
    ['logreg lbfgs, 1 thread, X copied in', { ...base, library: 'logreg' }],
    ['logreg lbfgs, plain kernel', { ...base, library: 'logreg', kernel: 'plain', repeats: 1 }],
    ['logreg newton', { ...base, library: 'logreg', solver: 'newton', repeats: 1 }],
    [MAXIMUM_LIKELIHOOD_CASE, maximumLikelihoodCase(base)],
    [
      `logreg gd (${big ? 100 : 1000} steps max)`,
      { ...base, library: 'logreg', solver: 'gd', maxIterations: big ? 100 : 1000, repeats: 1 },
    ],
    [
      'ml-logistic-regression',
      { ...base, library: 'ml-logistic-regression', repeats: 1, steps: quick ? 2 : big ? 2 : 20 },
    ],
    [
      'tfjs (cpu backend), Adam',
      { ...base, library: 'tfjs', repeats: 1, steps: quick ? 3 : big ? 20 : 100 },
    ],
  ].filter(
    ([name]) =>
      !quick || name === MAXIMUM_LIKELIHOOD_CASE || !/newton|gd|copied|plain/.test(name as string),
  ) as [string, FitCase][];
  if (typeof sk !== 'string') {
    results.peerBlas.push({ data, peer: `scikit-learn ${sk.version}`, blas: sk.blas });
    for (const [solver, fit] of Object.entries(sk.fits)) {
      const objective = objectiveOf(set, fit.coefficients, fit.intercept);
      rows.push({
        section: 'fit',
        data,
        what: `scikit-learn ${sk.version} ${solver}`,
        value: `${fit.seconds.toFixed(3)} s, ${fit.iterations} it, F = ${objective.toFixed(10)}`,
        ratio: reference === undefined ? '—' : (reference / fit.seconds).toFixed(2),
        note: `peak ${mb(sk.peakRssBytes)} (process); ${describeBlas(sk.blas)}`,
      });
      results.fits.push({
        data,
        library: `scikit-learn ${solver}`,
        blas: sk.blas,
        ...fit,
        coefficients: undefined,
        objective,
      });
    }
  } else {
    rows.push({ section: 'fit', data, what: 'scikit-learn', value: sk, ratio: '—' });
  }
  let logregFast: FitResult | undefined;
  const seconds = new Map<string, number>();
  for (const [name, spec] of cases) {
    say(`  ${data}: ${name}`);
    const r = runCase(spec);
    if (typeof r === 'string') {
      rows.push({ section: 'fit', data, what: name, value: r, ratio: '—' });
      continue;
    }
    logregFast ??= r;
    seconds.set(name, r.seconds);
    const equal =
      skObjective === undefined
        ? ''
        : r.objective <= skObjective + 1e-12
          ? ' ≤ sklearn'
          : ` (+${(r.objective - skObjective).toExponential(1)})`;
    rows.push({
      section: 'fit',
      data,
      what: name,
      value: `${r.seconds.toFixed(3)} s, ${r.iterations ?? '—'} it, F = ${r.objective.toFixed(10)}${equal}`,
      ratio: reference === undefined ? '—' : (reference / r.seconds).toFixed(2),
      note: `peak ${mb(r.peakRssBytes)} = ${(r.peakRssBytes / r.dataBytes).toFixed(2)}× X`,
    });
    results.fits.push({ data, library: name, ...r });
    // positiveProbability (P(y = 1) per row) is timed in the 1-thread cases, on X as each holds it.
    if (name.startsWith('logreg lbfgs, 1 thread') && r.predictRowsPerSecond !== undefined) {
      const skPredict = typeof sk === 'string' ? undefined : sk.predictRowsPerSecond;
      const where = name.endsWith('kernel memory') ? 'X in kernel memory' : 'X a Float64Array';
      rows.push({
        section: 'positiveProbability',
        data,
        what: `logreg, ${where}, 2 threads`,
        value: `${(r.predictRowsPerSecond / 1e6).toFixed(1)} M rows/s`,
        ratio: skPredict === undefined ? '—' : (r.predictRowsPerSecond / skPredict).toFixed(2),
        note:
          r.predictOneThreadRowsPerSecond === undefined
            ? undefined
            : `1 thread: ${(r.predictOneThreadRowsPerSecond / 1e6).toFixed(1)} M rows/s${skPredict === undefined ? '' : ` (${(r.predictOneThreadRowsPerSecond / skPredict).toFixed(2)})`}`,
      });
      if (skPredict !== undefined && where !== 'X a Float64Array') {
        rows.push({
          section: 'positiveProbability',
          data,
          what: 'scikit-learn',
          value: `${(skPredict / 1e6).toFixed(1)} M rows/s`,
          ratio: '1.00',
          note: typeof sk === 'string' ? undefined : describeBlas(sk.blas),
        });
      }
      results.predict.push({
        data,
        x: where,
        logreg: r.predictRowsPerSecond,
        logregOneThread: r.predictOneThreadRowsPerSecond,
        sklearn: skPredict,
      });
    }
  }
  void logregFast;
  const ml = seconds.get(MAXIMUM_LIKELIHOOD_CASE);
  const lbfgs = seconds.get(LBFGS_REFERENCE_CASE);
  if (ml !== undefined && lbfgs !== undefined) {
    rows.push({
      section: 'inference',
      data,
      what: 'maximum likelihood + SEs (newton) / L2 lbfgs fit, same run',
      value: `${(ml / lbfgs).toFixed(2)}×`,
      // The target (issue 10) is set at 1M × 100; on small sets the exact separation check (a
      // linear program) runs before an unpenalized fit and dominates it.
      ratio: big ? `${ml / lbfgs <= 3 ? 'meets' : 'misses'} target ≤ 3×` : '—',
    });
    results.fits.push({ data, library: 'newton ML + SEs / lbfgs', ratio: ml / lbfgs });
  }
}

// ── Ingest ───────────────────────────────────────────────────────────────────────────────────
async function ingestSection(): Promise<void> {
  const set = denseSet(ingestSize[0], ingestSize[1]);
  const csv = denseCsv(set);
  const size = statSync(csv).size;
  const data = `${set.rows}×${set.cols} CSV, ${mb(size)}`;
  const fast = best(quick ? 2 : 3, () =>
    readNumericCsv(csv, { labelColumn: 'y', allocate: allocateKernelMatrix }),
  );
  if (fast.result === undefined) throw new Error('readNumericCsv refused the benchmark CSV');
  rows.push({
    section: 'ingest',
    data,
    what: 'readNumericCsv (src/node/fastNumericCsv)',
    value: `${(size / fast.seconds / 1e6).toFixed(0)} MB/s`,
    ratio: '—',
  });
  results.ingest.push({
    data,
    reader: 'readNumericCsv',
    seconds: fast.seconds,
    mbPerSecond: size / fast.seconds / 1e6,
  });

  // The general reader on the same file, serial and on 2 workers, and a ⅓-categorical variant,
  // against pandas and DuckDB (each read in its own process, for its peak RSS).
  for (const row of parallelIngestRows(ingestSize[0], ingestSize[1])) {
    rows.push({
      section: 'ingest',
      data: row.data,
      what: row.reader,
      value: `${row.mbPerSecond.toFixed(0)} MB/s, peak RSS ${row.peakOverMatrix.toFixed(2)} × X`,
      ratio: row.note ?? '—',
    });
    results.ingest.push(row);
  }

  const small = denseSet(readTableSize[0], readTableSize[1]);
  for (const [format, path] of [
    ['CSV', denseCsv(small)],
    ['LIBSVM', denseLibsvm(small)],
  ] as const) {
    const bytes = statSync(path).size;
    let seconds = Infinity;
    for (let r = 0; r < 2; r++) {
      const t0 = performance.now();
      await readTable(path);
      seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    }
    const what = `readTable ${format}`;
    const d = `${small.rows}×${small.cols} ${format}, ${mb(bytes)}`;
    rows.push({
      section: 'ingest',
      data: d,
      what,
      value: `${(bytes / seconds / 1e6).toFixed(1)} MB/s`,
      ratio: '—',
    });
    results.ingest.push({ data: d, reader: what, seconds, mbPerSecond: bytes / seconds / 1e6 });
  }
  // The byte-level CSV reader against the csv-parse path it replaced, and Parquet of the same data.
  for (const row of await csvIngestRows(readTableSize[0], readTableSize[1])) {
    rows.push({
      section: 'ingest',
      data: row.data,
      what: row.reader,
      value: `${row.mbPerSecond.toFixed(1)} MB/s`,
      ratio: '—',
    });
    results.ingest.push(row);
  }
}

function printTable(): void {
  const header: Row = {
    section: 'section',
    data: 'data',
    what: 'what',
    value: 'result',
    ratio: 'ratio',
    note: 'memory',
  };
  const all = [header, ...rows];
  const width = (k: keyof Row): number => Math.max(...all.map((r) => (r[k] ?? '').length));
  const keys: (keyof Row)[] = ['section', 'data', 'what', 'value', 'ratio', 'note'];
  for (const r of all)
    console.log(
      keys
        .map((k) => (r[k] ?? '').padEnd(width(k)))
        .join('  ')
        .trimEnd(),
    );
  console.log(
    '\nratio: gradient pass = C time / time (1.00 = the C kernel); fit = scikit-learn lbfgs time / time;',
  );
  console.log(
    'predictProba = rows/s / scikit-learn rows/s. F = mean log loss + ‖w‖²/(2·C·m), C = 1.',
  );
}

function machine(): Record<string, string | number> {
  const gcc =
    spawnSync('gcc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'absent';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    gcc,
    mode: process.argv.includes('--scale') ? 'scale' : quick ? 'quick' : 'full',
  };
}

async function main(): Promise<void> {
  const info = machine();
  say(`logreg bench (${info.mode}) on ${info.cpu}, ${info.cores} cores, ${info.node}`);
  if (process.argv.includes('--scale')) {
    // `--scale [--rows N]` runs only the scale rows (bench/scaleBench.ts, bench/streamMemory.ts).
    const at = process.argv.indexOf('--rows');
    noteLoad('start');
    rows.push(...(await scaleSection(at >= 0 ? Number(process.argv[at + 1]) : 10_000_000, say)));
    noteLoad('scale');
    const stream = streamMemorySection('scale', say);
    rows.push(...stream.rows);
    results.stream = stream.results;
    noteLoad('streamed 5M×100');
    return finish(info);
  }
  const cExe = compileC();
  if (cExe === undefined)
    rows.push({
      section: 'gradient pass',
      data: '—',
      what: 'C kernel',
      value: 'skipped: no gcc',
      ratio: '—',
    });
  noteLoad('start');
  for (const [m, p] of sizes) {
    say(`data ${m}×${p}`);
    const set = denseSet(m, p);
    gradientSection(set, cExe);
    noteLoad(`gradient ${m}×${p}`);
    fitSection(set);
    noteLoad(`fits ${m}×${p}`);
  }
  say('Firth + profile intervals');
  const firth = firthProfileCase(quick);
  rows.push(firth.row);
  results.fits.push({ data: firth.row.data, library: firth.row.what, seconds: firth.seconds });
  say('ingest');
  await ingestSection();
  noteLoad('ingest');
  const sparse = await sparseSection(quick, say);
  noteLoad('sparse');
  rows.push(...sparse.rows);
  results.fits.push(...sparse.fits);
  results.ingest.push(...sparse.ingest);
  rows.push(...(await sqlSection(quick, say)));
  noteLoad('sql');

  const stream = streamMemorySection(quick ? 'quick' : 'full', say);
  rows.push(...stream.rows);
  results.stream = stream.results;
  if (e2e) {
    const ends = endToEndSection(quick, say);
    rows.push(...ends.rows);
    results.endToEnd = ends.results;
    noteLoad('end to end');
  }
  finish(info);
}

/** Prints the table and the load averages, and writes bench-results/. */
function finish(info: Record<string, string | number>): void {
  printTable();
  console.log(
    `load averages (1, 5, 15 min) on ${cpus().length} cores: ${loads.map((l) => `${l.at} ${l.loadAverage.join(' ')}`).join('; ')}`,
  );
  const out = `${root}bench-results/`;
  mkdirSync(out, { recursive: true });
  const json = JSON.stringify(
    { machine: info, date: new Date().toISOString(), loadAverages: loads, table: rows, ...results },
    null,
    2,
  );
  writeFileSync(`${out}bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, json);
  writeFileSync(`${out}latest.json`, json);
  if (!existsSync(out)) throw new Error('no results folder');
  say(`results: bench-results/latest.json`);
}

await main();
