/**
 * logreg: logistic regression from scratch, exact and fast, for Node.js and browsers.
 * The library core has no runtime dependencies and no Node built-ins.
 */
export { train, INTERCEPT_NAME } from './model/train.js';
export { LogisticRegressionModel } from './model/logisticRegressionModel.js';
export { MODEL_FORMAT, MODEL_VERSION } from './model/modelData.js';
export type { ModelData, ModelJSON } from './model/modelData.js';
export type { PredictOptions } from './options/predictOptions.js';
export { defaultTrainOptions } from './options/trainOptions.js';
export type {
  IterationInfo,
  Label,
  LearningRateSchedule,
  Penalty,
  SeparationPolicy,
  SolverChoice,
  SolverName,
  StandardizeWeights,
  TrainOptions,
} from './options/trainOptions.js';
export type { FitReport, SeparationReport } from './options/fitReport.js';
export { trainOptionConstraints } from './options/checkTrainOptions.js';
export { encodeLabels } from './model/encodeLabels.js';
export { tuneThreshold } from './model/tuneThreshold.js';
export { regularizationPath, criticalC } from './model/regularizationPath.js';
export type { ElasticNetPath } from './model/regularizationPath.js';
export { multinomialPath, multinomialCriticalC } from './model/multinomialPath.js';
export type { MultinomialPath } from './model/multinomialPath.js';
export type { ElasticNetPathOptions } from './options/pathOptions.js';
export { trainMulticlass } from './model/trainMulticlass.js';
export { trainStream } from './model/trainStream.js';
export type { StreamTrainOptions } from './model/trainStream.js';
export type { RowChunk, RowChunks, RowChunkSource } from './model/rowChunkSource.js';
export { matrixChunkSource } from './data/matrixChunkSource.js';
export type { MatrixChunkSourceOptions } from './data/matrixChunkSource.js';
export { MULTINOMIAL_L1_MAX_DIMENSION } from './model/fitMultinomial.js';
export type { MulticlassTrainOptions, MultiClassStrategy } from './options/trainOptions.js';
export { MultinomialLogisticRegressionModel } from './model/multinomialModel.js';
export { OneVsRestModel } from './model/oneVsRestModel.js';
export { modelFromJSON } from './model/modelFromJSON.js';
export type { FittedModel } from './model/modelFromJSON.js';
export type { Classifier } from './model/classifier.js';
export type { ThresholdTuning } from './model/tuneThreshold.js';
export type { EncodedLabels } from './model/encodeLabels.js';
export { detectSeparation } from './model/detectSeparation.js';
export type { SeparationResult } from './model/detectSeparation.js';
export { detectMultinomialSeparation } from './model/detectMultinomialSeparation.js';
export type { MultinomialSeparationResult } from './model/detectMultinomialSeparation.js';

export {
  InputError,
  OptionError,
  ShapeError,
  ValueError,
  ModelFormatError,
  SeparationError,
  FitError,
} from './errors.js';
export type { Matrix, MatrixInput } from './linalg/matrix.js';
export type { SparseMatrix, FeatureMatrix } from './linalg/sparseMatrix.js';
export { isSparseMatrix, sparseFromDense, denseFromSparse } from './linalg/sparseMatrix.js';
export { toFeatureMatrix } from './validation/toMatrix.js';

// Inference: R's summary(glm), profile likelihood, Firth.
export { summarize } from './inference/summarize.js';
export type {
  CoefficientSummary,
  ModelSummary,
  SummaryOptions,
  SummarizableModel,
} from './inference/summarize.js';
export { formatSummary, significanceStars } from './inference/formatSummary.js';
export type { InferenceData } from './inference/inferenceData.js';
export { profileConfidenceIntervals } from './inference/profileLikelihood.js';
// Robust and clustered standard errors (issue 11).
export { robustCovariance } from './inference/robustCovariance.js';
export type {
  CovarianceOption,
  RobustCovariance,
  RobustFit,
  RobustType,
} from './inference/robustCovariance.js';
export type { StandardErrorsInfo, StandardErrorType } from './inference/chooseCovariance.js';
// Nested-model comparison (issue 11).
export { compareModels } from './selection/compareModels.js';
export type { ComparedModel, ModelComparison } from './selection/compareModels.js';
export { formatComparison } from './selection/formatComparison.js';
export { dropTerms } from './selection/dropTerms.js';
export type { DroppedTerm, DropTermsOptions, DropTermsResult } from './selection/dropTerms.js';
export type { DataFingerprint } from './options/fitReport.js';
// Prediction intervals (issue 11).
export { predictInterval } from './inference/predictInterval.js';
export { marginalEffects } from './inference/marginalEffects.js';
export { multinomialSummary } from './inference/multinomialSummary.js';
export type {
  MultinomialClassSummary,
  MultinomialFit,
  MultinomialSummary,
  MultinomialSummaryOptions,
} from './inference/multinomialSummary.js';
export { formatMarginalEffects } from './inference/formatMarginalEffects.js';
export { withProfileIntervals } from './model/withProfileIntervals.js';
export type { ProfileFromDataOptions } from './model/withProfileIntervals.js';
export type {
  MarginalEffect,
  MarginalEffects,
  MarginalEffectsOptions,
} from './inference/marginalEffects.js';
export type {
  IntervalModel,
  PredictIntervalOptions,
  PredictionIntervals,
} from './inference/predictInterval.js';
export { FirthObjective } from './objectives/firthObjective.js';
export { normalCdf, normalQuantile, twoSidedNormalPValue } from './stats/normalDistribution.js';
export { chiSquaredSurvival } from './stats/chiSquared.js';
export { erfc } from './stats/erfc.js';

