import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { SCORE_KERNEL_MIN_ENTRIES } from '../kernels/scoreKernel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import type { PredictOptions } from '../options/predictOptions.js';
import type { Label } from '../options/trainOptions.js';
import { csvField } from './csvField.js';
import type { PredictFlags } from './predictCommand.js';
import { uncertaintyColumns } from './predictionUncertainty.js';

/**
 * The CSV rows of the predictions for X (with the header line when `header`): the `keep`
 * columns' cells (`kept`, one array per column), the label, with `proba` the probability of the
 * positive class (binary) or of each class (multiclass; binary too with `classProbabilities`),
 * and with `se` / `interval` the columns of {@link uncertaintyColumns}; `offset`, the rows'
 * offsets for a model fitted with one.
 */
export function predictionText(
  model: FittedModel,
  X: FeatureMatrix,
  flags: Pick<PredictFlags, 'proba' | 'classProbabilities' | 'se' | 'interval'>,
  header: boolean,
  keep: readonly string[],
  kept: readonly (readonly string[])[],
  offset: Float64Array | undefined,
): string {
  const n = X.rows;
  ({ X, offset } = kernelSized(model, X, offset));
  const perClass = flags.classProbabilities;
  const proba = flags.proba || perClass;
  const uncertainty = uncertaintyColumns(model, X, flags, offset);
  const options = offset === undefined ? {} : { offset };
  const labels =
    model instanceof LogisticRegressionModel ? model.predict(X, options) : model.predict(X);
  // Binary: one probability column, or with perClass one per class; multiclass: one per class,
  // in `classes` order.
  const binary = model instanceof LogisticRegressionModel;
  const values = proba ? probabilityValues(model, X, perClass, options) : undefined;
  const k = binary && !perClass ? 1 : model.classes.length;
  const probabilityHeader =
    k === 1 ? 'probability' : model.classes.map((c) => csvField(`p(${String(c)})`)).join(',');
  const prefix = keep.map((name) => `${csvField(name)},`).join('');
  // One string grown by `+=` (a rope, flattened once when written): measured about twice as fast
  // as a string per row joined at the end, and the label's field is made once per class.
  let text = header
    ? `${prefix}${proba ? `prediction,${probabilityHeader}` : 'prediction'}${uncertainty?.header ?? ''}\n`
    : '';
  const labelFields = new Map<Label, string>();
  for (let i = 0; i < n; i++) {
    for (const cells of kept) text += `${csvField(cells[i]!)},`;
    const label = labels[i]!;
    let field = labelFields.get(label);
    if (field === undefined) {
      field = csvField(String(label));
      labelFields.set(label, field);
    }
    text += field;
    if (values !== undefined) {
      for (let j = 0; j < k; j++) text += `,${String(values[i * k + j])}`;
    }
    if (uncertainty !== undefined) {
      for (const column of uncertainty.columns) text += `,${String(column[i])}`;
    }
    text += '\n';
  }
  return text;
}

/**
 * The probabilities, row-major: binary models P(positive) per row (`predictProba`), or with
 * `perClass` P(classes[0]), P(classes[1]) per row, the negative class's as σ(−z) from the score
 * z = w·x + b so that a small probability keeps its digits (1 − p would round it away);
 * multiclass models one per class.
 */
function probabilityValues(
  model: FittedModel,
  X: FeatureMatrix,
  perClass: boolean,
  options: PredictOptions,
): Float64Array {
  // predictProba is n × K in `classes` order for every model; a binary model's one column is
  // P(positive class).
  if (model instanceof LogisticRegressionModel) {
    return perClass ? model.predictProba(X, options).data : model.positiveProbability(X, options);
  }
  return model.predictProba(X).data;
}

/**
 * X (and the offsets) with rows of zeros appended up to {@link SCORE_KERNEL_MIN_ENTRIES} entries,
 * for a binary model's dense X below that size: the model scores larger inputs with the
 * WebAssembly kernel and smaller ones with a plain loop whose sums may differ in the last bit, so
 * without the padding a row's probability would depend on the size of the batch it was read in
 * (the last, short one). Padded, every batch takes the kernel, which scores each row on its own:
 * the output is the same bytes for every batch size. The caller reads the first `X.rows` results.
 */
function kernelSized(
  model: FittedModel,
  X: FeatureMatrix,
  offset: Float64Array | undefined,
): { X: FeatureMatrix; offset: Float64Array | undefined } {
  const { rows, cols } = X;
  if (
    !(model instanceof LogisticRegressionModel) ||
    isSparseMatrix(X) ||
    cols === 0 ||
    rows * cols >= SCORE_KERNEL_MIN_ENTRIES
  ) {
    return { X, offset };
  }
  const padded = Math.ceil(SCORE_KERNEL_MIN_ENTRIES / cols);
  const data = new Float64Array(padded * cols);
  data.set(X.data.subarray(0, rows * cols));
  const more = offset === undefined ? undefined : new Float64Array(padded);
  more?.set(offset!);
  return { X: { rows: padded, cols, data }, offset: more };
}
