import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allocateKernelMatrix } from '../src/kernels/kernelMemory.js';
import type { Matrix } from '../src/linalg/matrix.js';

export const cacheDir = fileURLToPath(new URL('../.bench-cache/', import.meta.url));

/** A seeded synthetic dense set: x ~ N(0, 1) (Irwin–Hall), y ~ Bernoulli(σ(x·w* + b*)). */
export interface DenseSet {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly seed: number;
  /** Paths of the raw little-endian float64 files. */
  readonly xFile: string;
  readonly yFile: string;
}

/** mulberry32: fast, seeded, good enough for synthetic data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The set's files, generated on first use (in blocks, so generating needs little memory). */
export function denseSet(rows: number, cols: number, seed = 1): DenseSet {
  mkdirSync(cacheDir, { recursive: true });
  const name = `dense-${rows}x${cols}-s${seed}`;
  const set = {
    name,
    rows,
    cols,
    seed,
    xFile: `${cacheDir}${name}.X.f64`,
    yFile: `${cacheDir}${name}.y.f64`,
  };
  if (existsSync(set.xFile) && existsSync(set.yFile)) return set;
  const rnd = random(seed);
  const wTrue = Float64Array.from(
    { length: cols },
    () => ((rnd() - 0.5) * 4 * Math.sqrt(3)) / Math.sqrt(cols),
  );
  const bTrue = -0.5;
  const y = new Float64Array(rows);
  const block = 8192;
  const buf = new Float64Array(block * cols);
  const fd = openSync(`${set.xFile}.tmp`, 'w');
  for (let start = 0; start < rows; start += block) {
    const n = Math.min(block, rows - start);
    for (let i = 0; i < n; i++) {
      let z = bTrue;
      for (let j = 0; j < cols; j++) {
        const x = (rnd() + rnd() + rnd() + rnd() - 2) * Math.sqrt(3);
        buf[i * cols + j] = x;
        z += x * wTrue[j];
      }
      y[start + i] = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    writeSync(fd, new Uint8Array(buf.buffer, 0, n * cols * 8));
  }
  closeSync(fd);
  renameSync(`${set.xFile}.tmp`, set.xFile);
  const yfd = openSync(set.yFile, 'w');
  writeSync(yfd, new Uint8Array(y.buffer));
  closeSync(yfd);
  return set;
}

/**
 * Reads X, into WebAssembly kernel memory (`inKernelMemory`, held once during training) or into an
 * ordinary Float64Array.
 */
export function loadX(set: DenseSet, inKernelMemory: boolean): Matrix {
  const X = inKernelMemory
    ? allocateKernelMatrix(set.rows, set.cols)
    : { rows: set.rows, cols: set.cols, data: new Float64Array(set.rows * set.cols) };
  const target = new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength);
  const fd = openSync(set.xFile, 'r');
  const chunk = 1 << 26;
  for (let off = 0; off < target.length; off += chunk) {
    readSyncFully(fd, target.subarray(off, Math.min(off + chunk, target.length)), off);
  }
  closeSync(fd);
  return X;
}

/** Reads `into.length` bytes at `position` (fs reads into shared memory views too). */
function readSyncFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error('unexpected end of file');
    done += n;
  }
}

export function loadY(set: DenseSet): Float64Array {
  const bytes = readFileSync(set.yFile);
  return new Float64Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

/**
 * Writes the set as CSV (header x0…x{p−1},y; 6 decimals) once; returns the path. X is read in
 * blocks of 4,096 rows, so sets larger than memory (5,000,000 × 100 for `--scale`) can be written.
 */
export function denseCsv(set: DenseSet): string {
  const path = `${cacheDir}${set.name}.csv`;
  if (existsSync(path)) return path;
  const y = loadY(set);
  const { rows: m, cols: p } = set;
  const block = 4096;
  const data = new Float64Array(block * p);
  const bytes = new Uint8Array(data.buffer);
  const xfd = openSync(set.xFile, 'r');
  const fd = openSync(`${path}.tmp`, 'w');
  const header = [...Array.from({ length: p }, (_, j) => `x${j}`), 'y'].join(',') + '\n';
  writeSync(fd, header);
  const fields = new Array<string>(p + 1);
  for (let start = 0; start < m; start += block) {
    const n = Math.min(block, m - start);
    readSyncFully(xfd, bytes.subarray(0, n * p * 8), start * p * 8);
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) fields[j] = data[i * p + j].toFixed(6);
      fields[p] = String(y[start + i]);
      lines[i] = fields.join(',');
    }
    writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(xfd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  return path;
}

/** Writes the set in LIBSVM format (labels 0/1, all features listed) once; returns the path. */
export function denseLibsvm(set: DenseSet): string {
  const path = `${cacheDir}${set.name}.svm`;
  if (existsSync(path)) return path;
  const X = loadX(set, false);
  const y = loadY(set);
  const { rows: m, cols: p, data } = X;
  const fd = openSync(`${path}.tmp`, 'w');
  let lines: string[] = [];
  for (let i = 0; i < m; i++) {
    let line = String(y[i]);
    for (let j = 0; j < p; j++) line += ` ${j + 1}:${data[i * p + j].toFixed(6)}`;
    lines.push(line);
    if (lines.length === 4096 || i === m - 1) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  return path;
}

/**
 * A seeded synthetic sparse set in LIBSVM format, like a bag of words: each row has `nnz`
 * distinct features drawn uniformly from `cols`, with values in [0.1, 1.1) (3 decimals); a sparse
 * true weight vector (every tenth feature, ±[1, 3)) gives y ~ Bernoulli(σ(x·w* + b*)), so the
 * problem is learnable. Labels are written 0/1. Generated once into `.bench-cache/`.
 */
export interface SparseSet {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  readonly seed: number;
  /** The LIBSVM file. */
  readonly file: string;
}

export function sparseSet(rows: number, cols: number, nnz: number, seed = 1): SparseSet {
  mkdirSync(cacheDir, { recursive: true });
  const name = `sparse-${rows}x${cols}-nnz${nnz}-s${seed}`;
  const set = { name, rows, cols, nnz, seed, file: `${cacheDir}${name}.svm` };
  if (existsSync(set.file)) return set;
  const rnd = random(seed);
  const wTrue = new Float64Array(cols);
  for (let j = 0; j < cols; j += 10) wTrue[j] = (rnd() < 0.5 ? -1 : 1) * (1 + 2 * rnd());
  const bTrue = -0.25;
  const fd = openSync(`${set.file}.tmp`, 'w');
  const chosen = new Int32Array(nnz);
  const used = new Uint8Array(cols);
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < nnz; k++) {
      let j: number;
      do j = Math.floor(rnd() * cols);
      while (used[j] === 1);
      used[j] = 1;
      chosen[k] = j;
    }
    chosen.sort();
    let z = bTrue;
    let line = '';
    for (let k = 0; k < nnz; k++) {
      const j = chosen[k];
      used[j] = 0;
      const x = Math.round((0.1 + rnd()) * 1000) / 1000;
      z += x * wTrue[j];
      line += ` ${j + 1}:${x}`;
    }
    const y = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    lines.push(`${y}${line}`);
    if (lines.length === 4096 || i === rows - 1) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  closeSync(fd);
  renameSync(`${set.file}.tmp`, set.file);
  return set;
}
