import { ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { UsageError } from '../data/usageError.js';

/**
 * The columns that `predict --se` and `--interval <level>` add, from the library's
 * `predictInterval` (R's `predict.glm(se.fit = TRUE)`): `link,link_se,probability_se`, then
 * `link_lower,link_upper,probability_lower,probability_upper`. Undefined without either flag.
 *
 * @throws {UsageError} either flag with a multiclass model.
 * @throws {ValueError} a model without a covariance matrix (penalized, separated).
 */
export function uncertaintyColumns(
  model: FittedModel,
  X: MatrixInput,
  flags: { readonly se: boolean; readonly interval?: number },
  offset?: Float64Array,
): { header: string; columns: readonly Float64Array[] } | undefined {
  if (!flags.se && flags.interval === undefined) return undefined;
  if (!(model instanceof LogisticRegressionModel)) {
    throw new UsageError(
      `--se and --interval apply to two-class models; this one has ${model.classes.length} classes`,
    );
  }
  let out;
  try {
    out = model.predictInterval(X, {
      level: flags.interval ?? 0.95,
      ...(offset === undefined ? {} : { offset }),
    });
  } catch (error) {
    if (error instanceof ValueError) {
      throw new ValueError(
        error.message
          .replace(/^predictInterval: /, 'predict --se/--interval: ')
          .replace(/penalty 'none' or 'firth'/, '--penalty none or --penalty firth'),
      );
    }
    throw error;
  }
  const names: string[] = [];
  const columns: Float64Array[] = [];
  if (flags.se) {
    names.push('link', 'link_se', 'probability_se');
    columns.push(out.link, out.linkStdError, out.probabilityStdError);
  }
  if (flags.interval !== undefined) {
    names.push('link_lower', 'link_upper', 'probability_lower', 'probability_upper');
    columns.push(out.linkLower, out.linkUpper, out.probabilityLower, out.probabilityUpper);
  }
  return { header: names.map((n) => `,${n}`).join(''), columns };
}
