import { afterAll, describe, expect, it } from 'vitest';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-parity-');
afterAll(() => temp.cleanup());

/** R's glm on MASS::biopsy with its NA rows dropped (scripts/r-glm-parity.R). */
const r =
  loadJson<
    Record<
      string,
      { coefficients: number[]; std_errors: number[]; p_values: number[]; aic: number }
    >
  >('r_glm_parity.json');

describe('logreg train --penalty none, default flags, matches R glm to 1e-8', () => {
  it('MASS biopsy with missing values dropped (--drop-missing, as R na.omit)', async () => {
    const trained = await runInProcess(
      [
        'train',
        fixture('parity_biopsy_raw.csv'),
        '-t',
        'class',
        '--penalty',
        'none',
        '--drop-missing',
      ],
      temp.folder,
    );
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(/dropped 16 of 699 rows/);
    const result = await runInProcess(['summary', 'model.json', '--json'], temp.folder);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      coefficients: { estimate: number; stdError: number; pValue: number }[];
      aic: number;
      fitReport: { solver: string; converged: boolean };
    };
    expect(json.fitReport.solver).toBe('newton');
    expect(json.fitReport.converged).toBe(true);
    const ref = r.biopsy;
    expect(
      maxRelativeError(
        json.coefficients.map((c) => c.estimate),
        ref.coefficients,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        json.coefficients.map((c) => c.stdError),
        ref.std_errors,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeError(
        json.coefficients.map((c) => c.pValue),
        ref.p_values,
      ),
    ).toBeLessThan(1e-8);
    expect(Math.abs(json.aic - ref.aic) / ref.aic).toBeLessThan(1e-8);
    const text = (await runInProcess(['summary', 'model.json'], temp.folder)).stdout;
    expect(text).toMatch(/score norm\s+\S+ \(stopping rule: relative Newton decrement ≤ 1e-12\)/);
  });
});
