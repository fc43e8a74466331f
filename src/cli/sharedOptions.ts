import type { Command } from 'commander';
import { Option } from 'commander';
import { defaultTrainOptions } from '../options/trainOptions.js';
import { defaultMaxFeatures } from '../data/libsvmParser.js';
import { defaultMaxExpansion, defaultMaxLineLength, defaultMaxRows } from '../data/readLimits.js';
import { defaultMaxColumns } from '../node/readCsv.js';
import { shortest } from './textTable.js';
import {
  classWeightFlag,
  delimiterFlag,
  fractionFlag,
  limitFlag,
  listFlag,
  naValuesFlag,
  numberFlag,
  unitIntervalFlag,
} from './flagParsers.js';

/** The columns and rows to fit to, shared by train and cv. */
export function addTrainingDataOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--formula <formula>',
        'an R model formula, such as "low ~ age + race * smoke + I(age^2)": the response, and the design as R\'s model.matrix builds it (+ : * / ^ - . -1 +0, I(), log, exp, sqrt, abs, factor(), poly(x, k) and poly(x, k, raw = TRUE), comparisons; text columns are factors with treatment contrasts); instead of --target, --features, --exclude, --categorical and --no-intercept (default: none)',
      ),
    )
    .addOption(
      new Option(
        '-t, --target <column>',
        'the column to predict (default: "label" for LIBSVM; required otherwise)',
      ),
    )
    .addOption(
      new Option(
        '--features <columns>',
        'feature columns, comma-separated; quote a name holding a comma as in CSV: \'"a,b",c\' (default: all but target and weights)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--exclude <columns>',
        'columns to leave out, comma-separated, quoted as in CSV (default: none)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--categorical <columns>',
        'columns to one-hot code even if numeric, comma-separated, quoted as in CSV (default: only non-numeric columns)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--positive-class <value>',
        'the class whose probability is modelled (default: the second of the two sorted classes)',
      ),
    )
    .addOption(
      new Option('--weights <column>', 'column of row weights ≥ 0 (default: every row weighs 1)'),
    );
}

