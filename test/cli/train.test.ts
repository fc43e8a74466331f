import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegressionModel, train } from '../../src/index.js';
import { loadDataset, loadJson } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-train-');
afterAll(() => temp.cleanup());
const pima = fixture('pima.csv');

interface ModelFileJson {
  format: string;
  version: number;
  target: string;
  weights: string | null;
  dataFormat: string;
  features: { column: string; kind: string; levels?: string[]; reference?: string | null }[];
  model: { coefficients: number[]; intercept: number; featureNames: string[]; classes: unknown[] };
}

const readModel = (name: string): ModelFileJson =>
  JSON.parse(readFileSync(join(temp.folder, name), 'utf8')) as ModelFileJson;

describe('logreg train', () => {
  it('fits pima, writes the model file and reports the fit as text on stdout', async () => {
    const result = await runInProcess(
      ['train', pima, '--target', 'y', '--model', 'pima.json'],
      temp.folder,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Trained a logistic regression/);
    expect(result.stdout).toMatch(/converged \(gradient-tolerance\)/);
    const file = readModel('pima.json');
    expect(file.format).toBe('logreg-cli-model');
    expect(file.version).toBe(1);
    expect(file.target).toBe('y');
    expect(file.features.map((f) => f.column)).toEqual([
      'pregnant',
      'glucose',
      'pressure',
      'triceps',
      'insulin',
      'mass',
      'pedigree',
      'age',
    ]);
    expect(file.model.classes).toEqual([0, 1]);
  });

  it('gives the same coefficients as the library with the same options, bit for bit', () => {
    const { X, y, featureNames } = loadDataset('pima');
    const model = train(X, y, { featureNames });
    const file = readModel('pima.json');
    expect(file.model.coefficients).toEqual([...model.coefficients]);
    expect(file.model.intercept).toBe(model.intercept);
    // and the model inside the file is a library model
    expect(LogisticRegressionModel.fromJSON(file.model).predictProba(X)).toEqual(
      model.predictProba(X),
    );
  });

  it('--json prints exactly the fields of the issue', async () => {
    const result = await runInProcess(
      ['train', pima, '--target', 'y', '--model', 'j.json', '--json'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      [
        'classCounts',
        'converged',
        'iterations',
        'model',
        'nFeatures',
        'nObservations',
        'objective',
        'solver',
        'threshold',
        'trainLogLoss',
        'warnings',
      ].sort(),
    );
    expect(json).toMatchObject({
      model: 'j.json',
      solver: 'lbfgs',
      converged: true,
      nObservations: 768,
      nFeatures: 8,
      threshold: null,
      warnings: [],
      classCounts: { '0': 500, '1': 268 },
    });
  });

  it('reproduces R glm with a categorical column, treatment contrasts and weights (1e-6 relative)', async () => {
    const result = await runInProcess(
      [
        'train',
        fixture('pima_categorical.csv'),
        '--target',
        'y',
        '--weights',
        'w',
        '--penalty',
        'none',
        '--solver',
        'newton',
        '--tolerance',
        '1e-10',
        '--model',
        'cat.json',
      ],
      temp.folder,
    );
    expect(result.code).toBe(0);
    // age_group is text: a note says it is categorical, with R's reference level.
    expect(result.stderr).toMatch(
      /note: column "age_group" is not numeric \("46\+" on line 2\); treating it as categorical with 3 levels, reference "21-30"/,
    );
    const file = readModel('cat.json');
    expect(file.features.find((f) => f.column === 'age_group')).toEqual({
      column: 'age_group',
      kind: 'categorical',
      levels: ['21-30', '31-45', '46+'],
      reference: '21-30',
    });
    const r = loadJson<{
      pima_categorical_weighted: { coef_names: string[]; coefficients: number[] };
    }>('r_inference.json').pima_categorical_weighted;
    expect(r.coef_names.slice(1).map((n) => n.replace(/^age_group/, 'age_group='))).toEqual(
      file.model.featureNames,
    );
    const ours = [file.model.intercept, ...file.model.coefficients];
    ours.forEach((value, j) =>
      expect(Math.abs(value - r.coefficients[j]!)).toBeLessThan(
        1e-6 * Math.abs(r.coefficients[j]!),
      ),
    );
  });

  it('--penalty firth fits with the library default solver (newton) and reproduces R brglm2 (1e-6 relative)', async () => {
    const result = await runInProcess(
      ['train', pima, '--target', 'y', '--penalty', 'firth', '--model', 'firth.json', '--json'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { solver: string }).solver).toBe('newton');
    const r = loadJson<{ pima_firth: { coefficients: number[] } }>('r_inference.json').pima_firth;
    const file = readModel('firth.json');
    [file.model.intercept, ...file.model.coefficients].forEach((value, j) =>
      expect(Math.abs(value - r.coefficients[j]!)).toBeLessThan(
        1e-6 * Math.abs(r.coefficients[j]!),
      ),
    );
  });

  it('--categorical codes a numeric column; --no-intercept codes every level of the first one', async () => {
    const result = await runInProcess(
      [
        'train',
        pima,
        '--target',
        'y',
        '--features',
        'pregnant,glucose',
        '--categorical',
        'pregnant',
        '--no-intercept',
        '--model',
        'np.json',
      ],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const file = readModel('np.json');
    expect(file.model.featureNames.slice(0, 3)).toEqual(['pregnant=0', 'pregnant=1', 'pregnant=2']);
    expect(file.model.featureNames.at(-1)).toBe('glucose');
    expect(file.features[0]).toMatchObject({ reference: null });
    expect(file.model.intercept).toBe(0);
  });

  it('--exclude, --positive-class, --solver, --C, --class-weight and --standardize reach the library', async () => {
    const result = await runInProcess(
      [
        'train',
        pima,
        '--target',
        'y',
        '--exclude',
        'insulin,triceps',
        '--positive-class',
        '0',
        '--solver',
        'newton',
        '--C',
        '0.5',
        '--class-weight',
        'balanced',
        '--standardize',
        '--model',
        'opts.json',
      ],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const { X, y, featureNames } = loadDataset('pima');
    const keep = featureNames
      .map((n, j) => [n, j] as const)
      .filter(([n]) => n !== 'insulin' && n !== 'triceps');
    const rows = Array.from({ length: X.rows }, (_, i) =>
      keep.map(([, j]) => X.data[i * X.cols + j]!),
    );
    const model = train(rows, y, {
      featureNames: keep.map(([n]) => n),
      positiveClass: 0,
      solver: 'newton',
      C: 0.5,
      classWeight: 'balanced',
      standardize: true,
    });
    const file = readModel('opts.json');
    expect(file.model.featureNames).toEqual(keep.map(([n]) => n));
    expect(file.model.coefficients).toEqual([...model.coefficients]);
    expect((file.model as unknown as { positiveClass: number }).positiveClass).toBe(0);
  });

  it('reads TSV, gzip and LIBSVM files to the same model', async () => {
    const csv = readFileSync(pima, 'utf8');
    const lines = csv.trim().split('\n');
    writeFileSync(
      join(temp.folder, 'pima.tsv'),
      lines.map((l) => l.replaceAll(',', '\t')).join('\n'),
    );
    writeFileSync(join(temp.folder, 'pima.csv.gz'), gzipSync(csv));
    const svm = lines.slice(1).map((line) => {
      const cells = line.split(',');
      const label = cells.pop()!;
      return `${label} ${cells
        .map((v, j) => (Number(v) === 0 ? '' : `${j + 1}:${v}`))
        .filter(Boolean)
        .join(' ')}`;
    });
    writeFileSync(join(temp.folder, 'pima.svm'), `${svm.join('\n')}\n`);
    const reference = readModel('pima.json').model;
    for (const [data, extra] of [
      ['pima.tsv', ['--target', 'y']],
      ['pima.csv.gz', ['--target', 'y']],
      ['pima.svm', []],
    ] as const) {
      const result = await runInProcess(
        ['train', data, ...extra, '--model', `${data}.json`],
        temp.folder,
      );
      expect(result.code, result.stderr).toBe(0);
      const model = readModel(`${data}.json`).model;
      if (data === 'pima.svm') {
        // LIBSVM is fitted as a CSR matrix: the same optimum, summed in another order.
        model.coefficients.forEach((c: number, j: number) =>
          expect(Math.abs(c - reference.coefficients[j]!)).toBeLessThanOrEqual(
            1e-9 * Math.abs(reference.coefficients[j]!),
          ),
        );
        expect(Math.abs(model.intercept - reference.intercept)).toBeLessThanOrEqual(
          1e-9 * Math.abs(reference.intercept),
        );
      } else {
        expect(model.coefficients).toEqual(reference.coefficients);
        expect(model.intercept).toBe(reference.intercept);
      }
    }
    expect(readModel('pima.svm.json').model.featureNames).toEqual([
      'x1',
      'x2',
      'x3',
      'x4',
      'x5',
      'x6',
      'x7',
      'x8',
    ]);
  });

  it('writes the loss curve as SVG with --plot-loss', async () => {
    const result = await runInProcess(
      [
        'train',
        fixture('breast_cancer.csv'),
        '--target',
        'y',
        '--standardize',
        '--model',
        'bc.json',
        '--plot-loss',
        'loss.svg',
      ],
      temp.folder,
    );
    expect(result.code).toBe(0);
    const svg = readFileSync(join(temp.folder, 'loss.svg'), 'utf8');
    expect(svg).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
  });

  it('warns about non-convergence on stderr and says which flags to change', async () => {
    const result = await runInProcess(
      ['train', pima, '--target', 'y', '--max-iterations', '3', '--model', 'nc.json', '--json'],
      temp.folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /logreg: warning: lbfgs did not converge: stopped at the iteration limit \(3\)/,
    );
    expect(result.stderr).toMatch(/try --max-iterations 30, --standardize, --solver newton/);
    const json = JSON.parse(result.stdout) as { converged: boolean; warnings: string[] };
    expect(json.converged).toBe(false);
    expect(json.warnings[0]).toMatch(/did not converge/);
    expect(existsSync(join(temp.folder, 'nc.json'))).toBe(true);
  });

  it('--drop-missing drops rows with missing values and says how many', async () => {
    const lines = readFileSync(pima, 'utf8').trim().split('\n');
    lines[3] = lines[3]!.replace(/^[^,]*/, 'NA');
    lines[10] = lines[10]!.replace(/,[^,]*$/, ',');
    writeFileSync(join(temp.folder, 'holes.csv'), lines.join('\n'));
    const failed = await runInProcess(
      ['train', 'holes.csv', '--target', 'y', '--model', 'holes.json'],
      temp.folder,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /holes\.csv: line 4, column "pregnant": missing value .*--drop-missing/,
    );
    expect(existsSync(join(temp.folder, 'holes.json'))).toBe(false);
    const dropped = await runInProcess(
      ['train', 'holes.csv', '--target', 'y', '--model', 'holes.json', '--json', '--drop-missing'],
      temp.folder,
    );
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stderr).toMatch(/dropped 2 of 768 rows with missing values/);
    expect((JSON.parse(dropped.stdout) as { nObservations: number }).nObservations).toBe(766);
  });

  it('string labels: sorted, the second is positive; --positive-class picks the other', async () => {
    const lines = readFileSync(pima, 'utf8').trim().split('\n');
    const text = lines
      .map((l, i) => (i === 0 ? l : l.replace(/1$/, 'yes').replace(/0$/, 'no')))
      .join('\n');
    writeFileSync(join(temp.folder, 'words.csv'), text);
    expect(
      (
        await runInProcess(
          ['train', 'words.csv', '--target', 'y', '--model', 'w1.json'],
          temp.folder,
        )
      ).code,
    ).toBe(0);
    const model = readModel('w1.json').model as unknown as {
      classes: string[];
      positiveClass: string;
    };
    expect(model.classes).toEqual(['no', 'yes']);
    expect(model.positiveClass).toBe('yes');
    expect(
      (
        await runInProcess(
          ['train', 'words.csv', '--target', 'y', '--positive-class', 'no', '--model', 'w2.json'],
          temp.folder,
        )
      ).code,
    ).toBe(0);
    expect((readModel('w2.json').model as unknown as { positiveClass: string }).positiveClass).toBe(
      'no',
    );
    const bad = await runInProcess(
      ['train', 'words.csv', '--target', 'y', '--positive-class', 'maybe', '--model', 'w3.json'],
      temp.folder,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--positive-class "maybe" is not a value of the target column "y"/);
  });
});
