/**
 * Model selection: seeded, stratified train/test splits and k-fold cross-validation, and the
 * choice of C along a warm-started regularization path. Browser-safe: no Node built-ins, and a
 * seeded generator instead of Math.random, so every split is reproducible.
 */
export { trainTestSplit, defaultSplitOptions } from './trainTestSplit.js';
export type { SplitOptions } from './trainTestSplit.js';
export type { IndexSplit } from './indexSplit.js';
export { takeRows, takeValues } from './takeRows.js';
export { stratifiedKFold, defaultKFoldOptions } from './stratifiedKFold.js';
export type { KFoldOptions } from './stratifiedKFold.js';
export { crossValidate, defaultCrossValidateOptions } from './crossValidate.js';
export type { CrossValidateOptions, CrossValidationResult } from './crossValidate.js';
export { crossValidateMulticlass, multiclassCvMetricNames } from './crossValidateMulticlass.js';
export type {
  MulticlassCrossValidateOptions,
  MulticlassCrossValidationResult,
  MulticlassCvMetricName,
} from './crossValidateMulticlass.js';
export { cvMetricNames } from './foldScores.js';
export type { CvMetricName, MetricValues } from './foldScores.js';
export { chooseC, chooseCScorings, defaultChooseCOptions } from './chooseC.js';
export type { ChooseCOptions, ChooseCResult, ChooseCScoring } from './chooseC.js';
export { chooseCMulticlass, multiclassChooseCScorings } from './chooseCMulticlass.js';
export type {
  MulticlassChooseCOptions,
  MulticlassChooseCResult,
  MulticlassChooseCScoring,
} from './chooseCMulticlass.js';
