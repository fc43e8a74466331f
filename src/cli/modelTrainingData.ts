import { ValueError } from '../errors.js';
import type { FitReport } from '../options/fitReport.js';
import type { ModelFile } from '../data/modelFile.js';
import type { TrainingData } from '../data/trainingData.js';
import type { CliIO } from './io.js';
import { loadTrainingData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { Progress } from './progress.js';

/**
 * Reads a model's training data again (`drop1 --data`, `summary --data`): the target,
 * input columns, categorical coding, weights and offset the model file names, with the model's
 * intercept choice.
 *
 * @throws {ValueError} a file whose design does not give the model's features.
 */
export async function modelTrainingData(
  io: CliIO,
  file: ModelFile,
  model: {
    readonly featureNames: readonly string[];
    readonly fitReport: FitReport;
    readonly offset?: string | undefined;
  },
  dataPath: string,
  flags: ReadFlags & { readonly dropMissing: boolean; readonly quiet: boolean },
): Promise<TrainingData> {
  const categorical = file.features.filter((e) => e.kind === 'categorical').map((e) => e.column);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const { data } = await loadTrainingData(io, progress, dataPath, {
    ...flags,
    ...(file.formula === undefined
      ? {
          target: file.target,
          features: file.features.map((e) => e.column),
          ...(categorical.length === 0 ? {} : { categorical }),
        }
      : { formula: file.formula.formula }),
    ...(file.weights === null ? {} : { weights: file.weights }),
    ...(model.offset === undefined ? {} : { offset: model.offset }),
    intercept: file.formula === undefined ? model.fitReport.fitIntercept : true,
  });
  const same =
    data.featureNames.length === model.featureNames.length &&
    data.featureNames.every((n, j) => n === model.featureNames[j]);
  if (!same) {
    throw new ValueError(
      `${dataPath} gives the features ${data.featureNames.join(', ')}, but the model has ${model.featureNames.join(', ')}: it is not the training data`,
    );
  }
  return data;
}