// Charts (standalone SVG strings).
export * from './plot/index.js';

// Evaluation.
export * from './metrics/index.js';
export { toMatrix } from './validation/toMatrix.js';

// The article's six equations, each one documented function.
export { linearScore } from './math/linearScore.js';
export { sigmoid } from './math/sigmoid.js';
export { log1pExp } from './math/log1pExp.js';
export { logSigmoid } from './math/logSigmoid.js';
export { gradientStep, gradientDescent } from './solvers/gradientDescent.js';
export { binaryCrossEntropy, logLossFromLogit } from './objectives/binaryCrossEntropy.js';
export { crossEntropyGradient } from './kernels/crossEntropyGradient.js';
export { crossEntropyHessianVectorProduct } from './objectives/hessianVectorProduct.js';
export { LogisticObjective } from './objectives/logisticObjective.js';
export type { LogisticObjectiveSpec } from './objectives/logisticObjective.js';

// Solvers work on any objective.
export { lbfgs } from './solvers/lbfgs.js';
export { sgd } from './solvers/sgd.js';
export type { SgdResult, SgdSettings } from './solvers/sgd.js';
export { SgdOptimizer } from './solvers/sgdOptimizer.js';
export type { StochasticObjective } from './solvers/stochasticObjective.js';
export { LogisticBatchObjective } from './objectives/logisticBatchObjective.js';
export { MultinomialObjective } from './objectives/multinomialObjective.js';
export { softmax } from './math/softmax.js';
export { logSumExp } from './math/logSumExp.js';
export { newton } from './solvers/newton.js';
export type { NewtonResult, NewtonSettings } from './solvers/newton.js';
export type {
  Objective,
  TwiceDifferentiableObjective,
  SolverResult,
  SolverSettings,
  StopReason,
} from './solvers/objective.js';

// Model selection: splits, stratified k-fold, cross-validation, choosing C.
export * from './selection/index.js';

// Fast kernels (WebAssembly SIMD, worker threads); the plain TypeScript kernel is the reference.
export type { KernelChoice } from './kernels/gradientKernel.js';
export { allocateKernelMatrix } from './kernels/kernelMemory.js';
export { loadGradientKernelModules } from './kernels/wasmModules.js';
export type { KernelThreadPool } from './kernels/threads/kernelThreadPool.js';
export { createWebWorkerPool } from './browser/createWebWorkerPool.js';
export type { WebWorkerPool } from './browser/createWebWorkerPool.js';
export { htmlReport } from './report/htmlReport.js';
export type { HtmlReportOptions, ReportData } from './report/htmlReport.js';
// Types that public signatures name (so that the API reference documents them).
export type { MultinomialModelJSON } from './model/multinomialModel.js';
export type { OneVsRestModelData, OneVsRestModelJSON } from './model/oneVsRestModel.js';
export type { MulticlassModelData } from './model/multiclassModelData.js';
export type { DenseMatrixInput } from './linalg/matrix.js';
export type { SgdStopReason } from './solvers/sgd.js';
export type { IterationCallback } from './solvers/objective.js';
export type { ProfileBounds } from './inference/profileLikelihood.js';
export type { GradientDescentSettings } from './solvers/gradientDescent.js';
export type { LbfgsSettings } from './solvers/lbfgs.js';
export { scoringSql } from './sql/scoringSql.js';
export type { SqlDialectName } from './sql/sqlDialect.js';
export type { CategoricalEncoding, FeatureEncoding, NumericEncoding } from './data/designMatrix.js';

// Tables from columnar data (Arrow, by shape: no Arrow package); files are read in logreg/node,
// which also exports the `Table` and `Column` types.
export { tableFromArrow } from './data/tableFromArrow.js';
export type {
  ArrowTableLike,
  ArrowVectorLike,
  TableFromArrowOptions,
} from './data/tableFromArrow.js';

// CSV bytes in memory (a file dropped on a web page): the same byte-level readers as readCsv and
// readNumericCsv of logreg/node (which exports their result and option types), without the file.
export { parseCsv } from './data/parseCsv.js';
export type { CsvParseOptions } from './data/parseCsv.js';
export { parseNumericCsv } from './data/parseNumericCsv.js';

// R model formulas: `trainFormula('low ~ age + race * smoke + I(age^2)', table)`, as glm(formula, data).
export { trainFormula } from './data/formula/trainFormula.js';
export { FormulaModel, FORMULA_MODEL_FORMAT } from './data/formula/formulaModel.js';
export type { FormulaModelJSON } from './data/formula/formulaModel.js';
export {
  fitFormula,
  formulaMatrix,
  formulaColumns,
  formulaTerms,
} from './data/formula/formulaDesign.js';
export type {
  FormulaDesign,
  FitFormulaOptions,
  FormulaTerm,
} from './data/formula/formulaDesign.js';
export { parseFormula } from './data/formula/parseFormula.js';
export type * from './data/formula/formulaSyntax.js';
export { FormulaError } from './data/formula/formulaError.js';
export type { PolyCoefficients } from './data/formula/orthogonalPoly.js';
