import type { ModelFile } from '../data/modelFile.js';
import { modelFileText } from '../data/modelFile.js';
import { writeFileAtomic } from '../node/writeFileAtomic.js';
import type { FitReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';
import { lossCurveSvg } from '../plot/index.js';
import type { TrainJson } from './trainCommand.js';

/**
 * Writes what every way of training (a data file, a streamed file, a SQL engine) leaves behind:
 * the loss curve with `--plot-loss`, then the model file, each whole or not at all.
 */
export async function writeTrainFiles(
  flags: { readonly model: string; readonly plotLoss?: string | undefined },
  file: ModelFile,
  report: FitReport,
): Promise<void> {
  if (flags.plotLoss !== undefined) {
    await writeFileAtomic(
      flags.plotLoss,
      lossCurveSvg(report.lossHistory, { title: `Loss curve (${report.solver})` }),
    );
  }
  await writeFileAtomic(flags.model, modelFileText(file));
}

/** The fields of `train --json` that every way of training prints. */
export function trainJsonOf(
  modelPath: string,
  classes: readonly Label[],
  report: FitReport,
  warnings: readonly string[],
  threshold: number | null,
): TrainJson {
  return {
    model: modelPath,
    solver: report.solver,
    iterations: report.iterations,
    converged: report.converged,
    objective: report.objective,
    trainLogLoss: report.logLoss,
    nObservations: report.nObservations,
    nFeatures: report.nFeatures,
    classCounts: Object.fromEntries(
      classes.map((c, k) => [String(c), report.classCounts?.[k] ?? 0]),
    ),
    threshold,
    warnings,
  };
}
