import {
  asDouble,
  asText,
  completeCondition,
  designColumnNames,
  designColumns,
  inputColumns,
  sourceSql,
  stagedStatement,
} from './sqlDesign.js';
import type { SqlColumn, SqlDesign, SqlSource } from './sqlDesign.js';
import type { SqlDialect } from './sqlDialect.js';
import { SqlBinder } from './sqlStatement.js';
import type { SqlStatement } from './sqlStatement.js';

/** Feature aliases `__x0 … __x{p−1}` of a design of p features. */
function featureAliases(p: number): string[] {
  return Array.from({ length: p }, (_, j) => `__x${j}`);
}

/**
 * The stages of one pass at (w, b), computed once per row: z = b + w·x; the log loss
 * l = softplus(z) − y·z with softplus(z) = max(z, 0) + ln(1 + e^−|z|) (no overflow; where e^−|z| is
 * below an ulp of 1 the rounding costs under 1.2e−16 per row); the probability p = 1/(1 + e^−z).
 * Exponents are capped at ±700 because PostgreSQL raises an error where exp under- or overflows
 * (e^−700 ≈ 1e−304 changes no sum). No CASE: branches cost more per row than a second exp.
 */
function scoreStages(
  dialect: SqlDialect,
  binder: SqlBinder,
  w: ArrayLike<number>,
  b: number,
): SqlColumn[][] {
  const terms = [binder.bind(b)];
  for (let j = 0; j < w.length; j++) {
    if (w[j] !== 0) terms.push(`${binder.bind(w[j])} * __x${j}`);
  }
  const one = asDouble(dialect, '1');
  const zero = asDouble(dialect, '0');
  const cap = asDouble(dialect, '700');
  return [
    [['__z', terms.join(' + ')]],
    [
      [
        '__l',
        `greatest(__z, ${zero}) + ${dialect.ln(`${one} + exp(-least(abs(__z), ${cap}))`)} - __y * __z`,
      ],
      ['__p', `${one} / (${one} + exp(least(-__z, ${cap})))`],
    ],
  ];
}

/**
 * One objective evaluation at (w, b) as one aggregate query: Σ sᵢlᵢ, Σ sᵢrᵢ and Σ sᵢrᵢxᵢⱼ for every
 * feature j (columns in that order), the log-loss sum and every gradient sum of
 * crossEntropyGradient, before the division by S = Σ sᵢ.
 */
export function passStatement(design: SqlDesign, w: ArrayLike<number>, b: number): SqlStatement {
  const { dialect } = design;
  const sum = dialect.sum;
  const aggregates = [
    `${sum}(__s * __l)`,
    `${sum}(__s * __r)`,
    ...featureAliases(w.length).map((x) => `${sum}(__s * __r * ${x})`),
  ];
  return stagedStatement(
    design,
    (binder) => [...scoreStages(dialect, binder, w, b), [['__r', '__p - __y']]],
    aggregates,
  );
}

/**
 * The weighted Gram matrix Σᵢ sᵢpᵢ(1 − pᵢ)·x̃ᵢₐx̃ᵢ꜀ of Newton's Hessian at (w, b), x̃ᵢ = ((xᵢ −
 * center)/scale, 1) the row in the solver's coordinates (the intercept's 1 only with
 * `fitIntercept`): one aggregate of d(d + 1)/2 sums, the lower triangle row by row (a ≥ c).
 */
export function gramStatement(
  design: SqlDesign,
  w: ArrayLike<number>,
  b: number,
  center: ArrayLike<number>,
  scale: ArrayLike<number>,
  fitIntercept: boolean,
): SqlStatement {
  const { dialect } = design;
  const p = w.length;
  const d = p + (fitIntercept ? 1 : 0);
  const aggregates: string[] = [];
  const t = (a: number): string => (a === p ? '' : ` * __t${a}`);
  for (let a = 0; a < d; a++) {
    for (let c = 0; c <= a; c++) aggregates.push(`${dialect.sum}(__h${t(a)}${t(c)})`);
  }
  const one = asDouble(dialect, '1');
  return stagedStatement(
    design,
    (binder) => [
      ...scoreStages(dialect, binder, w, b),
      [
        ['__h', `__s * __p * (${one} - __p)`],
        ...featureAliases(p).map((x, j): SqlColumn => [
          `__t${j}`,
          `(${x} - ${binder.bind(center[j])}) / ${binder.bind(scale[j])}`,
        ]),
      ],
    ],
    aggregates,
  );
}

