/**
 * The inference cases of `npm run bench` (issue 10): a maximum-likelihood fit with standard errors
 * timed against the L2 lbfgs fit of the same data, and Firth's fit with profile-likelihood
 * intervals on a small, nearly collinear data set.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { train } from '../src/model/train.js';
import type { FitCase } from './fitCase.js';
import { best } from './measure.js';

/** Name of the maximum-likelihood case in the fit section. */
export const MAXIMUM_LIKELIHOOD_CASE =
  "logreg penalty 'none' + standard errors, solver 'newton', WASM, 2 threads";
/** The lbfgs case it is timed against. */
export const LBFGS_REFERENCE_CASE = 'logreg lbfgs, 2 threads, X in kernel memory';

/** Newton on the unpenalized problem; train forms the covariance (one more Hessian) too. */
export function maximumLikelihoodCase(base: {
  rows: number;
  cols: number;
  repeats: number;
}): FitCase {
  return {
    ...base,
    library: 'logreg',
    solver: 'newton',
    penalty: 'none',
    threads: 2,
    inKernelMemory: true,
    repeats: 1,
  };
}

/** One table row, as bench/run.ts prints them. */
export interface InferenceRow {
  readonly section: string;
  readonly data: string;
  readonly what: string;
  readonly value: string;
  readonly ratio: string;
}

/**
 * Firth + 95% profile-likelihood intervals on the first 130 rows and 12 columns of the
 * breast-cancer fixture (radius, perimeter and area nearly collinear: the hard case for the
 * profile's constrained fits). Best of 3 after a warm-up; the target is under 1 s.
 */
export function firthProfileCase(quick: boolean): { row: InferenceRow; seconds: number } {
  const path = fileURLToPath(new URL('../test/fixtures/breast_cancer.csv', import.meta.url));
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1, 131);
  const X = lines.map((line) => line.split(',').slice(0, 12).map(Number));
  const y = lines.map((line) => Number(line.split(',').at(-1)));
  const { seconds } = best(quick ? 2 : 4, () =>
    train(X, y, { penalty: 'firth', profileConfidenceLevel: 0.95 }),
  );
  return {
    seconds,
    row: {
      section: 'inference',
      data: '130×12 breast_cancer',
      what: "penalty 'firth' + profile intervals (13 × 2 bounds)",
      value: `${seconds.toFixed(3)} s`,
      ratio: `${seconds < 1 ? 'meets' : 'misses'} target < 1 s`,
    },
  };
}
