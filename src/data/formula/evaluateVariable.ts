import { rowKey } from '../column.js';
import type { Column, Table } from '../column.js';
import { DataFileError } from '../dataFileError.js';
import { columnsByName } from '../designMatrix.js';
import { deparse } from './deparse.js';
import { FormulaError } from './formulaError.js';
import type { BinaryNode, CallNode, FormulaNode, NameNode } from './formulaSyntax.js';
import { fitPolyCoefficients, polyColumns } from './orthogonalPoly.js';
import type { PolyCoefficients } from './orthogonalPoly.js';

/** What a variable is evaluated against: the formula (for errors), the table and its rows. */
export interface EvaluationContext {
  readonly formula: string;
  readonly table: Table;
  /** The rows of the table to evaluate, 0-based. */
  readonly rows: Uint32Array;
}

/** A numeric variable's columns: one (`x`, `I(x^2)`) or several (`poly(x, 3)`). */
export interface NumericValue {
  readonly kind: 'numeric';
  readonly columns: readonly Float64Array[];
  /** Appended to the variable's label to name each column: `['']`, or `['1', '2', '3']`. */
  readonly suffixes: readonly string[];
}

/** A factor variable: each row's level key (see `cellKey`), never null on complete rows. */
export interface FactorValue {
  readonly kind: 'factor';
  readonly keys: readonly string[];
}

/** Functions of one number allowed in `I(...)` and as variables, as R computes them. */
const mathFunctions: Readonly<Record<string, (x: number) => number>> = {
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  exp: Math.exp,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

const factorFunctions = new Set(['factor', 'as.factor']);

/**
 * True when the variable is a factor: `factor(x)`, a bare column holding text (a character
 * column, which R's `model.frame` turns into a factor), or a comparison (`I(x > 0)`, a logical
 * variable, which R codes as a factor with levels FALSE and TRUE).
 */
export function isFactor(node: FormulaNode, table: Table): boolean {
  if (comparisonOf(node) !== undefined) return true;
  if (node.kind === 'call') return factorFunctions.has(node.callee);
  if (node.kind === 'name') return columnsByName(table).get(node.name)?.text !== undefined;
  return false;
}

/**
 * The data columns a variable reads, in order of appearance (the arguments of `poly` after the
 * first and named arguments are constants, not columns).
 */
export function variableColumns(node: FormulaNode): string[] {
  return [...new Set(columnNodes(node).map((n) => n.name))];
}

/** The name nodes of the columns a variable reads (see {@link variableColumns}). */
export function columnNodes(node: FormulaNode): NameNode[] {
  const names: NameNode[] = [];
  const walk = (n: FormulaNode): void => {
    switch (n.kind) {
      case 'name':
        names.push(n);
        return;
      case 'call':
        if (n.args[0] !== undefined) walk(n.args[0].value);
        if (n.callee !== 'poly') for (const a of n.args.slice(1)) walk(a.value);
        return;
      case 'binary':
        walk(n.left);
        walk(n.right);
        return;
      case 'unary':
        walk(n.operand);
        return;
      case 'paren':
        walk(n.inner);
        return;
      case 'number':
        return;
    }
  };
  walk(node);
  return names;
}

/**
 * The level keys of a factor variable on the context's rows: the column's cells as keys
 * (`cellKey`: `4.0` and `4` are one level).
 *
 * @throws {FormulaError} `factor` of something other than one column.
 */
export function factorValue(node: FormulaNode, context: EvaluationContext): FactorValue {
  const comparison = comparisonOf(node);
  if (comparison !== undefined) {
    const truth = compare(comparison, context);
    return { kind: 'factor', keys: Array.from(truth, (t) => (t === 1 ? 'TRUE' : 'FALSE')) };
  }
  const target = node.kind === 'call' ? factorArgument(node, context.formula) : node;
  const column = lookUp(target as NameNode, context);
  const keys = Array.from(context.rows, (row) => rowKey(column, row) ?? '');
  return { kind: 'factor', keys };
}

/**
 * The columns of a numeric variable on the context's rows: a column, arithmetic in `I(...)`
 * (`+ - * / ^`, unary minus, numbers, functions of {@link mathFunctions}), such a function of a
 * variable, `poly(x, k, raw = TRUE)`, the powers x¹ … xᵏ, or `poly(x, k)`, R's orthogonal
 * polynomials (with `coefficients`, those fitted in training; without, fitted on these rows).
 *
 * @throws {FormulaError} an unknown function, a text column in arithmetic, orthogonal `poly`.
 * @throws {DataFileError} a value that is not finite (`log` of 0), naming its line.
 */
export function numericValue(
  node: FormulaNode,
  context: EvaluationContext,
  coefficients?: PolyCoefficients,
): NumericValue {
  if (node.kind === 'call' && node.callee === 'poly') {
    const { argument, degree, raw } = polyArguments(node, context.formula);
    const x = evaluate(argument, context);
    const columns = raw
      ? Array.from({ length: degree }, (_, k) => x.map((v) => v ** (k + 1)))
      : context.rows.length === 0
        ? Array.from({ length: degree }, () => new Float64Array(0))
        : polyColumns(x, coefficients ?? fitPolyCoefficients(x, degree));
    return { kind: 'numeric', columns, suffixes: columns.map((_, k) => String(k + 1)) };
  }
  const values = evaluate(node, context);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      const row = context.rows[i]!;
      throw new DataFileError(
        context.table.file,
        context.table.lines[row],
        `the formula's variable ${deparse(node)} is ${String(values[i])} here; it must be a finite number`,
      );
    }
  }
  return { kind: 'numeric', columns: [values], suffixes: [''] };
}

