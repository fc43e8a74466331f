import { OptionError } from '../errors.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { MultinomialLogisticRegressionModel } from '../model/multinomialModel.js';
import type { Label } from '../options/trainOptions.js';
import { OnnxGraphBuilder } from './onnxGraphBuilder.js';
import type { ElementType } from './onnxGraphBuilder.js';
import { encodeModel } from './onnxSchema.js';

/**
 * One input column of an exported model: numeric (one feature, the value) or categorical (one-hot
 * coded over `levels`; the `reference` level, if any, is coded as all zeros, R's treatment
 * contrasts, and its features are named `column=level`). The command line's model file stores
 * exactly this per column.
 */
export type OnnxColumn =
  | { readonly column: string; readonly kind: 'numeric' }
  | {
      readonly column: string;
      readonly kind: 'categorical';
      readonly levels: readonly string[];
      readonly reference: string | null;
    };

/** Options of {@link toOnnx}. */
export interface OnnxOptions {
  /**
   * The input columns, in order. Default: one numeric column per feature name. Their features
   * (`column` or `column=level`) must be the model's feature names, in order.
   */
  readonly columns?: readonly OnnxColumn[];
  /**
   * `'columns'` (default): one graph input per column, named as the column, float `[N, 1]` or
   * string `[N, 1]`. `'matrix'`: one float input `features` of shape `[N, p]` (all-numeric
   * models only).
   */
  readonly layout?: 'columns' | 'matrix';
  /**
   * `'float64'` (default) computes in doubles, as logreg does. `'float32'`, for runtimes without
   * double kernels, rounds every coefficient and intercept to the nearest float32 (relative error
   * ≤ 2⁻²⁴ ≈ 6e-8) and computes in float32; inputs are then float32 too. A probability then
   * differs from logreg's by about 1e-7·Σⱼ|wⱼxⱼ| (at most 3.9e-7 over pima's 768 rows).
   */
  readonly precision?: 'float64' | 'float32';
  /** Written into the model's `producer_version` (e.g. logreg's version). */
  readonly producerVersion?: string;
}

/** The ONNX opsets an exported model imports: ai.onnx 13 and ai.onnx.ml 1 (for OneHotEncoder). */
export const ONNX_OPSET = 13;
/** The ONNX IR version written; opset 13 needs IR 7. */
export const ONNX_IR_VERSION = 7;

const mlDomain = 'ai.onnx.ml';

/**
 * Exports a fitted model as an ONNX graph (the bytes of a `.onnx` file) that reproduces
 * `predictProba` and `predict` in any ONNX runtime, with no code of logreg's.
 *
 * The graph: the inputs (numeric columns as they are; categorical columns, strings, through
 * ai.onnx.ml `OneHotEncoder` over the training levels, so an unseen level is an error as in
 * logreg) are concatenated into the design row x, then z = x·W + b (`MatMul`, `Add`). The
 * coefficients are already in original units (`standardize` is folded into them at fit time), so
 * no scaling step is needed; a reference level gets a zero row of W. Outputs:
 * - `probabilities` `[N, K]`, column k = P(classes[k]): binary `Sigmoid` (the two columns p and 1 − p
 *   in class order), multinomial `Softmax`, one-vs-rest σ(zₖ)/Σσ(zₗ) (`Sigmoid`, `ReduceSum`, `Div`).
 * - `label` `[N]`: the class `predict` gives (binary: z > 0, or P ≥ the stored threshold;
 *   multiclass: the largest score, first on ties, by `ArgMax`), int64 for integer classes, double
 *   for other numbers, else strings (`"true"`/`"false"` for booleans).
 * No ZipMap: probabilities stay a plain tensor. One difference: a one-vs-rest row whose every
 * score is below −745 (all σ underflow to 0) gets NaN probabilities here, uniform ones in logreg.
 *
 * The encoder (protobufjs with onnx.proto's schema) is the one runtime dependency of logreg's
 * `logreg/onnx` entry, which is why this lives outside the zero-dependency core; it is
 * browser-safe like the core.
 *
 * @throws {OptionError} columns whose features are not the model's feature names, a `'matrix'`
 *   layout with categorical columns, or an unknown option value.
 * @example
 * const bytes = toOnnx(model, { columns: modelFile.features });
 * // onnxruntime: session.run({ age: new Tensor('float64', [52], [1, 1]), … })
 */
