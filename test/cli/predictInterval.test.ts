import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-predict-interval-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.folder, name);
const cars = fixture('predict_cars93_raw.csv');

/** R 4.2.2 predict.glm(se.fit = TRUE) of Origin ~ Price + Horsepower + Weight + AirBags (scripts/r-predict.R). */
const r = loadJson<{
  cars93: { link: number[]; link_se: number[]; probability: number[]; probability_se: number[] };
}>('r_predict.json').cars93;

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  await ok(['train', cars, '-t', 'Origin', '--penalty', 'none', '-q', '-m', at('ml.json')]);
  await ok(['train', cars, '-t', 'Origin', '-q', '-m', at('l2.json')]);
});

describe('logreg predict --se --interval', () => {
  it('adds the link, standard errors and intervals, equal to R predict.glm to 1e-8', async () => {
    const text = await ok(['predict', at('ml.json'), cars, '--proba', '--se', '--interval', '0.9']);
    const [header, ...lines] = text.trim().split('\n');
    expect(header).toBe(
      'prediction,probability,link,link_se,probability_se,link_lower,link_upper,probability_lower,probability_upper',
    );
    const column = (name: string): number[] =>
      lines.map((line) => Number(line.split(',')[header.split(',').indexOf(name)]));
    expect(lines).toHaveLength(93);
    expect(maxRelativeError(column('link'), r.link)).toBeLessThan(1e-8);
    expect(maxRelativeError(column('link_se'), r.link_se)).toBeLessThan(1e-8);
    expect(maxRelativeError(column('probability'), r.probability)).toBeLessThan(1e-8);
    expect(maxRelativeError(column('probability_se'), r.probability_se)).toBeLessThan(1e-8);
    const q = 1.6448536269514722; // Φ⁻¹(0.95)
    const lower = r.link.map((z, i) => 1 / (1 + Math.exp(-(z - q * r.link_se[i]))));
    expect(maxRelativeError(column('probability_lower'), lower)).toBeLessThan(1e-8);
  });

  it('--interval alone adds the four interval columns; --se alone three', async () => {
    const interval = await ok(['predict', at('ml.json'), cars, '--interval', '0.95']);
    expect(interval.split('\n')[0]).toBe(
      'prediction,link_lower,link_upper,probability_lower,probability_upper',
    );
    const se = await ok(['predict', at('ml.json'), cars, '--se']);
    expect(se.split('\n')[0]).toBe('prediction,link,link_se,probability_se');
  });

  it('a penalized model has no standard errors: an error naming the flag', async () => {
    const result = await runInProcess(['predict', at('l2.json'), cars, '--se']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no standard errors: penalized fit \(l2\).*--penalty none/);
    const level = await runInProcess(['predict', at('ml.json'), cars, '--interval', '1.5']);
    expect(level.code).toBe(2);
  });
});
