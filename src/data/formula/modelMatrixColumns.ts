import type { FormulaNode } from './formulaSyntax.js';
import type { FormulaTerms } from './formulaTerms.js';

/**
 * A formula parsed and expanded, with each variable's kind: what R's rules for the columns of a
 * model matrix (`modelmatrix` in R's model.c, below) read.
 */
export interface CompiledFormula {
  readonly terms: FormulaTerms;
  /** Per variable (index as in `terms.variables`): true for a factor. */
  readonly factor: readonly boolean[];
}

/**
 * Per term and variable: `'contrasts'` (the baseline level dropped) or `'full'` (every level),
 * R's rule (`TermCode` in `terms.formula`): a factor in a term is coded by contrasts when the
 * term without it is empty or contained in an earlier term, else fully; without an intercept,
 * the first factor of the first term holding one is coded fully (`modelmatrix`).
 */
export function contrastCoding({ terms, factor }: CompiledFormula): ('contrasts' | 'full')[][] {
  const coding = terms.terms.map((term, t) =>
    terms.variables.map((_, v): 'contrasts' | 'full' => {
      if (!term.includes(v) || !factor[v]) return 'contrasts';
      const rest = term.filter((u) => u !== v);
      if (rest.length === 0) return 'contrasts';
      const earlier = terms.terms.slice(0, t);
      return earlier.some((e) => rest.every((u) => e.includes(u))) ? 'contrasts' : 'full';
    }),
  );
  if (!terms.intercept) {
    outer: for (let t = 0; t < terms.terms.length; t++) {
      for (let v = 0; v < terms.variables.length; v++) {
        if (factor[v] && terms.terms[t]!.includes(v)) {
          coding[t]![v] = 'full';
          break outer;
        }
      }
    }
  }
  return coding;
}

/** R's column names: per term, the variables' column names joined by `:`, first fastest. */
export function columnNames(
  compiled: CompiledFormula,
  levels: Readonly<Record<string, readonly string[]>>,
): string[] {
  return termColumnNames(compiled, levels).flat();
}

/** {@link columnNames}, one list per term. */
export function termColumnNames(
  compiled: CompiledFormula,
  levels: Readonly<Record<string, readonly string[]>>,
): string[][] {
  const { terms, factor } = compiled;
  const coding = contrastCoding(compiled);
  return terms.terms.map((term, t) => {
    let current = [''];
    for (const v of term) {
      const variable = terms.variables[v]!;
      let own: string[];
      if (factor[v]) {
        const all = levels[variable.label] ?? [];
        own = (coding[t]![v] === 'full' ? all : all.slice(1)).map((l) => variable.label + l);
      } else {
        const suffixes = polySuffixes(variable.node);
        own = suffixes.map((s) => variable.label + s);
      }
      current = own.flatMap((name) => current.map((c) => (c === '' ? name : `${c}:${name}`)));
    }
    return current;
  });
}

/** `['']`, or `['1', …, 'k']` for `poly(x, k)`: the suffixes of a numeric variable's columns. */
function polySuffixes(node: FormulaNode): string[] {
  if (node.kind !== 'call' || node.callee !== 'poly') return [''];
  const degreeArg =
    node.args.filter((a) => a.name === undefined)[1] ?? node.args.find((a) => a.name === 'degree');
  const degree = degreeArg?.value.kind === 'number' ? degreeArg.value.value : 1;
  return Array.from({ length: degree }, (_, k) => String(k + 1));
}
