import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../../src/errors.js';
import { DataFileError } from '../../../src/data/dataFileError.js';
import { FormulaError } from '../../../src/data/formula/formulaError.js';
import { FormulaModel } from '../../../src/data/formula/formulaModel.js';
import { trainFormula } from '../../../src/data/formula/trainFormula.js';
import { MODEL_FILE_FORMAT, parseModelFile } from '../../../src/data/modelFile.js';
import { modelDesignMatrix, modelInputColumns } from '../../../src/data/modelInputs.js';
import { readCsv } from '../../../src/node/readCsv.js';

const table = await readCsv('test/fixtures/formula_sim.csv');
const fresh = await readCsv('test/fixtures/formula_sim_new.csv');
const fit = trainFormula('y ~ log(x2) + grp:x1 + factor(dose)', table, { penalty: 'none' });

/** A model file as `train --formula` writes it, with `change` applied. */
function fileText(change: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: MODEL_FILE_FORMAT,
    version: 1,
    target: 'y',
    weights: null,
    dataFormat: 'csv',
    features: [],
    training: { file: 'formula_sim.csv', rows: 197, droppedRows: 3 },
    model: fit.model.toJSON(),
    formula: fit.design,
    ...change,
  });
}

describe('a model file with a formula', () => {
  it('loads, and builds the model matrix of new data through the formula', () => {
    const { file } = parseModelFile(fileText(), 'm.json');
    expect(file.formula).toEqual(fit.design);
    expect(modelInputColumns(file)).toEqual(['x2', 'grp', 'x1', 'dose']);
    expect(modelDesignMatrix(file, fresh)).toEqual(fit.designMatrix(fresh));
  });

  it('is refused when its formula does not give the model features, or is malformed', () => {
    const renamed = { ...fit.design, featureNames: ['a', ...fit.design.featureNames.slice(1)] };
    const cases: Record<string, unknown>[] = [
      { formula: renamed },
      { formula: { ...fit.design, levels: { grp: [1, 2] } } },
      { formula: { ...fit.design, intercept: 'yes' } },
      { formula: 'y ~ x' },
      { features: [{ column: 'x1', kind: 'numeric' }] },
    ];
    for (const change of cases) {
      expect(() => parseModelFile(fileText(change), 'm.json')).toThrow(ModelFormatError);
    }
  });
});

describe('FormulaModel', () => {
  it('round-trips through JSON and refuses another format', () => {
    const back = FormulaModel.fromJSON(JSON.parse(JSON.stringify(fit)));
    expect(back.design).toEqual(fit.design);
    expect(() => FormulaModel.fromJSON({ ...fit.toJSON(), format: 'logreg-model' })).toThrow(
      ModelFormatError,
    );
  });

  it('rows with a missing cell get NaN, as R predict with na.pass', () => {
    const p = fit.positiveProbability(table);
    // Rows 7, 51 and 122 (1-based) lack x1, rows 19 and 160 grp (scripts/r-formula.R).
    expect([6, 50, 121, 18, 159].map((i) => p[i])).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(p.filter(Number.isNaN).length).toBe(5);
  });

  it('a text cell where the formula computes with numbers names its line and value', () => {
    const copy = {
      ...fresh,
      columns: fresh.columns.map((c) =>
        c.name === 'x2'
          ? {
              ...c,
              numbers: c.numbers.map((v, i) => (i === 2 ? NaN : v)),
              text: Array.from(c.numbers, (v, i) => (i === 2 ? 'n/a' : String(v))),
            }
          : c,
      ),
    };
    expect(() => fit.positiveProbability(copy)).toThrow(DataFileError);
    expect(() => fit.positiveProbability(copy)).toThrow(
      /line 4, column "x2": expected a number, got "n\/a"/,
    );
  });

  it('a text column in arithmetic at training is a FormulaError under its name', () => {
    try {
      trainFormula('y ~ x1 + I(grp * 2)', table);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).position).toBe(11);
    }
  });

  it('an unknown function is a FormulaError under its name', () => {
    expect(() => trainFormula('y ~ x1 + sin(x2)', table)).toThrow(/unknown function sin\(\)/);
  });

  it('a string comparison is a logical variable: sex == "m" fits as the factor sex', () => {
    const logical = trainFormula('y ~ x2 + (sex == "m")', table, { penalty: 'none' });
    const factor = trainFormula('y ~ x2 + sex', table, { penalty: 'none' });
    expect(logical.model.featureNames).toEqual(['x2', 'sex == "m"TRUE']);
    expect(logical.model.coefficients[1]).toBeCloseTo(factor.model.coefficients[1]!, 10);
    expect(() => trainFormula("y ~ x2 + I(sex > 'm')", table)).toThrow(
      /compared with a column by == or != only/,
    );
  });

  it('sampleWeight has one value per table row: those of rows with missing cells are dropped', () => {
    const weights = Array.from({ length: table.rowCount }, (_, i) => 1 + (i % 3));
    const weighted = trainFormula('y ~ x1 + grp', table, {
      penalty: 'none',
      sampleWeight: weights,
    });
    // Integer weights are copies of rows: the same fit as the table with rows repeated.
    const repeated = Array.from({ length: table.rowCount }, (_, i) =>
      Array(1 + (i % 3)).fill(i),
    ).flat();
    const copy = {
      ...table,
      rowCount: repeated.length,
      lines: Uint32Array.from(repeated, (i) => table.lines[i]!),
      columns: table.columns.map((c) => ({
        ...c,
        numbers: Float64Array.from(repeated, (i) => c.numbers[i]!),
        text: c.text === undefined ? undefined : repeated.map((i) => c.text![i]!),
        missingRows: repeated.flatMap((i, k) => (c.missingRows.includes(i) ? [k] : [])),
      })),
    };
    const copies = trainFormula('y ~ x1 + grp', copy, { penalty: 'none' });
    weighted.model.coefficients.forEach((w, j) =>
      expect(w).toBeCloseTo(copies.model.coefficients[j]!, 8),
    );
    expect(() => trainFormula('y ~ x1', table, { sampleWeight: [1, 2] })).toThrow(/200 rows/);
  });

  it('a fit with an offset predicts with one, one value per table row', () => {
    const offset = Array.from({ length: table.rowCount }, (_, i) => (i % 5) / 10);
    const withOffset = trainFormula('y ~ x2 + sex', table, { penalty: 'none', offset });
    const p = withOffset.positiveProbability(table, { offset });
    const z = (i: number): number =>
      withOffset.model.intercept +
      withOffset.model.coefficients[0]! * table.columns[2]!.numbers[i]! +
      withOffset.model.coefficients[1]! * (table.columns[5]!.text![i] === 'm' ? 1 : 0) +
      offset[i]!;
    for (const i of [0, 1, 2, 3, 4]) expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-z(i))), 14);
  });
});
