import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, loadJson } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-aliased-');
afterAll(() => temp.cleanup());

/** R's glm on the same design (scripts/r-glm-parity.R, `aliased_categorical`). */
const r = loadJson<Record<string, { aic: number; rank: number }>>('r_glm_parity.json');

let trainStderr = '';

beforeAll(async () => {
  // birthwt with race as text twice: `race` and `race_code`, whose levels map 1:1.
  const bw = loadDataset('parity_birthwt');
  const col = (name: string): number[] =>
    Array.from(
      { length: bw.X.rows },
      (_, i) => bw.X.data[i * bw.X.cols + bw.featureNames.indexOf(name)],
    );
  const [black, other] = [col('raceblack'), col('raceother')];
  const lines = ['age,lwt,race,race_code,smoke,ht,low'];
  const [age, lwt, smoke, ht] = [col('age'), col('lwt'), col('smoke'), col('ht')];
  for (let i = 0; i < bw.X.rows; i++) {
    const race = black[i] === 1 ? 'black' : other[i] === 1 ? 'other' : 'white';
    const code = race === 'black' ? 'B' : race === 'other' ? 'O' : 'W';
    lines.push([age[i], lwt[i], race, code, smoke[i], ht[i], bw.y[i]].join(','));
  }
  writeFileSync(join(temp.folder, 'birthwt.csv'), `${lines.join('\n')}\n`);
  const result = await runInProcess(
    ['train', 'birthwt.csv', '-t', 'low', '--penalty', 'none', '-q'],
    temp.folder,
  );
  expect(result.code, result.stderr).toBe(0);
  trainStderr = result.stderr;
});

describe('logreg train/summary with a categorical column coded twice', () => {
  it('train warns, naming the aliased columns and what they depend on', () => {
    const warnings = trainStderr.split('\n').filter((l) => /is aliased/.test(l));
    expect(warnings).toHaveLength(2);
    for (const w of warnings)
      expect(w).toMatch(/feature 'race_code.*' is aliased: it is a linear combination of .*'race/);
  });

  it('summary --json marks them aliased: true with null statistics, AIC from the rank as R', async () => {
    const result = await runInProcess(['summary', 'model.json', '--json'], temp.folder);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      coefficients: {
        name: string;
        aliased: boolean;
        estimate: number | null;
        stdError: number | null;
      }[];
      aic: number;
      rank: number;
      lrDf: number;
    };
    const aliased = json.coefficients.filter((c) => c.aliased);
    expect(aliased.map((c) => c.name.startsWith('race_code'))).toEqual([true, true]);
    expect(aliased.map((c) => [c.estimate, c.stdError])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(json.rank).toBe(r.aliased_categorical.rank);
    expect(json.lrDf).toBe(r.aliased_categorical.rank - 1);
    expect(Math.abs(json.aic - r.aliased_categorical.aic) / r.aliased_categorical.aic).toBeLessThan(
      1e-8,
    );
  });

  it("the text summary prints R's singularities line and NA rows", async () => {
    const result = await runInProcess(['summary', 'model.json'], temp.folder);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Coefficients: \(2 not defined because of singularities\)$/m);
    expect(result.stdout).toMatch(/^race_code\S*\s+NA\s+NA/m);
  });
});
