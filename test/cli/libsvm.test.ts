import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-libsvm-');
afterAll(() => temp.cleanup());

interface ModelFileJson {
  dataFormat: string;
  features: { column: string; kind: string }[];
  model: { coefficients: number[]; intercept: number; featureNames: string[] };
}
const readModel = (name: string): ModelFileJson =>
  JSON.parse(readFileSync(join(temp.folder, name), 'utf8')) as ModelFileJson;

/** |a − b| ≤ tol·max(1, |b|) for every entry. */
function expectClose(a: readonly number[], b: readonly number[], tol: number): void {
  expect(a).toHaveLength(b.length);
  a.forEach((v, j) =>
    expect(Math.abs(v - b[j]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[j]!))),
  );
}

/**
 * A seeded sparse problem: 400 rows × 30 features, about 4 non-zeros per row (some rows empty),
 * labels from a linear rule with noise; written as LIBSVM (indices out of order on some lines)
 * and as the same data in CSV.
 */
beforeAll(() => {
  let a = 12345;
  const next = (): number => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
  const m = 400;
  const p = 30;
  const svm: string[] = [];
  const csv: string[] = [[...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'label'].join(',')];
  for (let i = 0; i < m; i++) {
    const row = new Array<number>(p).fill(0);
    const count = Math.floor(next() * 8);
    for (let k = 0; k < count; k++)
      row[Math.floor(next() * p)] = Math.round((next() * 4 - 1) * 100) / 100;
    let z = -0.3;
    row.forEach((v, j) => (z += v * (j % 3 === 0 ? 1.5 : j % 3 === 1 ? -1 : 0.2)));
    const label = next() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
    const entries = row.map((v, j) => [j + 1, v] as const).filter(([, v]) => v !== 0);
    if (i % 5 === 0) entries.reverse();
    svm.push(`${label} ${entries.map(([j, v]) => `${j}:${v}`).join(' ')}`);
    csv.push([...row, label].join(','));
  }
  writeFileSync(join(temp.folder, 'sparse.svm'), `${svm.join('\n')}\n`);
  writeFileSync(join(temp.folder, 'sparse.csv'), `${csv.join('\n')}\n`);
  writeFileSync(join(temp.folder, 'bad.svm'), '1 1:0.5 2:1\n\n-1 3:1 2 5:1\n');
});