/** The library's training options, shared by train and cv; defaults from `defaultTrainOptions`. */
export function addModelOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--penalty <penalty>',
        "l2; l1 or elasticnet (exact zeros, solver newglmnet); none for maximum likelihood (as R's glm); firth for Firth's bias-reduced fit (finite on separated data)",
      )
        .choices(['l2', 'l1', 'elasticnet', 'none', 'firth'])
        .default(defaultTrainOptions.penalty),
    )
    .addOption(
      new Option('--C <number>', 'inverse penalty strength, > 0: larger C penalizes less')
        .argParser(numberFlag(0))
        .default(defaultTrainOptions.C),
    )
    .addOption(
      new Option(
        '--solver <solver>',
        'optimizer (unless given: newton for --penalty none and firth, newglmnet for l1/elasticnet; auto picks by penalty and size)',
      )
        .choices(['lbfgs', 'newton', 'gd', 'sgd', 'newglmnet', 'auto'])
        .default(defaultTrainOptions.solver),
    )
    .addOption(
      new Option(
        '--l1-ratio <r>',
        'with --penalty elasticnet (required there): the L1 share of the penalty, in [0, 1] (default: none)',
      ).argParser(unitIntervalFlag),
    )
    .addOption(
      new Option(
        '--learning-rate <number>',
        'step size of --solver gd (η₀ of sgd, whose default is 1/L from the data), > 0',
      )
        .argParser(numberFlag(0))
        .default(defaultTrainOptions.learningRate),
    )
    .addOption(
      new Option(
        '--max-iterations <n>',
        `iteration limit (default: ${Object.entries(defaultTrainOptions.maxIterations)
          .map(([solver, n]) => `${n} for ${solver}`)
          .join(', ')}; epochs for sgd)`,
      ).argParser(numberFlag(1, { inclusive: true, integer: true })),
    )
    .addOption(
      new Option(
        '--tolerance <number>',
        `stop when the largest gradient component is ≤ this, > 0 (newton with --penalty none or firth: the relative Newton decrement, default ${shortest(defaultTrainOptions.decrementTolerance)})`,
      )
        .argParser(numberFlag(0))
        .default(defaultTrainOptions.tolerance, shortest(defaultTrainOptions.tolerance)),
    )
    .addOption(
      new Option('--no-intercept', 'fit without an intercept (default: an intercept is fitted)'),
    )
    .addOption(
      new Option(
        '--standardize',
        'fit on features scaled to mean 0, sd 1 (coefficients reported in original units); with --class-weight the means and sds are class-weighted, as glmnet does (see --standardize-weights)',
      ).default(defaultTrainOptions.standardize),
    )
    .addOption(
      new Option(
        '--standardize-weights <weights>',
        `with --standardize: the row weights of the means and sds: fit (--weights × --class-weight, glmnet) or sample (--weights only, as scikit-learn's StandardScaler before class_weight) (default: ${defaultTrainOptions.standardizeWeights})`,
      ).choices(['fit', 'sample']),
    )
    .addOption(
      new Option(
        '--class-weight <weights>',
        '"balanced" (n / (2 · class count)) or class=weight pairs such as "0=1,1=5" (default: none)',
      ).argParser(classWeightFlag),
    )
    .addOption(
      new Option(
        '--on-separation <policy>',
        'unpenalized fit on separated classes: error, or warn and fit',
      )
        .choices(['error', 'warn'])
        .default(defaultTrainOptions.onSeparation),
    )
    .addOption(
      new Option('--batch-size <n>', 'rows per update of --solver sgd (1: stochastic)')
        .argParser(numberFlag(1, { inclusive: true, integer: true }))
        .default(defaultTrainOptions.batchSize),
    )
    .addOption(
      new Option(
        '--learning-rate-schedule <schedule>',
        'step sizes of --solver sgd: constant η₀, invscaling η₀/t^0.5, or optimal 1/(μ(t₀ + t)) (default: optimal with --penalty l2, else invscaling)',
      ).choices(['constant', 'invscaling', 'optimal']),
    )
    .addOption(
      new Option(
        '--average',
        'average the iterates of --solver sgd (Polyak–Ruppert) (default: off)',
      ),
    )
    .addOption(
      new Option(
        '--validation-fraction <number>',
        'hold out this fraction of rows for early stopping of --solver sgd, in [0, 1) (default: 0, none)',
      ).argParser(fractionFlag),
    )
    .addOption(
      new Option(
        '--learning-rate-exponent <number>',
        'exponent of the invscaling schedule of --solver sgd, > 0 (default: 0.5)',
      ).argParser(numberFlag(0)),
    )
    .addOption(
      new Option(
        '--patience <n>',
        'epochs without held-out improvement before --solver sgd stops early (default: 5)',
      ).argParser(numberFlag(1, { inclusive: true, integer: true })),
    )
    .addOption(
      new Option(
        '--validation-tolerance <number>',
        'held-out loss improvement that counts for early stopping of --solver sgd (default: 1e-4)',
      ).argParser(numberFlag(0)),
    )
    .addOption(
      new Option(
        '--kernel <kernel>',
        'the gradient pass: auto (WebAssembly SIMD when available), plain (TypeScript) or wasm (default: auto)',
      ).choices(['auto', 'plain', 'wasm']),
    );
}

