/**
 * Dense prediction throughput (rows/s of P(y = 1 | x)), interleaved round by round so that load
 * from other processes hits every variant alike: the plain per-row loop (what
 * `model.predictProba` ran: linearScore, then sigmoid), `probabilities` from
 * src/kernels/scoreKernel.ts on an ordinary Float64Array (streamed through scratch memory) and on
 * X in kernel memory (read in place), both also over a 2-thread pool (src/kernels/threadedScores.ts),
 * and scikit-learn's `predict_proba` on the same data when
 * python3 imports it. Best pass of each; with `--cpu`, our passes are timed in process CPU time.
 *
 * Usage: `npx tsx bench/predictCompare.ts [rows×cols …] [--rounds N] [--passes K] [--cpu]`
 */
import { probabilities } from '../src/kernels/scoreKernel.js';
import { createThreadPool } from '../src/node/threads/createThreadPool.js';
import { linearScore } from '../src/math/linearScore.js';
import { sigmoid } from '../src/math/sigmoid.js';
import type { Matrix } from '../src/linalg/matrix.js';
import { denseSet, loadX } from './datasets.js';
import { describeBlas, runPython } from './pythonPeer.js';
import type { PeerBlas } from './pythonPeer.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : Number(args[at + 1]);
};
const rounds = option('--rounds', 5);
const passes = option('--passes', 5);
const cpu = args.includes('--cpu');
const shapes = args
  .filter((a) => /^\d+x\d+$/.test(a))
  .map((a) => a.split('x').map(Number) as [number, number]);
if (shapes.length === 0) shapes.push([100_000, 20], [1_000_000, 100]);

function bestOf(count: number, fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < count; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const c = process.cpuUsage(c0);
    const seconds = cpu ? (c.user + c.system) / 1e6 : (performance.now() - t0) / 1000;
    best = Math.min(best, seconds);
  }
  return best;
}

function plainLoop(X: Matrix, w: Float64Array, b: number): Float64Array {
  const z = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) z[i] = linearScore(X.data, i * X.cols, w, b);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
  return z;
}

const sklearnScript = `
import sys, time, json, numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info
m, p, xfile, passes = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
X = np.fromfile(xfile, dtype=np.float64).reshape(m, p)
model = LogisticRegression()
model.coef_ = (0.01 * ((np.arange(p) % 7) - 3)).reshape(1, p)
model.intercept_ = np.array([0.1])
model.classes_ = np.array([0, 1])
best = 1e300
for _ in range(passes):
    t = time.perf_counter(); model.predict_proba(X); best = min(best, time.perf_counter() - t)
blas = [{"library": i.get("internal_api"), "version": i.get("version"), "kernel": i.get("architecture"), "threads": i.get("num_threads")} for i in threadpool_info() if i.get("user_api") == "blas"]
print(json.dumps({"seconds": best, "blas": blas}))
`;

/** scikit-learn's best pass (its BLAS as {@link runPython} leaves it: OpenBLAS's own choice). */
function sklearn(
  m: number,
  p: number,
  xFile: string,
  count: number,
): { seconds: number; blas: PeerBlas[] } | undefined {
  const r = runPython(['-c', sklearnScript, String(m), String(p), xFile, String(count)]);
  return r.status === 0
    ? (JSON.parse(r.stdout) as { seconds: number; blas: PeerBlas[] })
    : undefined;
}

for (const [m, p] of shapes) {
  const set = denseSet(m, p);
  const plain = loadX(set, false);
  const inKernel = loadX(set, true);
  const w = Float64Array.from({ length: p }, (_, j) => 0.01 * ((j % 7) - 3));
  const out = new Float64Array(m);
  const pool = createThreadPool(2);
  const best = {
    plain: Infinity,
    streamed: Infinity,
    streamedThreads: Infinity,
    inPlace: Infinity,
    inPlaceThreads: Infinity,
    sklearn: Infinity,
  };
  let blas: PeerBlas[] | undefined;
  for (let r = 0; r < rounds; r++) {
    best.plain = Math.min(
      best.plain,
      bestOf(passes, () => plainLoop(plain, w, 0.1)),
    );
    best.streamed = Math.min(
      best.streamed,
      bestOf(passes, () => probabilities(plain, w, 0.1, new Float64Array(m))),
    );
    best.inPlace = Math.min(
      best.inPlace,
      bestOf(passes, () => probabilities(inKernel, w, 0.1, out)),
    );
    best.streamedThreads = Math.min(
      best.streamedThreads,
      bestOf(passes, () => probabilities(plain, w, 0.1, new Float64Array(m), 'auto', pool)),
    );
    best.inPlaceThreads = Math.min(
      best.inPlaceThreads,
      bestOf(passes, () => probabilities(inKernel, w, 0.1, out, 'auto', pool)),
    );
    const sk = sklearn(m, p, set.xFile, passes);
    if (sk !== undefined) best.sklearn = Math.min(best.sklearn, sk.seconds);
    blas = sk?.blas ?? blas;
  }
  const rate = (s: number): number => +(m / s / 1e6).toFixed(2);
  console.log(
    JSON.stringify({
      data: `${m}x${p}`,
      clock: cpu ? 'cpu (sklearn: wall)' : 'wall',
      mRowsPerSecond: {
        plainLoop: rate(best.plain),
        scoreKernelStreamed: rate(best.streamed),
        scoreKernelInPlace: rate(best.inPlace),
        streamedTwoThreads: rate(best.streamedThreads),
        inPlaceTwoThreads: rate(best.inPlaceThreads),
        sklearn: Number.isFinite(best.sklearn) ? rate(best.sklearn) : null,
      },
      sklearnBlas: describeBlas(blas),
    }),
  );
  await pool.close();
}
