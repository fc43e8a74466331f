/**
 * Evaluation metrics of binary (and multiclass) classifiers. Browser-safe: no Node built-ins.
 *
 * Conventions shared by every binary metric: `yTrue` holds 0/1 labels (1 = positive class); the
 * second argument holds predicted labels, probabilities of the positive class or scores; the
 * optional `sampleWeight` (≥ 0, one per row) comes last and makes every count a sum of weights,
 * so an integer weight equals repeating the row. Bad input throws `ShapeError`, `ValueError` or
 * `OptionError` naming the function and the argument.
 */
export { accuracy } from './accuracy.js';
export { averagePrecision } from './averagePrecision.js';
export { balancedAccuracy } from './balancedAccuracy.js';
export { binaryReport, defaultBinaryReportOptions } from './binaryReport.js';
export type { BinaryReport, BinaryReportOptions } from './binaryReport.js';
export { brierScore } from './brierScore.js';
export { calibrationCurve, defaultCalibrationOptions } from './calibrationCurve.js';
export type {
  CalibrationCurve,
  CalibrationOptions,
  CalibrationStrategy,
} from './calibrationCurve.js';
export { chooseThreshold } from './chooseThreshold.js';
export type {
  ChooseThresholdOptions,
  ChosenThreshold,
  ThresholdCriterion,
} from './chooseThreshold.js';
export { confusionMatrix } from './confusionMatrix.js';
export type { ConfusionMatrix } from './confusionMatrix.js';
export { expectedCalibrationError } from './expectedCalibrationError.js';
export type { ExpectedCalibrationErrorOptions } from './expectedCalibrationError.js';
export { f1Score } from './f1Score.js';
export { logLoss, logLossEpsilon } from './logLoss.js';
export { multiclassReport } from './multiclassReport.js';
export type { MulticlassReport } from './multiclassReport.js';
export { multiclassRocAuc } from './multiclassRocAuc.js';
export type { RocAucAverage } from './multiclassRocAuc.js';
export { precision } from './precision.js';
export { precisionRecallCurve } from './precisionRecallCurve.js';
export type { PrecisionRecallCurve } from './precisionRecallCurve.js';
export { recall } from './recall.js';
export { rocAuc } from './rocAuc.js';
export { rocCurve } from './rocCurve.js';
export type { RocCurve } from './rocCurve.js';
