import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { FormulaModel } from '../../src/data/formula/formulaModel.js';
import { readCsv } from '../../src/node/readCsv.js';

/** R 4.2.2 glm of the same formula on examples/data/pima.csv (scripts/r-formula.R). */
const reference = (
  JSON.parse(readFileSync('test/fixtures/r_formula.json', 'utf8')) as {
    example: { names: string[]; coefficients: number[] };
  }
).example;

describe('the formula example (examples/formula.ts)', () => {
  it("runs, names the columns as R and fits R's coefficients", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const example = await import('../../examples/formula.js');
    log.mockRestore();
    const { model } = example.fit;
    expect(['(Intercept)', ...model.featureNames]).toEqual(reference.names);
    const ours = [model.intercept, ...model.coefficients];
    ours.forEach((v, k) =>
      expect(Math.abs(v - reference.coefficients[k]!)).toBeLessThan(
        1e-8 * Math.max(1, Math.abs(reference.coefficients[k]!)),
      ),
    );
    const pima = await readCsv('examples/data/pima.csv');
    const back = FormulaModel.fromJSON(example.restored);
    expect(Array.from(back.positiveProbability(pima).slice(0, 3))).toEqual(
      Array.from(example.probabilities),
    );
  });
});
