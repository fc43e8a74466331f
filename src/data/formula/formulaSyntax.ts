/**
 * The syntax tree of a model formula, as R's parser reads `y ~ a + b:c + I(x^2)`: formula
 * operators and arithmetic share one tree; what a node means (a term or a number) is decided by
 * where it sits (see `formulaTerms`). Every node keeps the 0-based character range it came from,
 * so that errors can point at it.
 */
export type FormulaNode =
  NumberNode | StringNode | NameNode | CallNode | BinaryNode | UnaryNode | ParenNode;

/** A character range of the formula text: `start` inclusive, `end` exclusive. */
export interface FormulaSpan {
  readonly start: number;
  readonly end: number;
}

/** A decimal number (`2`, `0.5`, `1e-3`). */
export interface NumberNode extends FormulaSpan {
  readonly kind: 'number';
  readonly value: number;
}

/** A string in double or single quotes (`"m"`), compared with a text column: `sex == "m"`. */
export interface StringNode extends FormulaSpan {
  readonly kind: 'string';
  readonly value: string;
}

/** A column name, `.` (every other column), or a backquoted name (`` `birth weight` ``). */
export interface NameNode extends FormulaSpan {
  readonly kind: 'name';
  readonly name: string;
  /** True when written in backquotes. */
  readonly quoted: boolean;
}

/** One argument of a call: positional, or `name = value`. */
export interface CallArgument extends FormulaSpan {
  readonly name: string | undefined;
  readonly value: FormulaNode;
}

/** A function call: `I(age^2)`, `log(x)`, `factor(race)`, `poly(x, 2, raw = TRUE)`. */
export interface CallNode extends FormulaSpan {
  readonly kind: 'call';
  readonly callee: string;
  readonly args: readonly CallArgument[];
}

/**
 * The binary operators, with R's precedence: `^` > `:` > `*` `/` > `+` `-` > comparisons (a
 * comparison is a logical variable, a factor with levels FALSE and TRUE, as in R).
 */
export type BinaryOperator =
  '+' | '-' | '*' | '/' | ':' | '^' | '>' | '<' | '>=' | '<=' | '==' | '!=';

/** `left op right`; `operator` is the index of the operator character. */
export interface BinaryNode extends FormulaSpan {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: FormulaNode;
  readonly right: FormulaNode;
  readonly operator: number;
}

/** Unary minus or plus: `-1`, `-x`. */
export interface UnaryNode extends FormulaSpan {
  readonly kind: 'unary';
  readonly op: '+' | '-';
  readonly operand: FormulaNode;
}

/** `( inner )`: grouping of terms, or of arithmetic inside a call. */
export interface ParenNode extends FormulaSpan {
  readonly kind: 'paren';
  readonly inner: FormulaNode;
}

/** A parsed formula: `response ~ rhs`, or `~ rhs` (one-sided). */
export interface ParsedFormula {
  /** The text as written. */
  readonly text: string;
  readonly response: FormulaNode | undefined;
  readonly rhs: FormulaNode;
}
