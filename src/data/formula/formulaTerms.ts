import { deparse } from './deparse.js';
import { FormulaError } from './formulaError.js';
import type { BinaryNode, FormulaNode, ParsedFormula } from './formulaSyntax.js';

/** A variable of a formula: an expression whose value is one or more columns (or a factor). */
export interface FormulaVariable {
  /** R's name for it, the deparsed expression: `age`, `I(age^2)`, `factor(race)`. */
  readonly label: string;
  readonly node: FormulaNode;
}

/**
 * The expanded right side of a formula, as R's `terms()`: the variables in order of first
 * appearance (the response first), the terms as sorted lists of variable indices ordered by
 * degree (main effects, then two-way interactions, …; ties in order of appearance), and whether
 * there is an intercept.
 */
export interface FormulaTerms {
  readonly response: FormulaVariable | undefined;
  /** All variables; `response`, when there is one, is `variables[0]`. */
  readonly variables: readonly FormulaVariable[];
  readonly terms: readonly (readonly number[])[];
  readonly intercept: boolean;
}

/** R's term label: the variable labels of a term joined by `:` in variable order (`race:smoke`). */
export function termLabel(terms: FormulaTerms, term: readonly number[]): string {
  return term.map((v) => terms.variables[v]!.label).join(':');
}

/**
 * Expands a parsed formula into terms as R's `terms.formula` does (its C code `EncodeVars`):
 * `a + b` joins term lists (dropping repeats), `a:b` forms every union of a term of `a` and a term
 * of `b`, `a*b` is `a + b + a:b`, `a/b` is `a + (all of a):b`, `(…)^k` is every product of at most
 * `k` terms, `a - b` removes `b`'s terms, `1` / `0` / `-1` set the intercept (the last word wins),
 * and `.` stands for each of `dotColumns` (the data's columns less the response). Then the terms
 * are sorted by degree, stably.
 *
 * @throws {FormulaError} a number where a term belongs, a bad power, `.` with no columns to stand for.
 */
export function expandTerms(parsed: ParsedFormula, dotColumns: readonly string[]): FormulaTerms {
  const text = parsed.text;
  const variables: FormulaVariable[] = [];
  const index = new Map<string, number>();
  const install = (node: FormulaNode): number => {
    const label = deparse(node);
    let v = index.get(label);
    if (v === undefined) {
      v = variables.length;
      index.set(label, v);
      variables.push({ label, node });
    }
    return v;
  };
  const response = parsed.response === undefined ? undefined : install(parsed.response);
  let intercept = true;
  let parity = true;

  const key = (term: readonly number[]): string => term.join(',');
  const union = (a: readonly number[], b: readonly number[]): number[] =>
    [...new Set([...a, ...b])].sort((x, y) => x - y);
  const join = (...lists: (readonly number[])[][]): number[][] => {
    const seen = new Set<string>();
    const out: number[][] = [];
    for (const list of lists) {
      for (const term of list) {
        if (term.length === 0 || seen.has(key(term))) continue;
        seen.add(key(term));
        out.push([...term]);
      }
    }
    return out;
  };
  const interact = (left: number[][], right: number[][]): number[][] =>
    join(left.flatMap((a) => right.map((b) => union(a, b))));

  function encode(node: FormulaNode): number[][] {
    switch (node.kind) {
      case 'number':
        if (node.value === 1 || node.value === 0) {
          intercept = (node.value === 1) === parity;
          return [];
        }
        throw new FormulaError(
          text,
          node.start,
          `a number is not a term (only 1 and 0, for the intercept, are); write I(${deparse(node)}) for a constant column`,
        );
      case 'paren':
        return encode(node.inner);
      case 'unary':
        if (node.op === '+') return encode(node.operand);
        return remove([], node.operand);
      case 'binary':
        return binary(node);
      case 'name':
        if (node.name === '.' && !node.quoted) {
          if (dotColumns.length === 0) {
            throw new FormulaError(text, node.start, '"." stands for no column here');
          }
          return dotColumns.map((name) => [
            install({ kind: 'name', name, quoted: true, start: node.start, end: node.end }),
          ]);
        }
        return [[install(node)]];
      case 'call':
      case 'string':
        return [[install(node)]];
    }
  }

  function binary(node: BinaryNode): number[][] {
    switch (node.op) {
      case '>':
      case '<':
      case '>=':
      case '<=':
      case '==':
      case '!=':
        // Not a formula operator: the comparison is a (logical) variable, as in R.
        return [[install(node)]];
      case '+':
        return join(encode(node.left), encode(node.right));
      case '-':
        return remove(encode(node.left), node.right);
      case ':':
        return interact(encode(node.left), encode(node.right));
      case '*': {
        const left = encode(node.left);
        const right = encode(node.right);
        return join(left, right, interact(left, right));
      }
      case '/': {
        const left = encode(node.left);
        const right = encode(node.right);
        const all = left.reduce<number[]>((acc, term) => union(acc, term), []);
        return join(
          left,
          right.map((term) => union(all, term)),
        );
      }
      case '^': {
        const base = encode(node.left);
        const power = node.right;
        const k = power.kind === 'number' ? power.value : NaN;
        if (!(Number.isInteger(k) && k >= 1)) {
          throw new FormulaError(
            text,
            power.start,
            'the power of a term list must be a positive whole number, as in (a + b + c)^2; for arithmetic write I(x^2)',
          );
        }
        let result = base;
        for (let i = 1; i < k; i++) result = join(result, interact(result, base));
        return result;
      }
    }
  }

  function remove(left: number[][], rightNode: FormulaNode): number[][] {
    parity = !parity;
    const right = encode(rightNode);
    parity = !parity;
    const drop = new Set(right.map(key));
    return left.filter((term) => !drop.has(key(term)));
  }

  const encoded = encode(parsed.rhs);
  const withoutResponse =
    response === undefined
      ? encoded
      : encoded.filter((t) => !(t.length === 1 && t[0] === response));
  // Array.prototype.sort is stable: ties keep their order of appearance, as R's SortTerms.
  const terms = withoutResponse.sort((a, b) => a.length - b.length);
  return {
    response: response === undefined ? undefined : variables[response],
    variables,
    terms,
    intercept,
  };
}