export function toOnnx(model: FittedModel, options: OnnxOptions = {}): Uint8Array {
  const layout = options.layout ?? 'columns';
  const precision = options.precision ?? 'float64';
  if (layout !== 'columns' && layout !== 'matrix') {
    throw new OptionError(`toOnnx: layout must be "columns" or "matrix", got ${String(layout)}`);
  }
  if (precision !== 'float64' && precision !== 'float32') {
    throw new OptionError(
      `toOnnx: precision must be "float64" or "float32", got ${String(precision)}`,
    );
  }
  const columns =
    options.columns ?? model.featureNames.map((column) => ({ column, kind: 'numeric' as const }));
  checkColumns(columns, model.featureNames);
  if (layout === 'matrix' && columns.some((c) => c.kind === 'categorical')) {
    throw new OptionError(
      'toOnnx: layout "matrix" takes numeric features only; this model has categorical columns (use layout "columns")',
    );
  }
  const real: ElementType = precision === 'float64' ? 'double' : 'float';
  const g = new OnnxGraphBuilder();
  const { design, rows } = designRow(g, columns, layout, real, model.featureNames.length);
  const { weights, intercepts } = parameters(model);
  const K = intercepts.length;
  const W = new Array<number>(rows.length * K).fill(0);
  rows.forEach((feature, r) => {
    if (feature >= 0) for (let k = 0; k < K; k++) W[r * K + k] = weights[k][feature];
  });
  const z = g.node('Add', [
    g.node('MatMul', [design, g.constant('coefficients', real, [rows.length, K], W)]),
    g.constant('intercepts', real, [K], intercepts),
  ]);
  const labels = labelTensor(model.classes);
  const classes = g.constant('classes', labels.type, [labels.values.length], labels.values);
  if (model instanceof LogisticRegressionModel) {
    const p = g.node('Sigmoid', [z]);
    const q = g.node('Sub', [g.constant('one', real, [], [1]), p]);
    const positiveFirst = model.positiveClass === model.classes[0];
    g.node(
      'Concat',
      positiveFirst ? [p, q] : [q, p],
      { axis: { int: 1 } },
      {
        output: 'probabilities',
      },
    );
    const positive =
      model.threshold === undefined
        ? g.node('Greater', [z, g.constant('zero', real, [], [0])])
        : g.node('GreaterOrEqual', [p, g.constant('threshold', real, [], [model.threshold])]);
    // Index into [negative, positive] (in class order when the positive class is the second).
    const index = g.node('Cast', [flatten(g, positive)], { to: { int: 7 } });
    const choice = positiveFirst
      ? g.node('Sub', [g.constant('one_int', 'int64', [], [1]), index])
      : index;
    g.node('Gather', [classes, choice], { axis: { int: 0 } }, { output: 'label' });
  } else {
    if (model instanceof MultinomialLogisticRegressionModel) {
      g.node('Softmax', [z], { axis: { int: 1 } }, { output: 'probabilities' });
    } else {
      const s = g.node('Sigmoid', [z]);
      const sum = g.node('ReduceSum', [s, g.constant('axes', 'int64', [1], [1])], {
        keepdims: { int: 1 },
      });
      g.node('Div', [s, sum], {}, { output: 'probabilities' });
    }
    const index = g.node('ArgMax', [z], { axis: { int: 1 }, keepdims: { int: 0 } });
    g.node('Gather', [classes, index], { axis: { int: 0 } }, { output: 'label' });
  }
  const K2 = Math.max(K, 2);
  g.output('label', labels.type, [null], 'the predicted class of each row');
  g.output(
    'probabilities',
    real,
    [null, K2],
    `P(class) per row, columns in class order: ${labels.values.join(', ')}`,
  );
  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    producerName: 'logreg',
    producerVersion: options.producerVersion ?? '',
    docString: `logistic regression (${kindOf(model)}) exported by logreg`,
    opsetImport: [
      { domain: '', version: ONNX_OPSET },
      { domain: mlDomain, version: 1 },
    ],
    metadataProps: [
      { key: 'kind', value: kindOf(model) },
      { key: 'classes', value: JSON.stringify(model.classes) },
      { key: 'feature_names', value: JSON.stringify(model.featureNames) },
      { key: 'precision', value: precision },
    ],
    graph: {
      name: 'logreg',
      docString: '',
      node: g.nodes,
      initializer: g.initializers,
      input: g.inputs,
      output: g.outputs,
    },
  });
}

