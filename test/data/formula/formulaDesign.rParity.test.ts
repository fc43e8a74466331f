import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitFormula,
  formulaColumns,
  formulaMatrix,
  formulaTerms,
} from '../../../src/data/formula/formulaDesign.js';
import { completeRows } from '../../../src/data/completeRows.js';
import { FormulaModel } from '../../../src/data/formula/formulaModel.js';
import { trainFormula } from '../../../src/data/formula/trainFormula.js';
import { dropTerms } from '../../../src/selection/dropTerms.js';
import { readCsv } from '../../../src/node/readCsv.js';

interface Case {
  formula: string;
  rows: number;
  names: string[];
  matrix: number[];
  coefficients: number[];
  deviance: number;
  predicted: number[];
  drop1: { terms: string[]; df: number[]; deviance: number[]; lrt: number[]; p: number[] };
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

describe('properties of formula fits (fast-check)', () => {
  it('the fitted log-likelihood does not depend on the order the terms are written in', () => {
    const terms = ['x1', 'log(x2)', 'grp', 'sex', 'factor(dose)', 'flag:grp', 'I(x1^2)'];
    const base = trainFormula(`y ~ ${terms.join(' + ')}`, table, { penalty: 'none' });
    const logLoss = base.model.fitReport.objective;
    fc.assert(
      fc.property(fc.shuffledSubarray(terms, { minLength: terms.length }), (order) => {
        const fit = trainFormula(`y ~ ${order.join(' + ')}`, table, { penalty: 'none' });
        expect(Math.abs(fit.model.fitReport.objective - logLoss)).toBeLessThan(1e-10);
        // Names may differ (flag:grpb or grpb:flag, by which variable came first); not their count.
        expect(fit.model.featureNames.length).toBe(base.model.featureNames.length);
      }),
      { seed: 20261207, numRuns: 25 },
    );
  });

  it('a missing cell in a column the formula does not use keeps its row', () => {
    // x1 has missing cells; a formula without x1 keeps those rows, one with it drops them.
    expect(trainFormula('y ~ x2', table, { penalty: 'none' }).model.fitReport.nObservations).toBe(
      200,
    );
    expect(
      trainFormula('y ~ x2 + x1', table, { penalty: 'none' }).model.fitReport.nObservations,
    ).toBe(197);
  });

  it('an unseen level in new data is an error naming line, column and value', () => {
    const fit = trainFormula('y ~ x1 + grp', table, { penalty: 'none' });
    const copy = {
      ...fresh,
      columns: fresh.columns.map((c) =>
        c.name === 'grp' ? { ...c, text: c.text!.map((t, i) => (i === 3 ? 'zz' : t)) } : c,
      ),
    };
    expect(() => fit.positiveProbability(copy)).toThrow(
      /line 5, column "grp": level "zz" was not seen in training/,
    );
  });
});

describe('formulaTerms + dropTerms equal R\'s drop1(test = "LRT") (scripts/r-formula.R)', () => {
  for (const c of reference.cases) {
    it(`${c.formula}: the terms R tries (marginality), df, deviance and LRT`, () => {
      const fit = trainFormula(c.formula, table, { penalty: 'none', tolerance: 1e-12 });
      const rows = completeRows(table, formulaColumns(fit.design)).rows;
      const X = fit.designMatrix(table, rows);
      const y = rows.reduce<number[]>((acc, row) => [...acc, table.columns[0]!.numbers[row]!], []);
      const terms = formulaTerms(fit.design);
      const scope = terms.filter((t) => t.droppable).map((t) => t.name);
      expect(scope).toEqual(c.drop1.terms);
      const result = dropTerms(fit.model, X, y, { terms, scope });
      expect(result.terms.map((t) => t.df)).toEqual(c.drop1.df);
      expect(
        maxRelativeError(
          result.terms.map((t) => t.deviance),
          c.drop1.deviance,
        ),
      ).toBeLessThan(1e-8);
      expect(
        maxRelativeError(
          result.terms.map((t) => t.lrStatistic),
          c.drop1.lrt,
        ),
      ).toBeLessThan(1e-7);
    });
  }
});
