import type { Matrix } from '../../linalg/matrix.js';
import type { Table } from '../column.js';
import { completeRows } from '../completeRows.js';
import { DataFileError } from '../dataFileError.js';
import { columnsByName, sortLevels } from '../designMatrix.js';
import {
  columnNodes,
  factorValue,
  isFactor,
  numericValue,
  polyCoefficientsOf,
  variableColumns,
} from './evaluateVariable.js';
import type { EvaluationContext } from './evaluateVariable.js';
import { FormulaError } from './formulaError.js';
import { expandTerms, termLabel } from './formulaTerms.js';
import { parseFormula } from './parseFormula.js';
import { columnNames, contrastCoding, termColumnNames } from './modelMatrixColumns.js';
import type { CompiledFormula } from './modelMatrixColumns.js';
import type { PolyCoefficients } from './orthogonalPoly.js';
import type { FormulaNode } from './formulaSyntax.js';

/**
 * A formula fitted to training data: what turns any table with the same columns into the same
 * model matrix. Plain JSON; model files store it.
 */
export interface FormulaDesign {
  /** The formula as written: `low ~ age + race * smoke`. */
  readonly formula: string;
  /** The response column (the left side), or null for a one-sided formula. */
  readonly response: string | null;
  /** The columns `.` stood for, in table order (empty when the formula has no `.`). */
  readonly dotColumns: readonly string[];
  /** The levels of each factor variable (by R label: `race`, `factor(dose)`), sorted; the first is the baseline. */
  readonly levels: Readonly<Record<string, readonly string[]>>;
  /**
   * The fitted coefficients of each orthogonal `poly(x, k)` variable (by R label), R's
   * `attr(, "coefs")`; absent when the formula has none.
   */
  readonly poly?: Readonly<Record<string, PolyCoefficients>>;
  /** Whether the model matrix has R's `(Intercept)` column (the model's intercept). */
  readonly intercept: boolean;
  /** The model matrix's column names as R's `model.matrix` gives them, less `(Intercept)`. */
  readonly featureNames: readonly string[];
}

/** Options of {@link fitFormula}. */
export interface FitFormulaOptions {
  /** Columns `.` does not stand for besides the response (weights, offsets). */
  readonly exclude?: readonly string[];
  /**
   * The rows to learn factor levels from (0-based, ascending). Default: the rows where no column
   * the formula uses is missing (R's `na.omit`).
   */
  readonly rows?: Uint32Array;
}

/**
 * Learns a formula's model matrix on a table, as R's `model.frame` + `model.matrix` with
 * treatment contrasts: each factor's levels are the distinct values on the rows used (R's
 * `drop.unused.levels = TRUE` in `glm`), sorted numerically for numbers and by UTF-16 code units
 * for text (R sorts text by locale; the two agree on ASCII letters of one case).
 *
 * @throws {FormulaError} a syntax error, an unknown column or function (with a caret).
 * @throws {DataFileError} a factor with a single level.
 */
export function fitFormula(
  formula: string,
  table: Table,
  options: FitFormulaOptions = {},
): FormulaDesign {
  const compiled = compileOn(formula, table, options.exclude ?? []);
  const { terms, factor } = compiled;
  const { response, dotColumns } = compiled;
  // Unknown columns are reported with a caret before anything is evaluated.
  const rows = options.rows ?? completeRows(table, usedColumns(compiled)).rows;
  const context: EvaluationContext = { formula, table, rows };
  const levels: Record<string, readonly string[]> = {};
  const poly: Record<string, PolyCoefficients> = {};
  terms.variables.forEach((variable, v) => {
    if (v === 0 && terms.response !== undefined) return;
    if (factor[v]) {
      const found = sortLevels(new Set(factorValue(variable.node, context).keys));
      if (found.length < 2) {
        throw new DataFileError(
          table.file,
          undefined,
          `the formula's factor ${variable.label} has ${found.length === 1 ? `a single level "${found[0]}"` : 'no level'} on the rows used; a factor needs two levels`,
        );
      }
      levels[variable.label] = found;
    } else {
      numericValue(variable.node, { ...context, rows: rows.subarray(0, 0) });
      // R evaluates poly() on the data before na.omit: on every row where its own column is there.
      const own = completeRows(table, variableColumns(variable.node)).rows;
      const coefficients = polyCoefficientsOf(variable.node, { ...context, rows: own });
      if (coefficients !== undefined) poly[variable.label] = coefficients;
    }
  });
  const design = {
    formula,
    response,
    dotColumns,
    levels,
    ...(Object.keys(poly).length === 0 ? {} : { poly }),
    intercept: terms.intercept,
  };
  return { ...design, featureNames: columnNames(compiled, levels) };
}

