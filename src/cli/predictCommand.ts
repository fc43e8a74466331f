import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { buildDesignMatrix } from '../node/designMatrix.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { csvField } from './csvField.js';
import { writeOut } from './io.js';
import type { CliIO } from './io.js';
import { libsvmDesignMatrix } from './libsvmData.js';
import { loadData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from './modelFile.js';
import { Progress } from './progress.js';
import { uncertaintyColumns } from './predictionUncertainty.js';

/** The flags of `logreg predict`, parsed. */
export interface PredictFlags extends ReadFlags {
  readonly proba: boolean;
  readonly output?: string;
  /** Add the link, its standard error and the probability's (predict.glm se.fit). */
  readonly se: boolean;
  /** Add confidence intervals at this level on the link and probability scales. */
  readonly interval?: number;
}

/** Rows per chunk written to stdout. */
const chunkRows = 8192;

/**
 * `logreg predict <model> <data>`: CSV with a `prediction` column (the library's `predict`) and,
 * with `--proba`, a `probability` column (`predictProba`, the probability of the positive class)
 * or, for a multiclass model, one column `p(<class>)` per class in the model's class order;
 * probabilities in JavaScript's shortest round-trip form, one row per data row. The target column may
 * be absent; other extra columns are ignored.
 */
export async function predictCommand(
  io: CliIO,
  modelPath: string,
  dataFile: string,
  flags: PredictFlags,
): Promise<void> {
  if (flags.output !== undefined) await checkWritable(flags.output);
  const { file, model } = await readModelFile(modelPath);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
  const loaded = await loadData(io, progress, dataFile, flags, minFeatures);
  const X =
    loaded.kind === 'libsvm'
      ? libsvmDesignMatrix(loaded.libsvm, file.features)
      : buildDesignMatrix(loaded.table, file.features);
  const labels = model.predict(X);
  // Binary: one probability column; multiclass: one column per class, in `classes` order.
  const binary = model instanceof LogisticRegressionModel;
  const probability = flags.proba ? model.predictProba(X) : undefined;
  const k = binary ? 1 : model.classes.length;
  const values =
    probability === undefined ? undefined : 'data' in probability ? probability.data : probability;
  const uncertainty = uncertaintyColumns(model, X, flags);
  const probabilityHeader = binary
    ? 'probability'
    : model.classes.map((c) => csvField(`p(${String(c)})`)).join(',');

  const chunks: string[] = [
    `${flags.proba ? `prediction,${probabilityHeader}` : 'prediction'}${uncertainty?.header ?? ''}\n`,
  ];
  for (let start = 0; start < labels.length; start += chunkRows) {
    const end = Math.min(labels.length, start + chunkRows);
    let text = '';
    for (let i = start; i < end; i++) {
      text += csvField(String(labels[i]));
      if (values !== undefined) {
        for (let j = 0; j < k; j++) text += `,${String(values[i * k + j])}`;
      }
      if (uncertainty !== undefined) {
        for (const column of uncertainty.columns) text += `,${String(column[i])}`;
      }
      text += '\n';
    }
    chunks.push(text);
  }
  if (flags.output !== undefined) {
    await writeFileAtomic(flags.output, chunks.join(''));
  } else {
    for (const chunk of chunks) await writeOut(io, chunk);
  }
}