async function ok(args: readonly string[]): Promise<string> {
  const result = await runInProcess(args, temp.folder);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('LIBSVM files go to the library as CSR matrices', () => {
  it('train gives the coefficients of the same data as CSV, to 1e-9', async () => {
    await ok(['train', 'sparse.svm', '--model', 'svm.json', '--quiet']);
    await ok(['train', 'sparse.csv', '--target', 'label', '--model', 'csv.json', '--quiet']);
    const svm = readModel('svm.json');
    const csv = readModel('csv.json');
    expect(svm.dataFormat).toBe('libsvm');
    expect(svm.model.featureNames).toEqual(csv.model.featureNames);
    expectClose(svm.model.coefficients, csv.model.coefficients, 1e-9);
    expectClose([svm.model.intercept], [csv.model.intercept], 1e-9);
    // Not a trivial fit: the signal of features 1, 4, 7, … is found.
    expect(svm.model.coefficients[0]).toBeGreaterThan(0.5);
  });

  it('train --json reports the same fit for both files; other solvers and penalties run on CSR', async () => {
    for (const extra of [[], ['--solver', 'newton'], ['--penalty', 'l1', '--C', '0.5']]) {
      const svm = JSON.parse(
        await ok(['train', 'sparse.svm', '--model', 's.json', '--json', ...extra]),
      ) as { objective: number; nObservations: number; nFeatures: number; converged: boolean };
      const csv = JSON.parse(
        await ok([
          'train',
          'sparse.csv',
          '--target',
          'label',
          '--model',
          'c.json',
          '--json',
          ...extra,
        ]),
      ) as { objective: number };
      expect(svm.nObservations).toBe(400);
      expect(svm.nFeatures).toBe(30);
      expect(svm.converged).toBe(true);
      expect(Math.abs(svm.objective - csv.objective)).toBeLessThan(1e-10);
    }
  });

  it('predict and evaluate on LIBSVM equal the CSV model on CSV', async () => {
    const fromSvm = (await ok(['predict', 'svm.json', 'sparse.svm', '--proba'])).trim().split('\n');
    const fromCsv = (await ok(['predict', 'csv.json', 'sparse.csv', '--proba'])).trim().split('\n');
    expect(fromSvm).toHaveLength(401);
    expect(fromSvm[0]).toBe('prediction,probability');
    fromSvm.slice(1).forEach((line, i) => {
      const [label, p] = line.split(',');
      const [csvLabel, csvP] = fromCsv[i + 1]!.split(',');
      expect(label).toBe(csvLabel);
      expect(Math.abs(Number(p) - Number(csvP))).toBeLessThan(1e-12);
    });
    const svmEval = JSON.parse(
      await ok(['evaluate', 'svm.json', 'sparse.svm', '--json']),
    ) as Record<string, unknown>;
    const csvEval = JSON.parse(
      await ok(['evaluate', 'csv.json', 'sparse.csv', '--json']),
    ) as Record<string, unknown>;
    expect(svmEval.n).toBe(400);
    expect(svmEval.confusionMatrix).toEqual(csvEval.confusionMatrix);
    expect(Math.abs((svmEval.logLoss as number) - (csvEval.logLoss as number))).toBeLessThan(1e-12);
    expect(svmEval.rocAuc).toBe(csvEval.rocAuc);
  });

  it('--features and --exclude pick LIBSVM columns x<k>', async () => {
    await ok(['train', 'sparse.svm', '--features', 'x4,x1', '--model', 'f.json', '--quiet']);
    await ok([
      'train',
      'sparse.csv',
      '--target',
      'label',
      '--features',
      'x4,x1',
      '--model',
      'fc.json',
      '--quiet',
    ]);
    const svm = readModel('f.json');
    expect(svm.model.featureNames).toEqual(['x4', 'x1']);
    expectClose(svm.model.coefficients, readModel('fc.json').model.coefficients, 1e-9);
    // Prediction reads the model's two columns from a file of 30.
    expect((await ok(['predict', 'f.json', 'sparse.svm'])).trim().split('\n')).toHaveLength(401);
    await ok(['train', 'sparse.svm', '--exclude', 'x2,x30', '--model', 'e.json', '--quiet']);
    expect(readModel('e.json').model.featureNames).toHaveLength(28);
  });

  it('cv and path run on LIBSVM and agree with CSV', async () => {
    const svm = JSON.parse(await ok(['cv', 'sparse.svm', '--folds', '4', '--json'])) as {
      mean: Record<string, number>;
    };
    const csv = JSON.parse(
      await ok(['cv', 'sparse.csv', '--target', 'label', '--folds', '4', '--json']),
    ) as {
      mean: Record<string, number>;
    };
    expect(Math.abs(svm.mean.logLoss! - csv.mean.logLoss!)).toBeLessThan(1e-9);
    expect(svm.mean.accuracy).toBe(csv.mean.accuracy);
    const chosen = JSON.parse(await ok(['cv', 'sparse.svm', '--Cs', '0.1,1', '--json'])) as {
      bestC: number;
    };
    expect([0.1, 1]).toContain(chosen.bestC);
    const path = JSON.parse(await ok(['path', 'sparse.svm', '--Cs', '5', '--json'])) as {
      Cs: number[];
      nonZero: number[];
    };
    expect(path.Cs).toHaveLength(5);
    expect(path.nonZero[path.nonZero.length - 1]).toBeGreaterThan(path.nonZero[0]!);
  });

  it('trains on more features than a dense table could hold (1,000 rows × 300,000 features)', async () => {
    const lines: string[] = [];
    const used = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const j = 1 + ((i * 7919) % 300_000);
      lines.push(`${i % 2} ${j}:1 ${j + 1}:${(i % 7) / 7} 300000:${i % 2 === 0 ? 0.5 : -0.5}`);
      for (const k of [j, j + 1, 300_000]) used.add(k);
    }
    writeFileSync(join(temp.folder, 'wide.svm'), `${lines.join('\n')}\n`);
    const json = JSON.parse(await ok(['train', 'wide.svm', '--model', 'wide.json', '--json'])) as {
      nFeatures: number;
      converged: boolean;
    };
    // The model keeps the indices that some row uses (x300000 among them), not all 300,000.
    expect(json.nFeatures).toBe(used.size);
    expect(json.converged).toBe(true);
    const predictions = (await ok(['predict', 'wide.json', 'wide.svm'])).trim().split('\n');
    expect(predictions.slice(1, 5)).toEqual(['0', '1', '0', '1']);
  });
});