function kindOf(model: FittedModel): string {
  if (model instanceof LogisticRegressionModel) return 'binary';
  return model.kind;
}

/** The K weight rows (binary: one) and intercepts, in original units. */
function parameters(model: FittedModel): {
  weights: readonly (readonly number[])[];
  intercepts: readonly number[];
} {
  if (model instanceof LogisticRegressionModel) {
    return { weights: [model.coefficients], intercepts: [model.intercept] };
  }
  return { weights: model.coefficients, intercepts: model.intercepts };
}

/**
 * Builds the design row: returns the name of the `[N, D]` tensor and, for each of its D columns,
 * the model feature it feeds (−1 for a reference level, whose weight is 0).
 */
function designRow(
  g: OnnxGraphBuilder,
  columns: readonly OnnxColumn[],
  layout: 'columns' | 'matrix',
  real: ElementType,
  p: number,
): { design: string; rows: number[] } {
  if (layout === 'matrix') {
    const name = g.input('features', real, [null, p], 'the feature rows, in model feature order');
    return { design: name, rows: Array.from({ length: p }, (_, j) => j) };
  }
  const parts: string[] = [];
  const rows: number[] = [];
  let feature = 0;
  for (const c of columns) {
    if (c.kind === 'numeric') {
      parts.push(g.input(c.column, real, [null, 1], 'numeric column'));
      rows.push(feature++);
      continue;
    }
    const input = g.input(c.column, 'string', [null, 1], `one of: ${c.levels.join(', ')}`);
    // OneHotEncoder: [N, 1] strings → [N, 1, L] floats; zeros = 0 makes an unseen level an error.
    const hot = g.node(
      'OneHotEncoder',
      [input],
      { cats_strings: { strings: c.levels }, zeros: { int: 0 } },
      { domain: mlDomain },
    );
    const flat = g.node('Reshape', [hot, g.constant('shape', 'int64', [2], [-1, c.levels.length])]);
    parts.push(real === 'double' ? g.node('Cast', [flat], { to: { int: 11 } }) : flat);
    for (const level of c.levels) rows.push(level === c.reference ? -1 : feature++);
  }
  return { design: g.node('Concat', parts, { axis: { int: 1 } }), rows };
}

/** `[N, 1]` → `[N]`. */
function flatten(g: OnnxGraphBuilder, value: string): string {
  return g.node('Reshape', [value, g.constant('flat', 'int64', [1], [-1])]);
}

function labelTensor(classes: readonly Label[]): {
  type: ElementType;
  values: readonly (number | string)[];
} {
  if (classes.every((c) => typeof c === 'number' && Number.isSafeInteger(c))) {
    return { type: 'int64', values: classes as number[] };
  }
  if (classes.every((c) => typeof c === 'number')) return { type: 'double', values: classes };
  return { type: 'string', values: classes.map(String) };
}

function checkColumns(columns: readonly OnnxColumn[], featureNames: readonly string[]): void {
  const names: string[] = [];
  for (const c of columns) {
    if (c.kind === 'numeric') names.push(c.column);
    else
      for (const level of c.levels) if (level !== c.reference) names.push(`${c.column}=${level}`);
  }
  const same = names.length === featureNames.length && names.every((n, j) => n === featureNames[j]);
  if (!same) {
    throw new OptionError(
      `toOnnx: the columns give the features [${names.join(', ')}], but the model's features are [${featureNames.join(', ')}]`,
    );
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.column)) throw new OptionError(`toOnnx: column "${c.column}" appears twice`);
    seen.add(c.column);
    if (c.column === 'label' || c.column === 'probabilities') {
      throw new OptionError(
        `toOnnx: an input column may not be named "${c.column}" (an output of the graph)`,
      );
    }
  }
}
