/**
 * The command-line flag that sets each library option the CLI passes on, written once: errors
 * from the library name options (`l1Ratio`, `profileConfidenceLevel`); the CLI prints the flags
 * (`--l1-ratio`, `--ci profile`) instead, through {@link cliMessage}.
 */
export const optionFlags: Readonly<Record<string, string>> = {
  // train and cv (TrainOptions)
  penalty: '--penalty',
  C: '--C',
  l1Ratio: '--l1-ratio',
  solver: '--solver',
  fitIntercept: '--no-intercept',
  tolerance: '--tolerance',
  maxIterations: '--max-iterations',
  learningRate: '--learning-rate',
  sampleWeight: '--weights',
  classWeight: '--class-weight',
  standardize: '--standardize',
  standardizeWeights: '--standardize-weights',
  featureNames: '--features',
  positiveClass: '--positive-class',
  onSeparation: '--on-separation',
  profileConfidenceLevel: '--ci profile',
  covariance: '--se / --cluster',
  offset: '--offset',
  offsetName: '--offset',
  batchSize: '--batch-size',
  learningRateSchedule: '--learning-rate-schedule',
  learningRateExponent: '--learning-rate-exponent',
  average: '--average',
  seed: '--seed',
  validationFraction: '--validation-fraction',
  patience: '--patience',
  validationTolerance: '--validation-tolerance',
  kernel: '--kernel',
  // train with more than two classes
  multiClass: '--multi-class',
  // cv (crossValidate, chooseC)
  folds: '--folds',
  shuffle: '--no-shuffle',
  Cs: '--Cs',
  scoring: '--scoring',
  oneStandardError: '--one-se',
  // path (regularizationPath)
  count: '--Cs',
  // tuneThreshold
  criterion: '--tune-threshold',
  targetRecall: '--target-recall',
};

/** Options whose values are words: `penalty 'l1'` reads `--penalty l1` on the command line. */
const choiceOptions = [
  'penalty',
  'solver',
  'multiClass',
  'onSeparation',
  'learningRateSchedule',
  'kernel',
  'standardizeWeights',
  'criterion',
];

const choice = new RegExp(`\\b(${choiceOptions.join('|')})( is)? ['"]([\\w-]+)['"]`, 'g');
const quotedOption = /\b(?:train )?option ['"](\w+)['"]/g;
/** Option names that are not English words (camelCase or C), replaced wherever they appear. */
const bareNames = new RegExp(
  `['"]?\\b(${Object.keys(optionFlags)
    .filter((name) => /[a-z][A-Z]/.test(name))
    .join('|')})\\b['"]?(?!\\w)`,
  'g',
);

/**
 * A library error message in the command line's terms: `option 'l1Ratio'` → `--l1-ratio`,
 * `penalty 'elasticnet'` → `--penalty elasticnet`, `profileConfidenceLevel: 0.9` →
 * `--ci profile --level 0.9`; names the table does not know are left as they are.
 */
export function cliMessage(message: string): string {
  return message
    .replace(/\bprofileConfidenceLevel: ([\d.]+)/g, '--ci profile --level $1')
    .replace(choice, (text, name: string, is: string | undefined, value: string) =>
      name in optionFlags ? `${optionFlags[name]}${is ?? ''} ${value}` : text,
    )
    .replace(quotedOption, (text, name: string) => optionFlags[name] ?? text)
    .replace(bareNames, (text, name: string) => optionFlags[name] ?? text);
}