/**
 * The first complete row's design columns `__y, __s, __x0 …` (`LIMIT 1`): the shift of {@link momentsStatement}, which then
 * sums small numbers (a constant column gets a variance of exactly 0, as in memory).
 */
export function firstRowStatement(design: SqlDesign): SqlStatement {
  const { dialect } = design;
  const binder = new SqlBinder(dialect);
  const columns = designColumns(design, binder);
  const where = completeCondition(
    dialect,
    designColumnNames(design.target, inputColumns(design.encodings), design.weights),
  );
  const list = columns.map(([alias, e]) => `${e} AS ${alias}`).join(', ');
  return binder.statement(
    `SELECT ${list} FROM ${sourceSql(dialect, design.source)} WHERE ${where} LIMIT 1`,
  );
}

/**
 * The moments of the design in one aggregate: rows, S = Σ sᵢ, Σ sᵢyᵢ, min sᵢ, then per feature
 * Σ sᵢ(xᵢⱼ − x₀ⱼ) and Σ sᵢ(xᵢⱼ − x₀ⱼ)², shifted by the first row x₀ (as the in-memory moments),
 * then the unweighted Σ yᵢ (the positive rows) and the rows of positive weight.
 */
export function momentsStatement(design: SqlDesign, shift: ArrayLike<number>): SqlStatement {
  const { dialect } = design;
  const sum = dialect.sum;
  const p = shift.length;
  const count = asDouble(dialect, 'count(*)');
  const one = asDouble(dialect, '1');
  const zero = asDouble(dialect, '0');
  const aggregates = [count, `${sum}(__s)`, `${sum}(__s * __y)`, `min(__s)`];
  for (let j = 0; j < p; j++) {
    aggregates.push(`${sum}(__s * __d${j})`, `${sum}(__s * __d${j} * __d${j})`);
  }
  aggregates.push(`${sum}(__y)`, `${sum}(${dialect.ifElse('__s > 0', one, zero)})`);
  return stagedStatement(
    design,
    (binder) => [
      featureAliases(p).map((x, j): SqlColumn => [`__d${j}`, `${x} - ${binder.bind(shift[j])}`]),
    ],
    aggregates,
  );
}

/**
 * The distinct values of the target among complete rows, each with its text form, at most 3 (a
 * third means the target is not binary).
 */
export function labelsStatement(
  dialect: SqlDialect,
  source: SqlSource,
  target: string,
  complete: readonly string[],
): SqlStatement {
  const q = dialect.quote(target);
  return {
    text: `SELECT DISTINCT ${q}, ${asText(dialect, q)} FROM ${sourceSql(dialect, source)} WHERE ${completeCondition(dialect, complete)} LIMIT 3`,
    params: [],
  };
}

/** The distinct values of a categorical column among complete rows, as text. */
export function levelsStatement(
  dialect: SqlDialect,
  source: SqlSource,
  column: string,
  complete: readonly string[],
): SqlStatement {
  return {
    text: `SELECT DISTINCT ${asText(dialect, dialect.quote(column))} FROM ${sourceSql(dialect, source)} WHERE ${completeCondition(dialect, complete)}`,
    params: [],
  };
}

/** All rows of the source and the complete ones (the others are missing a value). */
export function countStatement(
  dialect: SqlDialect,
  source: SqlSource,
  complete: readonly string[],
): SqlStatement {
  const one = asDouble(dialect, '1');
  const zero = asDouble(dialect, '0');
  return {
    text: `SELECT ${asDouble(dialect, 'count(*)')}, sum(${dialect.ifElse(completeCondition(dialect, complete), one, zero)}) FROM ${sourceSql(dialect, source)}`,
    params: [],
  };
}
