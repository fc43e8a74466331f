import { LogisticRegressionModel } from './logisticRegressionModel.js';
import { modelFormatFail } from './multiclassModelData.js';
import { MULTINOMIAL_KIND, MultinomialLogisticRegressionModel } from './multinomialModel.js';
import { ONE_VS_REST_KIND, OneVsRestModel } from './oneVsRestModel.js';

/** Any fitted model logreg serializes; each is a `Classifier`. */
export type FittedModel =
  LogisticRegressionModel | MultinomialLogisticRegressionModel | OneVsRestModel;

/**
 * Rebuilds whichever model a parsed JSON holds, binary or multiclass, by its `kind`: none for a
 * binary model, `'multinomial'` or `'one-vs-rest'`. Each model's own `fromJSON` then checks the
 * rest. What it returns is a `Classifier` whatever the kind; `instanceof` tells the kinds
 * apart for what only one has.
 *
 * @throws {ModelFormatError} an unknown kind, or what the model's `fromJSON` throws.
 * @example
 * const model = modelFromJSON(JSON.parse(text));
 * model.predictProba(X); // n × K matrix, columns in model.classes order, for any kind
 * if (model instanceof LogisticRegressionModel) model.positiveProbability(X); // Float64Array
 */
export function modelFromJSON(json: unknown): FittedModel {
  const kind =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as { kind?: unknown }).kind
      : undefined;
  switch (kind) {
    case undefined:
      return LogisticRegressionModel.fromJSON(json);
    case MULTINOMIAL_KIND:
      return MultinomialLogisticRegressionModel.fromJSON(json);
    case ONE_VS_REST_KIND:
      return OneVsRestModel.fromJSON(json);
    default:
      return modelFormatFail(
        `unknown model kind ${JSON.stringify(kind)} (known: none for binary, "${MULTINOMIAL_KIND}", "${ONE_VS_REST_KIND}")`,
      );
  }
}
