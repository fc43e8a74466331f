import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { fixture, runCli } from './runCli.js';

const temp = tempFolder('logreg-cli-parquet-');
afterAll(() => temp.cleanup());

function modelOf(name: string): unknown {
  return (JSON.parse(readFileSync(join(temp.folder, name), 'utf8')) as { model: unknown }).model;
}

describe('Parquet input', () => {
  it('train on .parquet fits the model of the CSV of the same data, bit for bit', () => {
    for (const [name, extra] of [
      ['pima', []],
      ['pima_categorical', ['--weights', 'w']],
    ] as const) {
      for (const ext of ['csv', 'parquet']) {
        const result = runCli(
          [
            'train',
            fixture(`${name}.${ext}`),
            '-t',
            'y',
            '--model',
            `${name}.${ext}.json`,
            '-q',
            ...extra,
          ],
          temp.folder,
        );
        expect(result.code).toBe(0);
      }
      expect(modelOf(`${name}.parquet.json`)).toEqual(modelOf(`${name}.csv.json`));
    }
  });

  it('predict and evaluate on .parquet (and on stdin with --format parquet) equal the CSV output', () => {
    const csv = runCli(['predict', 'pima.csv.json', fixture('pima.csv'), '--proba'], temp.folder);
    const parquet = runCli(
      ['predict', 'pima.csv.json', fixture('pima.parquet'), '--proba'],
      temp.folder,
    );
    expect(parquet.code).toBe(0);
    expect(parquet.stdout).toBe(csv.stdout);
    const piped = runCli(
      ['predict', 'pima.csv.json', '-', '--proba', '--format', 'parquet'],
      temp.folder,
      readFileSync(fixture('pima.parquet')),
    );
    expect(piped.stdout).toBe(csv.stdout);
    const evaluated = runCli(
      ['evaluate', 'pima.csv.json', fixture('pima.parquet'), '--json'],
      temp.folder,
    );
    const onCsv = runCli(['evaluate', 'pima.csv.json', fixture('pima.csv'), '--json'], temp.folder);
    expect(evaluated.stdout).toBe(onCsv.stdout);
  });

  it('nulls follow the missing-value rules: an error naming the row, or --drop-missing', () => {
    const file = fixture('nullable.parquet');
    const failed = runCli(['train', file, '-t', 'y', '--model', 'n.json'], temp.folder);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('nullable.parquet: line 2, column "x": missing value');
    const dropped = runCli(
      ['train', file, '-t', 'y', '--model', 'n.json', '--drop-missing', '--json'],
      temp.folder,
    );
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toContain('--drop-missing dropped 3 of 6 rows with missing values');
    expect((JSON.parse(dropped.stdout) as { nObservations: number }).nObservations).toBe(3);
  });
});