/**
 * The columns of `table` that `formula` reads, before it is fitted: the response first (when
 * there is one), then the variables' columns in order of appearance (for `.`, the table's columns
 * less the response and `exclude`).
 *
 * @throws {FormulaError} a syntax error, a response that is not a column, a column the table lacks.
 */
export function formulaInputColumns(
  formula: string,
  table: Table,
  exclude: readonly string[] = [],
): string[] {
  return usedColumns(compileOn(formula, table, exclude));
}

/** Parses and expands a formula on a table, checking that its columns exist. */
function compileOn(
  formula: string,
  table: Table,
  exclude: readonly string[],
): CompiledFormula & { readonly dotColumns: readonly string[]; readonly response: string | null } {
  const parsed = parseFormula(formula);
  const response = responseColumn(parsed.response, formula);
  const excluded = new Set([...(response === null ? [] : [response]), ...exclude]);
  const dotColumns = usesDot(parsed.rhs)
    ? table.columns.map((c) => c.name).filter((n) => !excluded.has(n))
    : [];
  const terms = expandTerms(parsed, dotColumns);
  const factor = terms.variables.map((v) => isFactor(v.node, table));
  const compiled = { terms, factor, dotColumns, response };
  requireColumns(formula, compiled, table);
  return compiled;
}

/**
 * The columns of the table that a fitted formula reads: the response first (when there is one),
 * then the variables' columns in order of appearance.
 */
export function formulaColumns(design: FormulaDesign): string[] {
  return usedColumns(compile(design));
}

/**
 * The model matrix of the given rows (default all), without R's `(Intercept)` column, row-major,
 * columns named by `design.featureNames`. A factor's baseline level gets no column when the term
 * without it is in the model (R's `TermCode`), and the first factor gets every level when there is
 * no intercept; interaction columns are products, the first variable varying fastest.
 *
 * @throws {FormulaError} a column the table lacks (with a caret under it).
 * @throws {DataFileError} a factor level not seen in training, a missing cell, a value that is not
 *   finite (naming line, column and value).
 */
export function formulaMatrix(design: FormulaDesign, table: Table, rows?: Uint32Array): Matrix {
  const compiled = compile(design);
  const { terms, factor } = compiled;
  const used = usedColumns(compiled);
  requireColumns(design.formula, compiled, table);
  const selected = rows ?? Uint32Array.from({ length: table.rowCount }, (_, i) => i);
  const context: EvaluationContext = { formula: design.formula, table, rows: selected };
  checkMissing(table, used, selected);
  const n = selected.length;
  const values = terms.variables.map((variable, v) => {
    if (v === 0 && terms.response !== undefined) return undefined;
    if (!factor[v]) return numericValue(variable.node, context, design.poly?.[variable.label]);
    const levels = design.levels[variable.label] ?? [];
    const index = new Map(levels.map((level, k) => [level, k]));
    const keys = factorValue(variable.node, context).keys;
    const codes = new Int32Array(n);
    keys.forEach((key, i) => {
      const k = index.get(key);
      if (k === undefined) throw unseenLevel(table, selected[i]!, variable.label, key, levels);
      codes[i] = k;
    });
    return { codes, levels: levels.length };
  });
  const coding = contrastCoding(compiled);
  const columns: Float64Array[] = [];
  terms.terms.forEach((term, t) => {
    let current: Float64Array[] = [new Float64Array(n).fill(1)];
    for (const v of term) {
      const value = values[v]!;
      const next: Float64Array[] = [];
      if ('kind' in value) {
        for (const column of value.columns)
          for (const c of current) next.push(c.map((x, i) => x * column[i]!));
      } else {
        const first = coding[t]![v] === 'full' ? 0 : 1;
        for (let k = first; k < value.levels; k++) {
          for (const c of current) next.push(c.map((x, i) => (value.codes[i] === k ? x : 0)));
        }
      }
      current = next;
    }
    columns.push(...current);
  });
  const p = columns.length;
  const data = new Float64Array(n * p);
  columns.forEach((column, j) => {
    for (let i = 0; i < n; i++) data[i * p + j] = column[i]!;
  });
  return { rows: n, cols: p, data };
}

