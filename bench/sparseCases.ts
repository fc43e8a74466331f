/**
 * The sparse part of `npm run bench`: a seeded bag-of-words-like LIBSVM set (200,000 × 100,000,
 * 40 non-zeros per row; `--quick`: 2,000 × 1,000, 10 per row), read with `readLibsvmSparse`
 * (ingest MB/s) and fitted on the CSR matrix by logreg (L-BFGS, L2; newGLMNET, L1), each in its
 * own process for its peak memory, and by scikit-learn's lbfgs and liblinear on scipy's CSR
 * matrix from `load_svmlight_file`. The issue's budget: the 200,000 × 100,000 fit within 2 GiB.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLibsvmSparse } from '../src/node/readLibsvm.js';
import { sparseSet } from './datasets.js';
import type { SparseSet } from './datasets.js';
import type { SparseFitCase, SparseFitResult } from './sparseFitCase.js';
import { sparseObjective } from './sparseObjective.js';
import { describeBlas, runPython } from './pythonPeer.js';
import type { PeerBlas } from './pythonPeer.js';

/** A row of the bench table (as run.ts prints it). */
export interface BenchRow {
  readonly section: string;
  readonly data: string;
  readonly what: string;
  readonly value: string;
  readonly ratio: string;
  readonly note?: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const memoryBudget = 2 * 2 ** 30;
const mib = (bytes: number): string =>
  bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;

interface SklearnSparse {
  readonly version: string;
  readonly blas?: readonly PeerBlas[];
  readonly ingestSeconds: number;
  readonly fits: Record<
    string,
    { seconds: number; iterations: number; coefficients: number[]; intercept: number }
  >;
  readonly peakRssBytes: number;
}

function runSparseCase(spec: SparseFitCase): SparseFitResult | string {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', `${root}bench/sparseFitCase.ts`, JSON.stringify(spec)],
    { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 30 * 60_000 },
  );
  if (child.status !== 0)
    return `failed: ${(child.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? child.signal}`;
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as SparseFitResult;
}

function runSklearnSparse(set: SparseSet, repeats: number): SklearnSparse | string {
  const check = runPython(['-c', 'import sklearn, scipy']);
  if (check.status !== 0)
    return 'skipped: /usr/bin/python3 cannot import sklearn (apt-get install python3-sklearn)';
  const child = runPython([
    `${root}bench/sklearn_sparse_fit.py`,
    set.file,
    String(set.cols),
    String(repeats),
  ]);
  if (child.status !== 0) return `failed: ${child.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(child.stdout) as SklearnSparse;
}

/** Runs the sparse cases; returns the table rows and the raw results. */
export async function sparseSection(
  quick: boolean,
  say: (text: string) => void,
): Promise<{ rows: BenchRow[]; fits: unknown[]; ingest: unknown[] }> {
  const [m, p, nnz] = quick ? [2_000, 1_000, 10] : [200_000, 100_000, 40];
  const rows: BenchRow[] = [];
  const fits: unknown[] = [];
  const ingest: unknown[] = [];
  say(`sparse data ${m}×${p}, ${nnz} non-zeros per row`);
  const set = sparseSet(m, p, nnz);
  const size = statSync(set.file).size;
  const data = `${m}×${p} sparse, ${nnz}/row`;

  const sk = runSklearnSparse(set, 1);
  // F of scikit-learn's models on our reading of the file (the same numbers).
  const { X, labels } = await readLibsvmSparse(set.file, { minFeatures: p });
  const skObjective: Record<string, number> = {};
  if (typeof sk === 'string') {
    rows.push({ section: 'sparse fit', data, what: 'scikit-learn', value: sk, ratio: '—' });
  } else {
    for (const [solver, fit] of Object.entries(sk.fits)) {
      const objective = sparseObjective(X, labels, fit.coefficients, fit.intercept, 'l2', 1);
      skObjective[solver] = objective;
      rows.push({
        section: 'sparse fit',
        data,
        what: `scikit-learn ${sk.version} ${solver} (L2)`,
        value: `${fit.seconds.toFixed(3)} s, ${fit.iterations} it, F = ${objective.toFixed(10)}`,
        ratio: (sk.fits.lbfgs!.seconds / fit.seconds).toFixed(2),
        note: `peak ${mib(sk.peakRssBytes)} (process); ${describeBlas(sk.blas)}`,
      });
      fits.push({
        data,
        library: `scikit-learn ${solver}`,
        blas: sk.blas,
        ...fit,
        coefficients: undefined,
        objective,
      });
    }
  }
  const reference = typeof sk === 'string' ? undefined : sk.fits.lbfgs?.seconds;
  const base = { rows: m, cols: p, nnz, repeats: 1 };
  const cases: [string, SparseFitCase][] = [
    ['logreg lbfgs (L2), CSR', { ...base, penalty: 'l2', solver: 'lbfgs' }],
    ['logreg newglmnet (L1), CSR', { ...base, penalty: 'l1', solver: 'newglmnet' }],
  ];
  let ingested: SparseFitResult | undefined; // the fastest read of the file, each in a new process
  for (const [name, spec] of cases) {
    say(`  ${data}: ${name}`);
    const r = runSparseCase(spec);
    if (typeof r === 'string') {
      rows.push({ section: 'sparse fit', data, what: name, value: r, ratio: '—' });
      continue;
    }
    if (ingested === undefined || r.ingestSeconds < ingested.ingestSeconds) ingested = r;
    const versus =
      spec.penalty === 'l2' && skObjective.lbfgs !== undefined
        ? r.objective <= skObjective.lbfgs + 1e-12
          ? ' ≤ sklearn'
          : ` (+${(r.objective - skObjective.lbfgs).toExponential(1)})`
        : '';
    rows.push({
      section: 'sparse fit',
      data,
      what: name,
      value: `${r.seconds.toFixed(3)} s, ${r.iterations} it, F = ${r.objective.toFixed(10)}${versus}${spec.penalty === 'l1' ? `, ${r.nonZero} non-zero` : ''}`,
      ratio:
        reference === undefined || spec.penalty !== 'l2' ? '—' : (reference / r.seconds).toFixed(2),
      note: `peak ${mib(r.peakRssBytes)} (${((100 * r.peakRssBytes) / memoryBudget).toFixed(0)}% of 2 GiB; X ${mib(r.dataBytes)})`,
    });
    fits.push({ data, library: name, ...r });
  }
  const ingestData = `${data}, LIBSVM ${mib(size)}`;
  if (ingested !== undefined) {
    rows.push({
      section: 'ingest',
      data: ingestData,
      what: 'readLibsvmSparse (CSR)',
      value: `${(size / ingested.ingestSeconds / 1e6).toFixed(1)} MB/s`,
      ratio: '—',
    });
    ingest.push({
      data: ingestData,
      reader: 'readLibsvmSparse',
      seconds: ingested.ingestSeconds,
      mbPerSecond: size / ingested.ingestSeconds / 1e6,
    });
  }
  if (typeof sk !== 'string') {
    rows.push({
      section: 'ingest',
      data: ingestData,
      what: 'scikit-learn load_svmlight_file',
      value: `${(size / sk.ingestSeconds / 1e6).toFixed(1)} MB/s`,
      ratio: '—',
    });
    ingest.push({
      data: ingestData,
      reader: 'sklearn load_svmlight_file',
      seconds: sk.ingestSeconds,
      mbPerSecond: size / sk.ingestSeconds / 1e6,
    });
  }
  return { rows, fits, ingest };
}
