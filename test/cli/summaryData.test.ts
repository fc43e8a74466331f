import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-summary-data-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.folder, name);
const spector = fixture('margins_spector.csv');

/** statsmodels 0.13.5 get_margeff(at='overall') on Spector & Mazzeo (scripts/statsmodels-margins.py). */
const ref = loadJson<{ spector: { overall: { effect: number[]; std_error: number[] } } }>(
  'statsmodels_margins.json',
).spector;

async function ok(argv: readonly string[]): Promise<string> {
  const result = await runInProcess(argv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  await ok(['train', spector, '-t', 'y', '--penalty', 'none', '-q', '-m', at('m.json')]);
  await ok([
    'train',
    spector,
    '-t',
    'y',
    '--penalty',
    'none',
    '--ci',
    'profile',
    '--level',
    '0.9',
    '-q',
    '-m',
    at('p.json'),
  ]);
});

describe('logreg summary --data', () => {
  it("--margins prints average marginal effects equal to statsmodels' to 1e-8", async () => {
    const json = JSON.parse(
      await ok(['summary', at('m.json'), '--margins', '--data', spector, '--json']),
    ) as {
      marginalEffects: { effects: { feature: string; effect: number; stdError: number }[] };
    };
    const e = json.marginalEffects.effects;
    expect(e.map((x) => x.feature)).toEqual(['GPA', 'TUCE', 'PSI']);
    expect(
      maxRelativeError(
        e.map((x) => x.effect),
        ref.overall.effect,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        e.map((x) => x.stdError),
        ref.overall.std_error,
      ),
    ).toBeLessThan(1e-8);
    const text = await ok(['summary', at('m.json'), '--margins', '--data', spector]);
    expect(text).toContain('Average marginal effects on P(positive) over 32 rows');
    expect(text).toMatch(/GPA\s+0\.362581\s+0\.109441/);
  });

  it('--ci profile --data computes the intervals the model did not store: those train --ci profile stores', async () => {
    type Row = { ciLower: number; ciUpper: number };
    const later = JSON.parse(
      await ok([
        'summary',
        at('m.json'),
        '--ci',
        'profile',
        '--level',
        '0.9',
        '--data',
        spector,
        '--json',
      ]),
    ) as { coefficients: Row[] };
    const stored = JSON.parse(await ok(['summary', at('p.json'), '--ci', 'profile', '--json'])) as {
      coefficients: Row[];
    };
    expect(
      maxRelativeError(
        later.coefficients.map((c) => c.ciLower),
        stored.coefficients.map((c) => c.ciLower),
      ),
    ).toBeLessThan(1e-12);
    expect(
      maxRelativeError(
        later.coefficients.map((c) => c.ciUpper),
        stored.coefficients.map((c) => c.ciUpper),
      ),
    ).toBeLessThan(1e-12);
  });

  it('says what is missing: --margins without --data, --ci profile with neither', async () => {
    const margins = await runInProcess(['summary', at('m.json'), '--margins']);
    expect(margins.code).toBe(2);
    expect(margins.stderr).toContain('--margins needs --data');
    const profile = await runInProcess(['summary', at('m.json'), '--ci', 'profile']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('give --data <training file> to compute them');
  });
});

/** statsmodels 0.13.5 MNLogit on anes96 (scripts/statsmodels-mnlogit.py), class 0 the reference. */
const mnlogit = loadJson<{ std_errors: number[][]; coefficients: number[][] }>(
  'statsmodels_mnlogit.json',
);

describe('logreg summary --data of a multinomial model', () => {
  const anes = fixture('mnlogit_anes96.csv');

  it("gives statsmodels MNLogit's standard errors against the first class (to 1e-8)", async () => {
    await ok([
      'train',
      anes,
      '-t',
      'PID',
      '--penalty',
      'none',
      '--tolerance',
      '1e-10',
      '-q',
      '-m',
      at('mn.json'),
    ]);
    const json = JSON.parse(await ok(['summary', at('mn.json'), '--data', anes, '--json'])) as {
      inference: { classes: { coefficients: { estimate: number; stdError: number }[] }[] };
    };
    json.inference.classes.forEach((c, k) => {
      expect(
        maxRelativeError(
          c.coefficients.map((r) => r.estimate),
          mnlogit.coefficients[k],
        ),
      ).toBeLessThan(1e-8);
      expect(
        maxRelativeError(
          c.coefficients.map((r) => r.stdError),
          mnlogit.std_errors[k],
        ),
      ).toBeLessThan(1e-8);
    });
    const text = await ok(['summary', at('mn.json'), '--data', anes]);
    expect(text).toContain('Class "1" against "0":');
    expect(text).toContain('Likelihood-ratio test vs the intercept-only model');
  });

  it('a one-vs-rest model, or --margins, is refused naming why', async () => {
    await ok(['train', anes, '-t', 'PID', '--multi-class', 'ovr', '-q', '-m', at('ovr.json')]);
    const ovr = await runInProcess(['summary', at('ovr.json'), '--data', anes]);
    expect(ovr.code).toBe(2);
    expect(ovr.stderr).toContain('one-vs-rest model is K binary models');
  });
});
