import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../src/linalg/matrix.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A numeric CSV fixture split into a feature matrix and its label column. */
export interface Dataset {
  readonly X: Matrix;
  readonly y: number[];
  readonly featureNames: string[];
}

/** Reads `test/fixtures/<name>.csv` (header row, numeric, no quoting). */
export function loadDataset(name: string, label = 'y'): Dataset {
  const lines = readFileSync(`${fixtures}${name}.csv`, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const labelIndex = header.indexOf(label);
  const featureNames = header.filter((_, j) => j !== labelIndex);
  const rows = lines.length - 1;
  const cols = featureNames.length;
  const data = new Float64Array(rows * cols);
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const cells = lines[i + 1].split(',').map(Number);
    let k = 0;
    for (let j = 0; j < cells.length; j++) {
      if (j === labelIndex) y.push(cells[j]);
      else data[i * cols + k++] = cells[j];
    }
  }
  return { X: { rows, cols, data }, y, featureNames };
}

/** Parsed JSON fixture. */
export function loadJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(`${fixtures}${name}`, 'utf8')) as T;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** max over i of |a_i − b_i| / max(|b_i|, floor). */
export function maxRelativeError(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  floor = 1e-12,
): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  }
  return worst;
}