/** The arithmetic value of an expression on every row. */
function evaluate(node: FormulaNode, context: EvaluationContext): Float64Array {
  const n = context.rows.length;
  switch (node.kind) {
    case 'number':
      return new Float64Array(n).fill(node.value);
    case 'string':
      throw new FormulaError(
        context.formula,
        node.start,
        'a string takes part only in a comparison with a column (sex == "m")',
      );
    case 'name': {
      const column = lookUp(node, context);
      const values = Float64Array.from(context.rows, (row) => column.numbers[row]!);
      if (column.text === undefined) return values;
      // Learning the formula (no rows yet): the column is text, the formula is wrong. On data:
      // the first cell that is not a number is wrong.
      const bad = context.rows.find((row) => Number.isNaN(column.numbers[row]!));
      if (context.rows.length === 0) {
        throw new FormulaError(
          context.formula,
          node.start,
          `column "${node.name}" holds text, so it cannot take part in arithmetic`,
        );
      }
      if (bad !== undefined) {
        throw new DataFileError(
          context.table.file,
          context.table.lines[bad],
          `column "${node.name}": expected a number, got "${column.text[bad] ?? ''}"`,
        );
      }
      return values;
    }
    case 'paren':
      return evaluate(node.inner, context);
    case 'unary': {
      const x = evaluate(node.operand, context);
      return node.op === '-' ? x.map((v) => -v) : x;
    }
    case 'binary': {
      if (node.op === ':') {
        throw new FormulaError(
          context.formula,
          node.operator,
          '":" inside a function is R\'s sequence operator, which a model column cannot use',
        );
      }
      // A comparison in arithmetic is 0 or 1, as R's logical in arithmetic.
      if (!(node.op in arithmetic)) return compare(node, context);
      const a = evaluate(node.left, context);
      const b = evaluate(node.right, context);
      const op = arithmetic[node.op as keyof typeof arithmetic];
      return a.map((v, i) => op(v, b[i]!));
    }
    case 'call': {
      if (node.callee === 'I') {
        if (node.args.length !== 1 || node.args[0]!.name !== undefined) {
          throw new FormulaError(context.formula, node.start, 'I() takes one argument');
        }
        return evaluate(node.args[0]!.value, context);
      }
      const f = mathFunctions[node.callee];
      if (f === undefined) {
        const known = ['I', ...Object.keys(mathFunctions), 'factor', 'poly'].join(', ');
        const why =
          factorFunctions.has(node.callee) || node.callee === 'poly'
            ? `${node.callee}() cannot be used inside arithmetic`
            : `unknown function ${node.callee}() (known: ${known})`;
        throw new FormulaError(context.formula, node.start, why);
      }
      if (node.args.length !== 1 || node.args[0]!.name !== undefined) {
        throw new FormulaError(context.formula, node.start, `${node.callee}() takes one argument`);
      }
      return evaluate(node.args[0]!.value, context).map(f);
    }
  }
}

const arithmetic: Readonly<Record<'+' | '-' | '*' | '/' | '^', (a: number, b: number) => number>> =
  {
    '+': (a, b) => a + b,
    '-': (a, b) => a - b,
    '*': (a, b) => a * b,
    '/': (a, b) => a / b,
    // R's ^ is C's pow, which Math.pow follows (1^NaN and NaN^0 are 1 in both).
    '^': (a, b) => Math.pow(a, b),
  };

const comparisons: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** The comparison a variable is (through `I()` and parentheses), or undefined. */
function comparisonOf(node: FormulaNode): BinaryNode | undefined {
  if (node.kind === 'paren') return comparisonOf(node.inner);
  if (node.kind === 'call' && node.callee === 'I' && node.args.length === 1) {
    return comparisonOf(node.args[0]!.value);
  }
  return node.kind === 'binary' && node.op in comparisons ? node : undefined;
}

