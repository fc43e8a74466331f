/**
 * One benchmark case in its own process, so that its peak memory is its own:
 * `tsx bench/fitCase.ts '<json FitCase>'` prints one JSON line (FitResult).
 * JavaScript fits are timed after one untimed warm-up run (JIT compilation, WebAssembly compile,
 * worker start-up), then best of `repeats`; the peers are imported only when used.
 */
import type { Scalar } from '@tensorflow/tfjs';
import { train } from '../src/model/train.js';
import type { SolverName } from '../src/options/trainOptions.js';
import { createThreadPool } from '../src/node/threads/createThreadPool.js';
import { binaryCrossEntropy } from '../src/objectives/binaryCrossEntropy.js';
import { denseSet, loadX, loadY } from './datasets.js';
import { best, peakRss } from './measure.js';

export interface FitCase {
  readonly library: 'logreg' | 'ml-logistic-regression' | 'tfjs';
  readonly rows: number;
  readonly cols: number;
  readonly repeats: number;
  readonly solver?: SolverName;
  readonly kernel?: 'plain' | 'wasm';
  readonly threads?: number;
  /** Load X straight into WebAssembly kernel memory (no copy at training time). */
  readonly inKernelMemory?: boolean;
  /** Gradient steps for the peers (fixed-step methods). */
  readonly steps?: number;
  readonly maxIterations?: number;
  /** logreg only: 'none' fits by maximum likelihood and includes the standard errors (default 'l2'). */
  readonly penalty?: 'l2' | 'none';
}

export interface FitResult {
  readonly seconds: number;
  readonly iterations: number | null;
  readonly converged: boolean | null;
  /** F(w, b) = mean log loss + ‖w‖²/(2·C·m), C = 1, evaluated by logreg on the returned model. */
  readonly objective: number;
  readonly peakRssBytes: number;
  readonly dataBytes: number;
  /** predictProba rows/s over a 2-thread pool (`threadPool`), and on the calling thread alone. */
  readonly predictRowsPerSecond?: number;
  readonly predictOneThreadRowsPerSecond?: number;
  readonly kernel?: string;
}

const C = 1;

function objective(
  X: ReturnType<typeof loadX>,
  y: Float64Array,
  w: ArrayLike<number>,
  b: number,
): number {
  let norm = 0;
  for (let j = 0; j < w.length; j++) norm += w[j] * w[j];
  return binaryCrossEntropy(X, y, w, b) + norm / (2 * C * X.rows);
}

async function run(spec: FitCase): Promise<FitResult> {
  const set = denseSet(spec.rows, spec.cols);
  const X = loadX(set, spec.inKernelMemory ?? false);
  const y = loadY(set);
  const dataBytes = X.data.byteLength;
  const labels = Array.from(y);
  if (spec.library === 'logreg') {
    const pool =
      spec.threads !== undefined && spec.threads > 1 ? createThreadPool(spec.threads) : undefined;
    const { seconds, result: model } = best(spec.repeats + 1, (round) =>
      train(X, labels, {
        // The unpenalized fit keeps the library's default tolerance: a user's maximum-likelihood fit.
        ...(spec.penalty === 'none'
          ? { penalty: 'none' as const }
          : { penalty: 'l2' as const, C, tolerance: 1e-6 }),
        solver: spec.solver ?? 'lbfgs',
        ...(spec.kernel === undefined ? {} : { kernel: spec.kernel }),
        ...(pool === undefined ? {} : { threadPool: pool }),
        ...(spec.maxIterations === undefined || round === 0
          ? {}
          : { maxIterations: spec.maxIterations }),
        ...(round === 0 ? { maxIterations: 2 } : {}),
      }),
    );
    await pool?.close();
    // P(positive) (positiveProbability) on X as the case holds it, on one thread and over a 2-thread pool (scikit-learn's
    // BLAS uses both cores too), interleaved so that load from other processes hits both alike.
    const predictPool = createThreadPool(2);
    let one = Infinity;
    let two = Infinity;
    for (let round = 0; round < Math.max(spec.repeats, 3) + 1; round++) {
      one = Math.min(one, best(2, () => model.positiveProbability(X)).seconds);
      two = Math.min(
        two,
        best(2, () => model.positiveProbability(X, { threadPool: predictPool })).seconds,
      );
    }
    await predictPool.close();
    return {
      seconds,
      iterations: model.fitReport.iterations,
      converged: model.fitReport.converged,
      objective: objective(X, y, model.coefficients, model.intercept),
      peakRssBytes: peakRss(),
      dataBytes,
      predictRowsPerSecond: X.rows / two,
      predictOneThreadRowsPerSecond: X.rows / one,
    };
  }
  const steps = spec.steps ?? 100;
  if (spec.library === 'ml-logistic-regression') {
    const { Matrix: MlMatrix } = await import('ml-matrix');
    const { default: LogisticRegressionTwoClasses } =
      await import('ml-logistic-regression/src/logreg_2classes.js');
    // Its documented use: a column of ones for the intercept (it has none), unpenalized batch
    // gradient descent on the summed gradient for a fixed number of steps. The step is scaled by
    // 1/m so that it is stable; the binary class is used directly (the public class would fit two
    // one-vs-all models, twice the work).
    const rows: number[][] = [];
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
      row.push(1);
      rows.push(row);
    }
    const features = new MlMatrix(rows);
    const target = MlMatrix.columnVector(labels);
    let weights: number[] = [];
    const { seconds } = best(spec.repeats + 1, (round) => {
      const model = new LogisticRegressionTwoClasses({
        numSteps: round === 0 ? 1 : steps,
        learningRate: 4 / X.rows,
      });
      model.train(features, target);
      weights = model.weights.to1DArray();
    });
    return {
      seconds,
      iterations: steps,
      converged: null,
      objective: objective(X, y, weights.slice(0, X.cols), weights[X.cols]),
      peakRssBytes: peakRss(),
      dataBytes,
    };
  }
  // TensorFlow.js, pure JavaScript CPU backend: the same L2 objective, full-batch Adam (lr 0.1).
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const xs = tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols], 'float32');
  const ys = tf.tensor2d(Float32Array.from(y), [X.rows, 1], 'float32');
  let w: Float32Array = new Float32Array(X.cols);
  let b = 0;
  const { seconds } = best(spec.repeats + 1, (round) => {
    const wv = tf.variable(tf.zeros([X.cols, 1]));
    const bv = tf.variable(tf.zeros([1]));
    const optimizer = tf.train.adam(0.1);
    for (let s = 0; s < (round === 0 ? 1 : steps); s++) {
      optimizer.minimize(() =>
        tf.tidy(() => {
          const logits = xs.matMul(wv).add(bv);
          const loss = tf.losses.sigmoidCrossEntropy(ys, logits);
          return loss.add(
            wv
              .square()
              .sum()
              .div(2 * C * X.rows),
          ) as Scalar;
        }),
      );
    }
    w = wv.dataSync() as Float32Array;
    b = bv.dataSync()[0];
    wv.dispose();
    bv.dispose();
    optimizer.dispose();
  });
  return {
    seconds,
    iterations: steps,
    converged: null,
    objective: objective(X, y, w, b),
    peakRssBytes: peakRss(),
    dataBytes,
  };
}

const spec = JSON.parse(process.argv[2] ?? '{}') as FitCase;
run(spec).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
