import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { LogisticRegressionModel, train, trainMulticlass } from '../../src/index.js';
import type { FittedModel } from '../../src/index.js';
import { rowKey } from '../../src/data/column.js';
import type { Table } from '../../src/data/column.js';
import { buildDesignMatrix, columnsByName, fitEncodings } from '../../src/data/designMatrix.js';
import type { FeatureEncoding } from '../../src/data/designMatrix.js';
import { readTable } from '../../src/node/readTable.js';
import { toOnnx } from '../../src/onnx/index.js';
import { decodeModel } from '../../src/onnx/onnxSchema.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A fixture split 3:1 (every fourth row held out), encoded as the command line encodes it. */
async function split(file: string, target: string, exclude: readonly string[] = []) {
  const table = await readTable(fixture(file));
  const features = table.columns
    .map((c) => c.name)
    .filter((name) => name !== target && !exclude.includes(name));
  const all = Array.from({ length: table.rowCount }, (_, i) => i);
  const trainRows = Uint32Array.from(all.filter((i) => i % 4 !== 3));
  const testRows = Uint32Array.from(all.filter((i) => i % 4 === 3));
  const { encodings } = fitEncodings(table, { features, fitIntercept: true, rows: trainRows });
  const labels = columnsByName(table).get(target)!.numbers;
  const y = (rows: Uint32Array) => Array.from(rows, (i) => labels[i]);
  return {
    table,
    encodings,
    testRows,
    Xtrain: buildDesignMatrix(table, encodings, trainRows),
    ytrain: y(trainRows),
    Xtest: buildDesignMatrix(table, encodings, testRows),
  };
}

/** The graph's inputs for the given rows: one [N, 1] tensor per column, named as the column. */
function columnFeeds(
  table: Table,
  encodings: readonly FeatureEncoding[],
  rows: Uint32Array,
  type: 'float64' | 'float32' = 'float64',
): Record<string, ort.Tensor> {
  const byName = columnsByName(table);
  const feeds: Record<string, ort.Tensor> = {};
  for (const e of encodings) {
    const column = byName.get(e.column)!;
    if (e.kind === 'numeric') {
      const values = Array.from(rows, (i) => column.numbers[i]);
      const data = type === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
      feeds[e.column] = new ort.Tensor(type, data, [rows.length, 1]);
    } else {
      feeds[e.column] = new ort.Tensor(
        'string',
        Array.from(rows, (i) => rowKey(column, i)!),
        [rows.length, 1],
      );
    }
  }
  return feeds;
}

async function runOnnx(bytes: Uint8Array, feeds: Record<string, ort.Tensor>) {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run(feeds);
  return {
    probabilities: out.probabilities.data as Float64Array | Float32Array,
    dims: out.probabilities.dims,
    label: Array.from(out.label.data as ArrayLike<unknown>, (v) =>
      typeof v === 'bigint' ? Number(v) : v,
    ),
  };
}

