import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-offset-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.folder, name);
const aids = fixture('offset_aids2_raw.csv');

/**
 * R 4.2.2 glm(died ~ state + sex + age + Tcateg, binomial, offset = logdays) on MASS Aids2
 * (scripts/r-offset.R). R orders Tcateg's levels as the data do (reference hs), logreg sorts them
 * (reference blood): the Tcateg coefficients differ by that choice, the rest do not.
 */
const r = loadJson<{
  aids2: {
    coef_names: string[];
    coefficients: number[];
    deviance: number;
    null_deviance: number;
    aic: number;
    predict: { row_index: number[]; offset: number[]; probability: number[]; link_se: number[] };
    drop1: { terms: string[]; deviance: number[]; lrt: number[] };
  };
}>('r_offset.json').aids2;

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  await ok([
    'train',
    aids,
    '-t',
    'died',
    '--offset',
    'logdays',
    '--penalty',
    'none',
    '-q',
    '-m',
    at('m.json'),
  ]);
  // The rows R predicted, each with its offset moved by 0.5.
  const [header, ...lines] = readFileSync(aids, 'utf8').trim().split('\n');
  const rows = r.predict.row_index.map((i, k) => {
    const cells = lines[i].split(',');
    cells[5] = String(r.predict.offset[k]);
    return cells.join(',');
  });
  writeFileSync(at('new.csv'), `${[header, ...rows].join('\n')}\n`);
  writeFileSync(
    at('no-offset.csv'),
    `${[header.replace(',logdays', ''), ...rows.map((row) => row.split(',').slice(0, 5).join(','))].join('\n')}\n`,
  );
});

describe('logreg train --offset', () => {
  it('fits glm(offset = ): deviances, AIC and the coefficients outside Tcateg equal R to 1e-8', async () => {
    const s = JSON.parse(await ok(['summary', at('m.json'), '--json'])) as {
      coefficients: { name: string; estimate: number }[];
      deviance: number;
      nullDeviance: number;
      aic: number;
      offset: string;
    };
    expect(s.offset).toBe('logdays');
    expect(
      maxRelativeError([s.deviance, s.nullDeviance, s.aic], [r.deviance, r.null_deviance, r.aic]),
    ).toBeLessThan(1e-8);
    const names = ['(Intercept)', 'state=Other', 'state=QLD', 'state=VIC', 'sex=M', 'age'];
    const ours = names.map((n) => s.coefficients.find((c) => c.name === n)!.estimate);
    expect(maxRelativeError(ours.slice(1), r.coefficients.slice(1, 6))).toBeLessThan(1e-8);
    const text = await ok(['summary', at('m.json')]);
    expect(text).toContain('Offset: logdays');
    expect(JSON.parse(readFileSync(at('m.json'), 'utf8')).model.offset).toBe('logdays');
  });

  it('train says which column is the offset', async () => {
    const text = await ok([
      'train',
      aids,
      '-t',
      'died',
      '--offset',
      'logdays',
      '--penalty',
      'none',
      '-q',
      '-m',
      at('t.json'),
    ]);
    expect(text).toMatch(/offset\s+logdays \(coefficient 1; predict reads this column\)/);
  });

  it('predict reads the offset column of the new data: predict.glm to 1e-8', async () => {
    const text = await ok(['predict', at('m.json'), at('new.csv'), '--proba', '--se']);
    const [header, ...lines] = text.trim().split('\n');
    const column = (name: string): number[] =>
      lines.map((line) => Number(line.split(',')[header.split(',').indexOf(name)]));
    expect(maxRelativeError(column('probability'), r.predict.probability)).toBeLessThan(1e-8);
    expect(maxRelativeError(column('link_se'), r.predict.link_se)).toBeLessThan(1e-8);
  });

  it('predict and evaluate without the offset column: an error naming it', async () => {
    for (const command of ['predict', 'evaluate']) {
      const result = await runInProcess([command, at('m.json'), at('no-offset.csv')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('logdays');
    }
    const evaluation = await ok(['evaluate', at('m.json'), aids, '--json']);
    expect(JSON.parse(evaluation)).toHaveProperty('rocAuc');
  });

  it("drop1 refits with the offset: R's drop1(test = 'LRT') to 1e-8", async () => {
    const json = JSON.parse(await ok(['drop1', at('m.json'), '--data', aids, '--json'])) as {
      deviance: number;
      terms: { term: string; deviance: number; lrStatistic: number }[];
    };
    expect(json.terms.map((t) => t.term)).toEqual(r.drop1.terms);
    expect(
      maxRelativeError([json.deviance, ...json.terms.map((t) => t.deviance)], r.drop1.deviance),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        json.terms.map((t) => t.lrStatistic),
        r.drop1.lrt,
      ),
    ).toBeLessThan(1e-7);
  });

  it('--offset works with --penalty firth and l1 (the library fits: test/model/offsetPenalized.test.ts)', async () => {
    const crabs = fixture('offset_crabs.csv');
    for (const penalty of [['firth'], ['l1', '--C', '0.5']]) {
      const args = ['train', crabs, '-t', 'y', '--offset', 'o', '--penalty', ...penalty, '-q'];
      const text = await ok([...args, '-m', at(`crabs-${penalty[0]}.json`)]);
      expect(text).toMatch(/offset\s+o \(coefficient 1; predict reads this column\)/);
      const saved = JSON.parse(readFileSync(at(`crabs-${penalty[0]}.json`), 'utf8')) as {
        model: { offset: string };
      };
      expect(saved.model.offset).toBe('o');
    }
  });

  it('refuses --offset where it does not apply, naming the flag', async () => {
    const wasm = await runInProcess([
      'train',
      aids,
      '-t',
      'died',
      '--offset',
      'logdays',
      '--kernel',
      'wasm',
      '-q',
      '-m',
      at('x.json'),
    ]);
    expect(wasm.code).not.toBe(0);
    expect(wasm.stderr).toContain('--offset');
    expect(wasm.stderr).toContain('wasm');
    const absent = await runInProcess([
      'train',
      aids,
      '-t',
      'died',
      '--offset',
      'nope',
      '-q',
      '-m',
      at('x.json'),
    ]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('nope');
    const clash = await runInProcess([
      'train',
      aids,
      '-t',
      'died',
      '--offset',
      'logdays',
      '--features',
      'age,logdays',
      '-q',
      '-m',
      at('x.json'),
    ]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('--offset column');
  });
});