/** `--format` and `--delimiter`, shared by every command that reads data. */
export function addReadOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--format <format>',
        'data format (default: by extension: .parquet Parquet, .svm/.libsvm/.svmlight LIBSVM, .tsv/.tab TSV, else CSV)',
      ).choices(['csv', 'tsv', 'libsvm', 'parquet']),
    )
    .addOption(
      new Option(
        '-d, --delimiter <char>',
        'CSV field separator, one character or "tab" (default: ","; a tab for .tsv; ' +
          'guessed from the header when it has no comma)',
      ).argParser(delimiterFlag),
    )
    .addOption(
      new Option(
        '--na-values <cells>',
        'more cells that mean "missing", comma-separated, any case (default: empty, NA, NaN, N/A, null, #N/A, ?)',
      ).argParser(naValuesFlag),
    )
    .addOption(
      new Option(
        '--decimal <mark>',
        'the decimal mark of CSV/TSV numbers: , reads 1,5 as 1.5 (as R read.csv2; then the field separator must be another, such as ;) (default: .)',
      ).choices(['.', ',']),
    )
    .addOption(
      new Option(
        '--max-features <n>',
        'the largest LIBSVM feature index accepted; a larger one is an error naming its line (memory grows with it)',
      )
        .argParser(limitFlag(2 ** 31 - 1))
        .default(defaultMaxFeatures),
    )
    .addOption(
      new Option(
        '--max-rows <n>',
        'the most data rows read (predict streams and has no limit); more is an error naming the line',
      )
        .argParser(limitFlag(2 ** 32 - 1))
        .default(defaultMaxRows, '100000000'),
    )
    .addOption(
      new Option(
        '--max-columns <n>',
        'the most CSV/TSV columns; a wider header is an error (wide sparse data belongs in LIBSVM)',
      )
        .argParser(limitFlag(2 ** 31 - 1))
        .default(defaultMaxColumns),
    )
    .addOption(
      new Option(
        '--max-line-length <bytes>',
        'the longest line accepted; a longer one (or input without line breaks) is an error naming its line',
      )
        .argParser(limitFlag(2 ** 31 - 1))
        .default(defaultMaxLineLength, '67108864 (64 MiB)'),
    )
    .addOption(
      new Option(
        '--max-expansion <ratio>',
        'gzip: the largest ratio of decompressed to compressed size (checked past 8 MiB); more is refused as a likely gzip bomb',
      )
        .argParser(numberFlag(1, { inclusive: true }))
        .default(defaultMaxExpansion),
    );
}

/** `--drop-missing`, shared by the commands that read training or test data. */
export function dropMissingOption(): Option {
  return new Option(
    '--drop-missing',
    'drop rows with a missing value in a used column, and say how many',
  ).default(false);
}

/** `--json`: a machine-readable report on stdout. */
export function jsonOption(): Option {
  return new Option('--json', 'print a JSON report on stdout').default(false);
}

/**
 * `-q, --quiet`: hides progress and chatter (advice, flags a solver ignores), never notes on what
 * changed the data, nor warnings.
 */
export function quietOption(): Option {
  return new Option(
    '-q, --quiet',
    'no progress bar and no advice; notes on what changed the data (rows dropped, columns made categorical, header fields renamed) and warnings still print',
  ).default(false);
}

/** The model flags whose defaults are the library's: `--help` shows them, the library applies them. */
const libraryOptionFlags = [
  'penalty',
  'C',
  'solver',
  'learningRate',
  'tolerance',
  'standardize',
  'onSeparation',
  'batchSize',
  'seed',
] as const;

/**
 * The flags without the library options the user did not give, so that the library applies its
 * own defaults, including those that depend on other options (`--penalty firth` fits with
 * `newton` unless `--solver` says otherwise).
 */
export function withoutLibraryDefaults<F extends object>(command: Command, flags: F): F {
  const given = { ...flags } as Record<string, unknown>;
  for (const key of libraryOptionFlags) {
    if (command.getOptionValueSource(key) === 'default') delete given[key];
  }
  return given as unknown as F;
}

/** The help text of the `<data>` argument of every command that reads a data file. */
export const dataFileArgument =
  'data file: .csv, .tsv, .svm/.libsvm, gzipped or not (by name or magic bytes), or .parquet; - reads standard input (CSV unless --format)';
