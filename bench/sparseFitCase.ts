/**
 * One sparse benchmark case in its own process, so that its peak memory is its own:
 * `tsx bench/sparseFitCase.ts '<json SparseFitCase>'` prints one JSON line (SparseFitResult).
 * The LIBSVM file is read with `readLibsvmSparse` (timed: ingest), then `train` runs on the CSR
 * matrix (never densified): best of `repeats` after a short warm-up fit when repeats > 1.
 */
import { statSync } from 'node:fs';
import { train } from '../src/model/train.js';
import { readLibsvmSparse } from '../src/node/readLibsvm.js';
import { sparseSet } from './datasets.js';
import { peakRss } from './measure.js';
import { sparseObjective } from './sparseObjective.js';

export interface SparseFitCase {
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  readonly penalty: 'l2' | 'l1';
  readonly solver: 'lbfgs' | 'newglmnet';
  readonly repeats: number;
  readonly C?: number;
}

export interface SparseFitResult {
  readonly ingestSeconds: number;
  readonly fileBytes: number;
  readonly seconds: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** F(w, b): mean log loss + ‖w‖²/(2·C·m) (L2) or ‖w‖₁/(C·m) (L1), evaluated on the returned model. */
  readonly objective: number;
  readonly nonZero: number;
  /** The CSR matrix's bytes (indptr, indices, values). */
  readonly dataBytes: number;
  readonly peakRssBytes: number;
}

async function run(spec: SparseFitCase): Promise<SparseFitResult> {
  const set = sparseSet(spec.rows, spec.cols, spec.nnz);
  const t0 = performance.now();
  const { X, labels } = await readLibsvmSparse(set.file, { minFeatures: spec.cols });
  const ingestSeconds = (performance.now() - t0) / 1000;
  const y = Array.from(labels);
  const C = spec.C ?? 1;
  const fit = (maxIterations?: number): ReturnType<typeof train> =>
    train(X, y, {
      penalty: spec.penalty,
      C,
      tolerance: 1e-6,
      solver: spec.solver,
      ...(maxIterations === undefined ? {} : { maxIterations }),
    });
  if (spec.repeats > 1) fit(2);
  let seconds = Infinity;
  let model: ReturnType<typeof train> | undefined;
  for (let r = 0; r < spec.repeats; r++) {
    const t = performance.now();
    model = fit();
    seconds = Math.min(seconds, (performance.now() - t) / 1000);
  }
  const w = model!.coefficients;
  let nonZero = 0;
  for (let j = 0; j < w.length; j++) if (w[j] !== 0) nonZero++;
  return {
    ingestSeconds,
    fileBytes: statSync(set.file).size,
    seconds,
    iterations: model!.fitReport.iterations,
    converged: model!.fitReport.converged,
    objective: sparseObjective(X, labels, w, model!.intercept, spec.penalty, C),
    nonZero,
    dataBytes: X.indptr.byteLength + X.indices.byteLength + X.values.byteLength,
    peakRssBytes: peakRss(),
  };
}

const spec = JSON.parse(process.argv[2] ?? '{}') as SparseFitCase;
run(spec).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
