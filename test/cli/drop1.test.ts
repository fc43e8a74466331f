import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-drop1-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.folder, name);
const survey = fixture('drop1_survey.csv');

/** R 4.2.2 drop1(glm(Sex ~ Height + Pulse + Exer + Smoke), test = "LRT") (scripts/r-drop1.R). */
const r = loadJson<{ terms: string[]; df: (number | null)[]; lrt: (number | null)[] }>(
  'r_drop1.json',
);

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  await ok(['train', survey, '-t', 'Sex', '--penalty', 'none', '-q', '-m', at('full.json')]);
  const lines = readFileSync(survey, 'utf8').split('\n');
  const cells = lines[3].split(',');
  cells[2] = '99'; // another Pulse
  lines[3] = cells.join(',');
  writeFileSync(at('edited.csv'), lines.join('\n'));
});

describe('logreg drop1 model.json --data train.csv', () => {
  it('one row per column, a categorical column being one term, equal to R drop1 to 1e-8', async () => {
    const text = await ok(['drop1', at('full.json'), '--data', survey, '-q']);
    expect(text).toMatch(/^Single term deletions \(likelihood-ratio test\)/);
    expect(text).toMatch(/\nExer +2 +129\.32 +141\.32 +5\.7376 +0\.05677 +\.\n/);
    const json = JSON.parse(
      await ok(['drop1', at('full.json'), '--data', survey, '-q', '--json']),
    ) as {
      terms: { term: string; df: number; lrStatistic: number }[];
    };
    expect(json.terms.map((t) => t.term)).toEqual(r.terms.slice(1));
    expect(json.terms.map((t) => t.df)).toEqual(r.df.slice(1));
    json.terms.forEach((t, k) => {
      expect(Math.abs(t.lrStatistic - r.lrt[k + 1]!) / r.lrt[k + 1]!).toBeLessThan(1e-8);
    });
  });

  it('other data than the training data, or no --data, is an error', async () => {
    const edited = await runInProcess(['drop1', at('full.json'), '--data', at('edited.csv'), '-q']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/different rows: the values of 'Pulse' differ/);
    const none = await runInProcess(['drop1', at('full.json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/drop1 needs --data/);
  });
});
