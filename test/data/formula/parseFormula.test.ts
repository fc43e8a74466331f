import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { deparse, formatNumber } from '../../../src/data/formula/deparse.js';
import { FormulaError } from '../../../src/data/formula/formulaError.js';
import { expandTerms, termLabel } from '../../../src/data/formula/formulaTerms.js';
import { parseFormula } from '../../../src/data/formula/parseFormula.js';

/** R 4.2.2 terms() of formulas on bare names (scripts/r-formula.R). */
const reference = JSON.parse(readFileSync('test/fixtures/r_formula.json', 'utf8')) as {
  terms: { formula: string; labels: string[]; intercept: boolean }[];
};

function labels(formula: string, dot: readonly string[] = []): string[] {
  const terms = expandTerms(parseFormula(formula), dot);
  return terms.terms.map((t) => termLabel(terms, t));
}

/** The error of a bad formula (fails the test when there is none). */
function errorOf(formula: string): FormulaError {
  try {
    const parsed = parseFormula(formula);
    expandTerms(parsed, []);
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaError);
    return error as FormulaError;
  }
  throw new Error(`no error for ${formula}`);
}

describe("expandTerms equals R's terms()", () => {
  for (const c of reference.terms) {
    it(`${c.formula} → ${c.labels.join(' + ')}${c.intercept ? '' : ', no intercept'}`, () => {
      expect(labels(c.formula)).toEqual(c.labels);
      expect(expandTerms(parseFormula(c.formula), []).intercept).toBe(c.intercept);
    });
  }

  it('"." stands for every other column, and the response never is a term', () => {
    expect(labels('y ~ . - b', ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(labels('y ~ .^2', ['a', 'b'])).toEqual(['a', 'b', 'a:b']);
  });

  it('a*b has the terms of a + b + a:b, for any two term lists (fast-check)', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd', 'log(a)', 'I(b^2)');
    const list = fc.array(name, { minLength: 1, maxLength: 3 }).map((xs) => `(${xs.join(' + ')})`);
    fc.assert(
      fc.property(list, list, (left, right) => {
        const crossed = labels(`y ~ ${left} * ${right}`);
        const spelled = labels(`y ~ ${left} + ${right} + ${left}:${right}`);
        expect(crossed).toEqual(spelled);
      }),
      { seed: 20261207, numRuns: 200 },
    );
  });
});

describe('parseFormula: a bad formula throws a FormulaError with a caret at the failing character', () => {
  const cases: [string, number, RegExp][] = [
    ['low ~ age +', 11, /expected a term after "\+"/],
    ['low ~ age + (lwt', 16, /expected "\)" to close the "\(" at character 13/],
    ['low ~ age $ lwt', 10, /unexpected character "\$"/],
    ['low age', 4, /expected "~"/],
    ['', 0, /empty/],
    ['low ~ age + lwt)', 15, /unmatched "\)"/],
    ['low ~ age * * lwt', 12, /expected a term after "\*"/],
    ['low ~ 3 + age', 6, /a number is not a term/],
    ['low ~ (age + lwt)^x', 18, /positive whole number/],
    ['low ~ `age', 6, /unterminated backquoted name/],
    ['low ~ log(age,', 14, /expected a term/],
    ['low ~ a %in% b', 8, /%in%/],
  ];
  for (const [formula, position, message] of cases) {
    it(`${JSON.stringify(formula)} at ${position}`, () => {
      const error = errorOf(formula);
      expect(error).toBeInstanceOf(InputError);
      expect(error.position).toBe(position);
      expect(error.message).toMatch(message);
      const lines = error.message.split('\n');
      expect(lines[1]).toBe(`  ${formula}`);
      expect(lines[2]).toBe(`  ${' '.repeat(position)}^`);
    });
  }
});

describe('deparse names variables as R does', () => {
  it('spaces + - * but not / ^ :, and writes calls with ", " and "name = value"', () => {
    const rhs = (text: string): string => deparse(parseFormula(`y ~ ${text}`).rhs);
    expect(rhs('I( -b*2+1 )')).toBe('I(-b * 2 + 1)');
    expect(rhs('I(x2 / 2)')).toBe('I(x2/2)');
    expect(rhs('poly(x,2,raw=T)')).toBe('poly(x, 2, raw = T)');
    expect(rhs('I((b+1)^2)')).toBe('I((b + 1)^2)');
    expect(rhs('`a b`')).toBe('`a b`');
  });

  it('formats numbers as R prints them', () => {
    expect(formatNumber(100000)).toBe('1e+05');
    expect(formatNumber(123456)).toBe('123456');
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(0.0001)).toBe('1e-04');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(1 / 3)).toBe('0.333333333333333');
  });
});

describe('parseFormula on any text (fast-check)', () => {
  it('returns a tree or throws a FormulaError whose caret is inside the text or at its end', () => {
    const piece = fc.constantFrom(
      'y',
      '~',
      'a',
      'b',
      '.',
      '+',
      '-',
      '*',
      '/',
      ':',
      '^',
      '(',
      ')',
      ',',
      '=',
      '1',
      '0',
      '2.5',
      'I(',
      'log(',
      'poly(',
      '`x y`',
      '"m"',
      '==',
      '>',
      ' ',
      '$',
      '%in%',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        try {
          expandTerms(parseFormula(text), ['a', 'b']);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaError);
          const position = (error as FormulaError).position;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(text.length);
        }
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });
});

describe('parseFormula on hostile text', () => {
  it('deep nesting and long chains are FormulaErrors, not stack overflows', () => {
    expect(() => parseFormula(`y ~ ${'('.repeat(100_000)}a`)).toThrow(FormulaError);
    expect(() =>
      parseFormula(`y ~ ${Array.from({ length: 5000 }, (_, i) => `a${i}`).join(' + ')}`),
    ).toThrow(/nests deeper than 1000 levels/);
    // A wide but shallow formula is fine.
    expect(
      labels(`y ~ ${Array.from({ length: 900 }, (_, i) => `a${i}`).join(' + ')}`),
    ).toHaveLength(900);
  });
});