/** The model's probabilities as an n × K row-major array (binary: p(classes[0]), p(classes[1])). */
function modelProbabilities(model: FittedModel, X: Parameters<FittedModel['predictProba']>[0]) {
  if (model instanceof LogisticRegressionModel) {
    const p = model.positiveProbability(X);
    const out = new Float64Array(p.length * 2);
    const positiveSecond = model.positiveClass === model.classes[1];
    for (let i = 0; i < p.length; i++) {
      out[2 * i + (positiveSecond ? 1 : 0)] = p[i];
      out[2 * i + (positiveSecond ? 0 : 1)] = 1 - p[i];
    }
    return out;
  }
  return model.predictProba(X).data;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const cases = [
  { name: 'pima (binary)', file: 'pima.csv', target: 'y', fit: 'binary' },
  {
    name: 'breast cancer (binary, standardized)',
    file: 'breast_cancer.csv',
    target: 'y',
    fit: 'binary-standardized',
  },
  {
    name: 'pima categorical (binary, string column)',
    file: 'pima_categorical.csv',
    target: 'y',
    fit: 'binary',
    exclude: ['w'],
  },
  { name: 'digits (multinomial)', file: 'digits.csv', target: 'label', fit: 'multinomial' },
  { name: 'digits (one-vs-rest)', file: 'digits.csv', target: 'label', fit: 'ovr' },
] as const;

describe('toOnnx in onnxruntime', () => {
  for (const c of cases) {
    it(`${c.name}: probabilities equal predictProba to 1e-12 and labels equal predict on held-out rows`, async () => {
      const data = await split(c.file, c.target, 'exclude' in c ? c.exclude : []);
      const featureNames = data.encodings.flatMap((e) =>
        e.kind === 'numeric'
          ? [e.column]
          : e.levels.filter((l) => l !== e.reference).map((l) => `${e.column}=${l}`),
      );
      const model: FittedModel =
        c.fit === 'binary'
          ? train(data.Xtrain, data.ytrain, { featureNames, penalty: 'none' })
          : c.fit === 'binary-standardized'
            ? train(data.Xtrain, data.ytrain, { featureNames, standardize: true, C: 0.5 })
            : trainMulticlass(data.Xtrain, data.ytrain, {
                featureNames,
                multiClass: c.fit === 'ovr' ? 'ovr' : 'multinomial',
                maxIterations: 5, // enough to test the export; convergence is not the point
              });
      const bytes = toOnnx(model, { columns: data.encodings });
      const out = await runOnnx(bytes, columnFeeds(data.table, data.encodings, data.testRows));
      const expected = modelProbabilities(model, data.Xtest);
      expect(out.dims).toEqual([data.testRows.length, model.classes.length]);
      expect(maxAbsDifference(out.probabilities, expected)).toBeLessThanOrEqual(1e-12);
      expect(out.label).toEqual(model.predict(data.Xtest));
    });
  }

  it('float32: probabilities within 1e-5 of float64, the rounding the option states', async () => {
    const data = await split('pima_categorical.csv', 'y', ['w']);
    const model = train(data.Xtrain, data.ytrain, {
      penalty: 'none',
      featureNames: names(data.encodings),
    });
    const bytes = toOnnx(model, { columns: data.encodings, precision: 'float32' });
    const out = await runOnnx(
      bytes,
      columnFeeds(data.table, data.encodings, data.testRows, 'float32'),
    );
    expect(out.probabilities).toBeInstanceOf(Float32Array);
    const difference = maxAbsDifference(out.probabilities, modelProbabilities(model, data.Xtest));
    expect(difference).toBeGreaterThan(0);
    expect(difference).toBeLessThanOrEqual(1e-5);
  });

  it('an all-numeric model takes one [N, p] input with layout "matrix"', async () => {
    const data = await split('breast_cancer.csv', 'y');
    const model = train(data.Xtrain, data.ytrain, { featureNames: names(data.encodings) });
    const bytes = toOnnx(model, { layout: 'matrix' });
    const X = data.Xtest;
    const out = await runOnnx(bytes, {
      features: new ort.Tensor('float64', X.data, [X.rows, X.cols]),
    });
    expect(maxAbsDifference(out.probabilities, modelProbabilities(model, X))).toBeLessThanOrEqual(
      1e-12,
    );
    expect(out.label).toEqual(model.predict(X));
  });

  it('a stored threshold, string labels and a first positive class reach the graph', async () => {
    const X = [[0], [1], [2], [3], [4], [5], [1.5], [3.5]];
    const y = ['no', 'no', 'yes', 'no', 'yes', 'yes', 'yes', 'no'];
    const model = train(X, y, { positiveClass: 'no' }).withThreshold(0.3);
    const out = await runOnnx(toOnnx(model), {
      x0: new ort.Tensor('float64', Float64Array.from(X.flat()), [X.length, 1]),
    });
    expect(model.featureNames).toEqual(['x0']);
    expect(out.label).toEqual(model.predict(X));
    expect(maxAbsDifference(out.probabilities, modelProbabilities(model, X))).toBeLessThanOrEqual(
      1e-15,
    );
  });

  it('an unseen level is an error in the runtime, as in logreg', async () => {
    const data = await split('pima_categorical.csv', 'y', ['w']);
    const model = train(data.Xtrain, data.ytrain, { featureNames: names(data.encodings) });
    const feeds = columnFeeds(data.table, data.encodings, data.testRows.subarray(0, 2));
    feeds.age_group = new ort.Tensor('string', ['46+', 'teen'], [2, 1]);
    await expect(runOnnx(toOnnx(model, { columns: data.encodings }), feeds)).rejects.toThrow();
  });

  it('writes the graph the docs describe: opsets, inputs, outputs, metadata', async () => {
    const data = await split('pima_categorical.csv', 'y', ['w']);
    const model = train(data.Xtrain, data.ytrain, { featureNames: names(data.encodings) });
    const decoded = decodeModel(toOnnx(model, { columns: data.encodings })) as {
      opsetImport: { domain?: string; version: number }[];
      graph: { input: { name: string }[]; output: { name: string }[]; node: { opType: string }[] };
    };
    expect(decoded.opsetImport.map((o) => [o.domain ?? '', o.version])).toEqual([
      ['', 13],
      ['ai.onnx.ml', 1],
    ]);
    expect(decoded.graph.input.map((i) => i.name)).toEqual([
      'pregnant',
      'glucose',
      'mass',
      'pedigree',
      'age_group',
    ]);
    expect(decoded.graph.output.map((o) => o.name)).toEqual(['label', 'probabilities']);
    const ops = decoded.graph.node.map((n) => n.opType);
    expect(ops).toContain('OneHotEncoder');
    expect(ops).not.toContain('ZipMap');
  });

  it('refuses columns that do not give the model features, and "matrix" with categorical columns', async () => {
    const data = await split('pima_categorical.csv', 'y', ['w']);
    const model = train(data.Xtrain, data.ytrain, { featureNames: names(data.encodings) });
    expect(() => toOnnx(model, { columns: data.encodings.slice(1) })).toThrow(OptionError);
    expect(() => toOnnx(model, { columns: data.encodings, layout: 'matrix' })).toThrow(
      /categorical/,
    );
    expect(() => toOnnx(model, { columns: data.encodings.slice(1) })).toThrow(/features/);
  });
});

function names(encodings: readonly FeatureEncoding[]): string[] {
  return encodings.flatMap((e) =>
    e.kind === 'numeric'
      ? [e.column]
      : e.levels.filter((l) => l !== e.reference).map((l) => `${e.column}=${l}`),
  );
}