const compiledCache = new WeakMap<FormulaDesign, CompiledFormula>();

function compile(design: FormulaDesign): CompiledFormula {
  let compiled = compiledCache.get(design);
  if (compiled === undefined) {
    const terms = expandTerms(parseFormula(design.formula), design.dotColumns);
    const factor = terms.variables.map((v) => v.label in design.levels);
    compiled = { terms, factor };
    compiledCache.set(design, compiled);
  }
  return compiled;
}

/** True when `.` stands as a term (not inside a call, where it would be a column named "."). */
function usesDot(node: FormulaNode): boolean {
  switch (node.kind) {
    case 'name':
      return node.name === '.' && !node.quoted;
    case 'binary':
      return usesDot(node.left) || (node.op !== '^' && usesDot(node.right));
    case 'unary':
      return usesDot(node.operand);
    case 'paren':
      return usesDot(node.inner);
    default:
      return false;
  }
}

function usedColumns({ terms }: CompiledFormula): string[] {
  return [...new Set(terms.variables.flatMap((v) => variableColumns(v.node)))];
}

/** One term of a fitted formula: R's label, its model-matrix columns, and whether drop1 tries it. */
export interface FormulaTerm {
  /** R's term label: `grp:flag`. */
  readonly name: string;
  /** The names of its columns in the model matrix. */
  readonly features: readonly string[];
  /**
   * True when no other term contains all its variables (R's `drop.scope`, which `drop1` uses:
   * a main effect under an interaction is not dropped alone).
   */
  readonly droppable: boolean;
}

/** The terms of a fitted formula, in model-matrix order (see {@link FormulaTerm}). */
export function formulaTerms(design: FormulaDesign): FormulaTerm[] {
  const compiled = compile(design);
  const { terms } = compiled;
  const columns = termColumnNames(compiled, design.levels);
  return terms.terms.map((term, t) => ({
    name: termLabel(terms, term),
    features: columns[t]!,
    droppable: !terms.terms.some((other, u) => u !== t && term.every((v) => other.includes(v))),
  }));
}

function responseColumn(
  node: ReturnType<typeof parseFormula>['response'],
  formula: string,
): string | null {
  if (node === undefined) return null;
  if (node.kind !== 'name' || node.name === '.') {
    throw new FormulaError(formula, node.start, 'the response (left of "~") must be a column name');
  }
  return node.name;
}

function requireColumns(formula: string, compiled: CompiledFormula, table: Table): void {
  const byName = columnsByName(table);
  for (const variable of compiled.terms.variables) {
    for (const { name, start } of columnNodes(variable.node)) {
      if (!byName.has(name)) {
        const names = table.columns.map((c) => c.name);
        const shown = names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : '');
        throw new FormulaError(
          formula,
          start,
          `no column "${name}" in ${table.file} (its columns: ${shown})`,
        );
      }
    }
  }
}

function checkMissing(table: Table, used: readonly string[], rows: Uint32Array): void {
  const byName = columnsByName(table);
  const selected = new Set(rows);
  for (const name of used) {
    const column = byName.get(name);
    const row = column?.missingRows.find((r) => selected.has(r));
    if (row !== undefined) {
      throw new DataFileError(table.file, table.lines[row], `column "${name}": missing value`);
    }
  }
}

function unseenLevel(
  table: Table,
  row: number,
  label: string,
  key: string,
  levels: readonly string[],
): DataFileError {
  const shown = levels.slice(0, 20).map((l) => `"${l}"`);
  if (levels.length > 20) shown.push('…');
  return new DataFileError(
    table.file,
    table.lines[row],
    `column "${label}": level "${key}" was not seen in training (levels: ${shown.join(', ')})`,
  );
}
