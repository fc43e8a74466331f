import { ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { selectColumns } from '../linalg/selectColumns.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label } from '../options/trainOptions.js';
import { train } from '../model/train.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { compareModels } from './compareModels.js';

/** One row of {@link dropTerms}: the model without one term. */
export interface DroppedTerm {
  readonly term: string;
  /** Its estimable parameters (R's `Df`). */
  readonly df: number;
  /** The deviance without the term. */
  readonly deviance: number;
  readonly aic: number;
  /** The deviance increase, R's `LRT`. */
  readonly lrStatistic: number;
  /** P(χ²(df) ≥ lrStatistic), R's `Pr(>Chi)`. */
  readonly pValue: number;
}

/** R's `drop1(model, test = "LRT")`: the full model's deviance and AIC, then one row per term. */
export interface DropTermsResult {
  readonly deviance: number;
  readonly aic: number;
  readonly terms: readonly DroppedTerm[];
}

/** Options of {@link dropTerms}. */
export interface DropTermsOptions {
  /** The row weights the model was trained with. */
  readonly sampleWeight?: readonly number[] | Float64Array;
  /** The offset the model was trained with (required when it has one; see TrainOptions.offset). */
  readonly offset?: readonly number[] | Float64Array;
  /**
   * Terms as groups of feature names (a categorical column's dummies are one term). Default:
   * each feature its own term. Every feature must be in exactly one term.
   */
  readonly terms?: readonly { readonly name: string; readonly features: readonly string[] }[];
  /**
   * The names of the terms to drop, in turn (R's `scope`). Default: every term. R's `drop1` on a
   * formula leaves out terms contained in another (a main effect under its interaction).
   */
  readonly scope?: readonly string[];
}

/**
 * R's `drop1(model, test = "LRT")` for a maximum-likelihood fit: refits the model without each
 * term in turn on the same data (X, y and weights as in training, which the stored data hashes
 * check) and compares by the likelihood-ratio test ({@link compareModels}); a model fitted with an
 * offset is refitted with the same offset (option `offset`).
 *
 * @throws {ValueError} a penalized model, data other than the training data, a term naming an
 *   unknown feature, features in no term or in two, a scope naming no term, or an offset
 *   missing or not the model's.
 */
export function dropTerms(
  model: LogisticRegressionModel,
  X: MatrixInput,
  y: readonly Label[],
  options: DropTermsOptions = {},
): DropTermsResult {
  if (model.fitReport.penalty !== 'none') {
    throw new ValueError(
      `dropTerms: the likelihood-ratio test compares maximum-likelihood fits; the model has penalty '${model.fitReport.penalty}' (train with penalty 'none')`,
    );
  }
  if ((model.offset === undefined) !== (options.offset === undefined)) {
    throw new ValueError(
      model.offset === undefined
        ? "dropTerms: option 'offset' given, but the model was fitted without one"
        : `dropTerms: the model was fitted with the offset '${model.offset}'; pass it as option 'offset'`,
    );
  }
  const names = model.featureNames;
  const terms = options.terms ?? names.map((name) => ({ name, features: [name] }));
  const seen = new Map<string, string>();
  for (const term of terms) {
    for (const feature of term.features) {
      if (!names.includes(feature)) {
        throw new ValueError(
          `dropTerms: term '${term.name}' names '${feature}', not a feature of the model`,
        );
      }
      if (seen.has(feature)) {
        throw new ValueError(
          `dropTerms: feature '${feature}' is in two terms, '${seen.get(feature)}' and '${term.name}'`,
        );
      }
      seen.set(feature, term.name);
    }
  }
  const alone = names.filter((n) => !seen.has(n));
  if (alone.length > 0) {
    throw new ValueError(
      `dropTerms: features in no term: ${alone.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  const scope = options.scope;
  const unknown = (scope ?? []).filter((name) => !terms.some((term) => term.name === name));
  if (unknown.length > 0) {
    throw new ValueError(
      `dropTerms: scope names ${unknown.map((n) => `'${n}'`).join(', ')}, not a term`,
    );
  }
  const tried = scope === undefined ? terms : terms.filter((term) => scope.includes(term.name));
  const matrix = toFeatureMatrix(X, 'dropTerms');
  const full = model.summary({ se: 'model' });
  const rows = tried.map((term): DroppedTerm => {
    const keep = names.flatMap((n, j) => (term.features.includes(n) ? [] : [j]));
    const reduced = train(selectColumns(matrix, keep), y, {
      penalty: 'none',
      fitIntercept: model.fitReport.fitIntercept,
      featureNames: keep.map((j) => names[j]),
      classes: [...model.classes],
      positiveClass: model.positiveClass,
      ...(options.sampleWeight === undefined ? {} : { sampleWeight: options.sampleWeight }),
      ...(options.offset === undefined || model.offset === undefined
        ? {}
        : { offset: options.offset, offsetName: model.offset }),
    });
    const c = compareModels(reduced, model);
    return {
      term: term.name,
      df: c.df,
      deviance: c.small.deviance,
      aic: c.small.aic,
      lrStatistic: c.lrStatistic,
      pValue: c.pValue,
    };
  });
  return { deviance: full.deviance, aic: full.aic!, terms: rows };
}
