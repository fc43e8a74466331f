import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelFile } from '../../src/data/modelFile.js';
import type { LogisticRegressionModel } from '../../src/index.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-share-');
afterAll(() => temp.cleanup());
const pimaCategorical = fixture('pima_categorical.csv');

beforeAll(async () => {
  const result = await runInProcess(
    ['train', pimaCategorical, '--target', 'y', '--weights', 'w', '--model', 'cat.json', '--quiet'],
    temp.folder,
  );
  if (result.code !== 0) throw new Error(result.stderr);
});

describe('logreg export', () => {
  it('writes an ONNX graph whose probabilities equal the model file’s to 1e-12', async () => {
    const result = await runInProcess(['export', 'cat.json', '--onnx', 'cat.onnx'], temp.folder);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /wrote cat\.onnx .* inputs pregnant \(float64 \[N, 1\]\).*age_group \(string \[N, 1\]\)/,
    );
    const { model } = parseModelFile(
      readFileSync(join(temp.folder, 'cat.json'), 'utf8'),
      'cat.json',
    );
    const session = await ort.InferenceSession.create(join(temp.folder, 'cat.onnx'));
    // Three rows, one per age group (21-30 is the reference level).
    const column = (values: number[]) =>
      new ort.Tensor('float64', Float64Array.from(values), [3, 1]);
    const out = await session.run({
      pregnant: column([6, 1, 8]),
      glucose: column([148, 85, 183]),
      mass: column([33.6, 26.6, 23.3]),
      pedigree: column([0.627, 0.351, 0.672]),
      age_group: new ort.Tensor('string', ['46+', '31-45', '21-30'], [3, 1]),
    });
    const levels = ['21-30', '31-45', '46+'];
    const group = (g: string) => levels.slice(1).map((l) => (l === g ? 1 : 0));
    expect(model.featureNames).toEqual([
      'pregnant',
      'glucose',
      'mass',
      'pedigree',
      'age_group=31-45',
      'age_group=46+',
    ]);
    const X = [
      [6, 148, 33.6, 0.627, ...group('46+')],
      [1, 85, 26.6, 0.351, ...group('31-45')],
      [8, 183, 23.3, 0.672, ...group('21-30')],
    ];
    const p = (model as LogisticRegressionModel).positiveProbability(X);
    const probabilities = out.probabilities.data as Float64Array;
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(probabilities[2 * i + 1] - p[i])).toBeLessThanOrEqual(1e-12);
    }
    expect(Array.from(out.label.data as BigInt64Array, Number)).toEqual(model.predict(X));
  });

  it('--float32 writes float32 inputs and outputs', async () => {
    const result = await runInProcess(
      ['export', 'cat.json', '--onnx', 'cat32.onnx', '--float32', '--quiet'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const session = await ort.InferenceSession.create(join(temp.folder, 'cat32.onnx'));
    const f = (v: number) => new ort.Tensor('float32', Float32Array.of(v), [1, 1]);
    const out = await session.run({
      pregnant: f(6),
      glucose: f(148),
      mass: f(33.6),
      pedigree: f(0.627),
      age_group: new ort.Tensor('string', ['46+'], [1, 1]),
    });
    expect(out.probabilities.type).toBe('float32');
  });

  it('is a usage error without --onnx, and --matrix with categorical columns is refused', async () => {
    const missing = await runInProcess(['export', 'cat.json'], temp.folder);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--onnx/);
    const matrix = await runInProcess(
      ['export', 'cat.json', '--onnx', 'm.onnx', '--matrix'],
      temp.folder,
    );
    expect(matrix.code).toBe(2);
    expect(matrix.stderr).toMatch(/logreg: error: .*categorical/);
  });
});

describe('logreg report', () => {
  it('writes one self-contained HTML page with the tables and, with --data, the evaluation', async () => {
    const result = await runInProcess(
      ['report', 'cat.json', '--data', pimaCategorical, '--html', 'report.html'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/wrote report\.html/);
    const html = readFileSync(join(temp.folder, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(http/i);
    for (const name of ['forest', 'loss', 'roc', 'pr', 'calibration']) {
      expect(html).toContain(`data-figure="${name}"`);
    }
    expect(html).toContain('age_group=46+');
    expect(html).toContain('Odds ratio');
    expect(html).toContain('Confusion matrix');
    expect(html).toMatch(/rows dropped<\/dt><dd>0</);
  });

  it('without --html is a usage error', async () => {
    const result = await runInProcess(['report', 'cat.json'], temp.folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--html/);
  });
});