/**
 * A comparison on every row, 1 (TRUE) or 0 (FALSE): of numbers, or with `==` and `!=` of a
 * column's cells with a string (`sex == "m"`; numbers compare as their text, as R's `1 == "1"`).
 */
function compare(node: BinaryNode, context: EvaluationContext): Float64Array {
  const test = comparisons[node.op]!;
  const [text, other] =
    node.right.kind === 'string'
      ? [node.right, node.left]
      : node.left.kind === 'string'
        ? [node.left, node.right]
        : [undefined, undefined];
  if (text === undefined) {
    const a = evaluate(node.left, context);
    const b = evaluate(node.right, context);
    return a.map((v, i) => (test(v, b[i]!) ? 1 : 0));
  }
  if ((node.op !== '==' && node.op !== '!=') || other?.kind !== 'name') {
    throw new FormulaError(
      context.formula,
      node.operator,
      'a string is compared with a column by == or != only (sex == "m")',
    );
  }
  const column = lookUp(other, context);
  const equal = node.op === '==';
  return Float64Array.from(context.rows, (row) =>
    (rowKey(column, row) === text.value) === equal ? 1 : 0,
  );
}

function lookUp(node: NameNode, context: EvaluationContext): Column {
  const column = columnsByName(context.table).get(node.name);
  if (column === undefined) {
    const names = context.table.columns.map((c) => c.name);
    const shown = names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : '');
    throw new FormulaError(
      context.formula,
      node.start,
      `no column "${node.name}" in ${context.table.file} (its columns: ${shown})`,
    );
  }
  return column;
}

function factorArgument(node: CallNode, formula: string): NameNode {
  const arg = node.args[0];
  if (
    node.args.length !== 1 ||
    arg === undefined ||
    arg.name !== undefined ||
    arg.value.kind !== 'name'
  ) {
    throw new FormulaError(formula, node.start, `${node.callee}() takes one column name`);
  }
  return arg.value;
}

/**
 * The coefficients of an orthogonal `poly(x, k)` variable on the context's rows (R's
 * `attr(poly(x, k), "coefs")`), or undefined for any other variable.
 *
 * @throws {FormulaError} x with at most k distinct values.
 */
export function polyCoefficientsOf(
  node: FormulaNode,
  context: EvaluationContext,
): PolyCoefficients | undefined {
  if (node.kind !== 'call' || node.callee !== 'poly') return undefined;
  const { argument, degree, raw } = polyArguments(node, context.formula);
  if (raw) return undefined;
  try {
    return fitPolyCoefficients(evaluate(argument, context), degree);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new FormulaError(context.formula, node.start, `${deparse(node)}: ${error.message}`);
  }
}

/**
 * The variable, degree and kind of `poly(x, k)` or `poly(x, k, raw = TRUE)`: `k` a whole number
 * ≥ 1 (default 1), `raw` `TRUE`/`T` (powers) or `FALSE`/`F` (orthogonal, R's default).
 */
export function polyArguments(
  node: CallNode,
  formula: string,
): { argument: FormulaNode; degree: number; raw: boolean } {
  const fail = (at: number, problem: string): never => {
    throw new FormulaError(formula, at, problem);
  };
  const positional = node.args.filter((a) => a.name === undefined);
  const named = new Map(node.args.filter((a) => a.name !== undefined).map((a) => [a.name!, a]));
  const x = positional[0] ?? named.get('x');
  if (x === undefined) return fail(node.start, 'poly() needs a variable: poly(x, 2, raw = TRUE)');
  const degreeArg = positional[1] ?? named.get('degree');
  const degree =
    degreeArg === undefined ? 1 : degreeArg.value.kind === 'number' ? degreeArg.value.value : NaN;
  if (!(Number.isInteger(degree) && degree >= 1)) {
    fail(degreeArg?.start ?? node.start, 'the degree of poly() must be a whole number ≥ 1');
  }
  const rawArg = named.get('raw');
  const flag = rawArg?.value.kind === 'name' ? rawArg.value.name : undefined;
  if (rawArg !== undefined && !['TRUE', 'T', 'FALSE', 'F'].includes(flag ?? '')) {
    fail(rawArg.start, 'raw must be TRUE or FALSE');
  }
  const raw = flag === 'TRUE' || flag === 'T';
  for (const a of node.args) {
    if (a !== x && a !== degreeArg && a !== rawArg) fail(a.start, 'poly() takes x, degree and raw');
  }
  return { argument: x.value, degree, raw };
}
