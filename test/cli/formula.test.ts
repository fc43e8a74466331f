import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-formula-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.folder, name);
const data = fixture('formula_sim.csv');
const fresh = fixture('formula_sim_new.csv');

/** R 4.2.2 glm(family = binomial) on the simulated set of scripts/r-formula.R. */
const reference = JSON.parse(readFileSync(fixture('r_formula.json'), 'utf8')) as {
  cases: { formula: string; names: string[]; coefficients: number[]; predicted: number[] }[];
};
const r = reference.cases[0]!;

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

function maxRelativeError(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.max(1, Math.abs(b[i]!))));
}

beforeAll(async () => {
  await ok([
    'train',
    data,
    '--formula',
    r.formula,
    '--penalty',
    'none',
    '--drop-missing',
    '-q',
    '-m',
    at('m.json'),
  ]);
});

describe('train --formula', () => {
  it("fits R's glm: R's coefficient names and values to 1e-8, the formula kept in the model file", () => {
    const file = JSON.parse(readFileSync(at('m.json'), 'utf8')) as {
      target: string;
      formula: { formula: string };
      model: { featureNames: string[]; coefficients: number[]; intercept: number };
    };
    expect(file.target).toBe('y');
    expect(file.formula.formula).toBe(r.formula);
    expect(file.model.featureNames).toEqual(r.names.slice(1));
    const ours = [file.model.intercept, ...file.model.coefficients];
    expect(maxRelativeError(ours, r.coefficients)).toBeLessThan(1e-8);
  });

  it('predict builds the same columns from new data: P(y = 1) equal to R predict(type = "response")', async () => {
    const out = await ok(['predict', at('m.json'), fresh, '--proba']);
    const [header, ...lines] = out.trim().split('\n');
    expect(header).toBe('prediction,probability');
    const p = lines.map((line) => Number(line.split(',')[1]));
    expect(maxRelativeError(p, r.predicted)).toBeLessThan(1e-8);
  });

  it('summary names the coefficients as R does; evaluate scores new data', async () => {
    const summary = await ok(['summary', at('m.json')]);
    expect(summary).toContain('grpb:flag');
    expect(summary).toContain('I(x1^2)');
    const evaluation = await ok(['evaluate', at('m.json'), fresh, '--json']);
    expect(JSON.parse(evaluation)).toHaveProperty('rocAuc');
  });

  it('a bad formula exits 1 with the caret under the failing character and no stack', async () => {
    const result = await runInProcess([
      'train',
      data,
      '--formula',
      'y ~ x1 + (x2',
      '--drop-missing',
      '-m',
      at('bad.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('y ~ x1 + (x2\n');
    expect(result.stderr).toContain(`\n${' '.repeat(2 + 12)}^`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown column exits 1 with the caret under its name', async () => {
    const result = await runInProcess([
      'train',
      data,
      '--formula',
      'y ~ x1 + weight',
      '-m',
      at('b.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no column "weight"');
    expect(result.stderr).toContain(`\n${' '.repeat(2 + 9)}^`);
  });

  it('--target or --features with --formula is a usage error (exit 2)', async () => {
    for (const extra of [
      ['-t', 'y'],
      ['--features', 'x1'],
    ]) {
      const result = await runInProcess([
        'train',
        data,
        '--formula',
        'y ~ x1',
        ...extra,
        '-m',
        at('c.json'),
      ]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('--formula');
    }
  });

  it('predict on a level not seen in training exits 1 naming the column, value and line', async () => {
    const text = readFileSync(fresh, 'utf8').replace(/,a,/, ',z,');
    writeFileSync(at('unseen.csv'), text);
    const result = await runInProcess(['predict', at('m.json'), at('unseen.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line \d+, column "grp": level "z" was not seen in training/);
  });

  it('"." with --weights: every column but the response and the weights, the fit of the column flags', async () => {
    const common = ['--weights', 'dose', '--penalty', 'none', '--drop-missing', '-q'];
    await ok(['train', data, '--formula', 'y ~ .', ...common, '-m', at('dot.json')]);
    await ok(['train', data, '-t', 'y', ...common, '-m', at('flags.json')]);
    const read = (name: string) =>
      (
        JSON.parse(readFileSync(at(name), 'utf8')) as {
          model: { featureNames: string[]; coefficients: number[]; intercept: number };
        }
      ).model;
    const dot = read('dot.json');
    const flags = read('flags.json');
    expect(dot.featureNames).toEqual(['x1', 'x2', 'grpb', 'grpc', 'sexm', 'flag']);
    expect(flags.featureNames).toEqual(['x1', 'x2', 'grp=b', 'grp=c', 'sex=m', 'flag']);
    expect(
      maxRelativeError(
        [dot.intercept, ...dot.coefficients],
        [flags.intercept, ...flags.coefficients],
      ),
    ).toBeLessThan(1e-9);
  });

  it('summary --data reads the training data again through the formula', async () => {
    const out = await ok([
      'summary',
      at('m.json'),
      '--data',
      data,
      '--drop-missing',
      '--ci',
      'profile',
    ]);
    expect(out).toContain('profile 95% CI');
    expect(out).toContain('grpc:flag');
  });

  it("drop1 tries R's terms (marginality: not grp or flag under grp:flag), LRT as R", async () => {
    const out = await ok(['drop1', at('m.json'), '--data', data, '--drop-missing', '--json']);
    const result = JSON.parse(out) as { terms: { term: string; lrStatistic: number }[] };
    const drop1 = (reference.cases[0] as unknown as { drop1: { terms: string[]; lrt: number[] } })
      .drop1;
    expect(result.terms.map((t) => t.term)).toEqual(drop1.terms);
    expect(
      maxRelativeError(
        result.terms.map((t) => t.lrStatistic),
        drop1.lrt,
      ),
    ).toBeLessThan(1e-7);
  });

  it('export refuses a formula model (exit 2)', async () => {
    const exported = await runInProcess(['export', at('m.json'), '--sql', 'duckdb']);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('--formula');
  });

  it('cv --model and path take a formula: the refit model predicts through it', async () => {
    await ok([
      'cv',
      data,
      '--formula',
      'y ~ x1 + grp - 1',
      '--Cs',
      '0.1,1',
      '--drop-missing',
      '-q',
      '-m',
      at('cv.json'),
    ]);
    const file = JSON.parse(readFileSync(at('cv.json'), 'utf8')) as {
      formula: { formula: string };
      model: { featureNames: string[]; fitReport: { fitIntercept: boolean } };
    };
    expect(file.formula.formula).toBe('y ~ x1 + grp - 1');
    expect(file.model.featureNames).toEqual(['x1', 'grpa', 'grpb', 'grpc']);
    expect(file.model.fitReport.fitIntercept).toBe(false);
    const predictions = await ok(['predict', at('cv.json'), fresh]);
    expect(predictions.trim().split('\n')).toHaveLength(41);
    const path = await ok([
      'path',
      data,
      '--formula',
      'y ~ poly(x2, 2) + grp',
      '--Cs',
      '3',
      '--drop-missing',
      '-q',
    ]);
    expect(path).toContain('poly(x2, 2)1');
  });

  it('--classes checks the formula response; a three-class response fits a multinomial model', async () => {
    const result = await runInProcess([
      'train',
      data,
      '--formula',
      'y ~ x2',
      '--classes',
      '0,1,2',
      '-q',
      '-m',
      at('k.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--classes declares "2"');
    await ok([
      'train',
      data,
      '--formula',
      'dose ~ x1 + grp',
      '--drop-missing',
      '-q',
      '-m',
      at('multi.json'),
    ]);
    const out = await ok(['predict', at('multi.json'), fresh, '--proba']);
    expect(out.split('\n')[0]).toBe('prediction,p(1),p(2),p(3)');
  });
});