describe('multiclass LIBSVM', () => {
  it('multinomial and one-vs-rest fits on CSR equal the CSV fits', async () => {
    const svm: string[] = [];
    const csv: string[] = ['x1,x2,x3,x4,x5,x6,label'];
    for (let i = 0; i < 150; i++) {
      const c = i % 3;
      const row = [0, 0, 0, 0, 0, 0];
      row[c] = 1 + ((i * 7) % 11) / 10;
      row[3 + ((i * 5) % 3)] = ((i * 13) % 17) / 17;
      if (i % 4 === 0) row[(c + 1) % 3] = 0.5;
      svm.push(`${c} ${row.flatMap((v, j) => (v === 0 ? [] : [`${j + 1}:${v}`])).join(' ')}`);
      csv.push([...row, c].join(','));
    }
    writeFileSync(join(temp.folder, 'three.svm'), `${svm.join('\n')}\n`);
    writeFileSync(join(temp.folder, 'three.csv'), `${csv.join('\n')}\n`);
    for (const strategy of ['multinomial', 'ovr']) {
      const flags = ['--multi-class', strategy, '--json'];
      const a = JSON.parse(await ok(['train', 'three.svm', '--model', 'm3s.json', ...flags])) as {
        objective: number;
      };
      const b = JSON.parse(
        await ok(['train', 'three.csv', '--target', 'label', '--model', 'm3c.json', ...flags]),
      ) as { objective: number };
      expect(Math.abs(a.objective - b.objective)).toBeLessThan(1e-10);
      const es = JSON.parse(await ok(['evaluate', 'm3s.json', 'three.svm', '--json'])) as {
        logLoss: number;
        accuracy: number;
      };
      const ec = JSON.parse(await ok(['evaluate', 'm3c.json', 'three.csv', '--json'])) as {
        logLoss: number;
        accuracy: number;
      };
      expect(Math.abs(es.logLoss - ec.logLoss)).toBeLessThan(1e-9);
      expect(es.accuracy).toBe(ec.accuracy);
    }
  });
});

describe('LIBSVM errors', () => {
  it('a bad line names the file and line, in train and in predict', async () => {
    const trained = await runInProcess(['train', 'bad.svm'], temp.folder);
    expect(trained.code).toBe(1);
    expect(trained.stderr).toMatch(/bad\.svm: line 3: expected index:value, got "2"/);
    const predicted = await runInProcess(['predict', 'svm.json', 'bad.svm'], temp.folder);
    expect(predicted.code).toBe(1);
    expect(predicted.stderr).toMatch(/bad\.svm: line 3: expected index:value, got "2"/);
  });

  it('flags a LIBSVM file cannot have are usage errors; another target is a data error', async () => {
    const categorical = await runInProcess(
      ['train', 'sparse.svm', '--categorical', 'x1'],
      temp.folder,
    );
    expect(categorical.code).toBe(2);
    expect(categorical.stderr).toMatch(/--categorical applies to CSV and TSV files/);
    const target = await runInProcess(['train', 'sparse.svm', '--target', 'y'], temp.folder);
    expect(target.code).toBe(1);
    expect(target.stderr).toMatch(
      /sparse\.svm: no column "y" \(LIBSVM columns are label, x1 … x30\)/,
    );
    const absent = await runInProcess(['train', 'sparse.svm', '--features', 'x31'], temp.folder);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/no column "x31"/);
  });
});
