import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fitFormula,
  formulaColumns,
  formulaMatrix,
} from '../../../src/data/formula/formulaDesign.js';
import { completeRows } from '../../../src/data/completeRows.js';
import { FormulaModel } from '../../../src/data/formula/formulaModel.js';
import { trainFormula } from '../../../src/data/formula/trainFormula.js';
import { readCsv } from '../../../src/node/readCsv.js';

interface Case {
  formula: string;
  rows: number;
  names: string[];
  matrix: number[];
  coefficients: number[];
  deviance: number;
  predicted: number[];
}

const fixtures = 'test/fixtures';
const reference = JSON.parse(readFileSync(`${fixtures}/r_formula.json`, 'utf8')) as {
  cases: Case[];
};
const table = await readCsv(`${fixtures}/formula_sim.csv`);
const fresh = await readCsv(`${fixtures}/formula_sim_new.csv`);

/** max |a − b| / max(1, |b|). */
function maxRelativeError(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.max(1, Math.abs(b[i]!))));
}

describe("fitFormula + formulaMatrix equal R's model.matrix (scripts/r-formula.R)", () => {
  for (const c of reference.cases) {
    it(c.formula, () => {
      const design = fitFormula(c.formula, table);
      const names = c.names.filter((n) => n !== '(Intercept)');
      expect(design.featureNames).toEqual(names);
      expect(design.intercept).toBe(c.names[0] === '(Intercept)');
      expect(design.response).toBe('y');
      // R's na.omit: rows with a missing value in a column the formula reads are left out.
      const used = completeRows(table, formulaColumns(design)).rows;
      expect(used.length).toBe(c.rows);
      const X = formulaMatrix(design, table, used);
      const offset = design.intercept ? 1 : 0;
      const width = c.names.length;
      expect(X.cols).toBe(width - offset);
      let worst = 0;
      for (let i = 0; i < c.rows; i++) {
        for (let j = 0; j < X.cols; j++) {
          const r = c.matrix[i * width + j + offset]!;
          worst = Math.max(worst, Math.abs(X.data[i * X.cols + j]! - r) / Math.max(1, Math.abs(r)));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    });
  }
});

describe("trainFormula equals R's glm(family = binomial) (scripts/r-formula.R)", () => {
  for (const c of reference.cases) {
    it(`${c.formula}: coefficients to 1e-8, predict(type = "response") on new rows to 1e-8`, () => {
      const fit = trainFormula(c.formula, table, { penalty: 'none', tolerance: 1e-12 });
      const intercept = c.names[0] === '(Intercept)';
      const ours = intercept
        ? [fit.model.intercept, ...fit.model.coefficients]
        : [...fit.model.coefficients];
      expect(fit.model.featureNames).toEqual(c.names.filter((n) => n !== '(Intercept)'));
      expect(maxRelativeError(ours, c.coefficients)).toBeLessThan(1e-8);
      expect(fit.model.fitReport.nObservations).toBe(c.rows);
      const p = fit.positiveProbability(fresh);
      expect(maxRelativeError(Array.from(p), c.predicted)).toBeLessThan(1e-8);
      // The model survives JSON and predicts the same.
      const back = FormulaModel.fromJSON(JSON.parse(JSON.stringify(fit)));
      expect(Array.from(back.positiveProbability(fresh))).toEqual(Array.from(p));
    });
  }
});
