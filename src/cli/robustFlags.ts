import type { CovarianceOption, RobustType } from '../inference/robustCovariance.js';
import type { StandardErrorType } from '../inference/summarize.js';
import { UsageError } from '../data/usageError.js';

/** What `--se` takes: a sandwich type, or `robust` (HC1, as Stata's `vce(robust)`). */
export const seFlagChoices = ['hc0', 'hc1', 'hc2', 'hc3', 'robust'] as const;

/** `summary --se`: also `model` (the inverse information) and `cluster` (the stored clustered one). */
export const summarySeFlagChoices = ['model', ...seFlagChoices, 'cluster'] as const;

/** The flags of `train` that ask for robust standard errors. */
export interface RobustFlags {
  readonly se?: (typeof seFlagChoices)[number];
  readonly cluster?: string;
}

/**
 * The library's `covariance` option for `train --se … --cluster column`: `--se robust` is HC1;
 * `--cluster` alone is CR1 (`sandwich::vcovCL(type = "HC1")`, Stata's `vce(cluster …)`).
 *
 * @param clusters - the cluster column's value on each training row, when `--cluster` is given.
 * @throws {UsageError} `--cluster` on data without such a column (LIBSVM).
 */
export function covarianceOf(
  flags: RobustFlags,
  clusters: readonly string[] | undefined,
): CovarianceOption | undefined {
  if (flags.se === undefined && flags.cluster === undefined) return undefined;
  const type: RobustType = flags.se === undefined || flags.se === 'robust' ? 'hc1' : flags.se;
  if (flags.cluster === undefined) return { type };
  if (clusters === undefined) {
    throw new UsageError('--cluster names a column of a CSV or TSV file; a LIBSVM file has none');
  }
  return { type, cluster: clusters, clusterName: flags.cluster };
}

/** `summary --se`: `robust` is HC1. */
export function standardErrorTypeOf(
  flag: (typeof summarySeFlagChoices)[number] | undefined,
): StandardErrorType | undefined {
  return flag === 'robust' ? 'hc1' : flag;
}

/** The train report's line on the stored robust covariance. */
export function robustTrainLine(covariance: CovarianceOption | undefined): string | undefined {
  if (covariance === undefined) return undefined;
  const T = covariance.type.toUpperCase();
  const what =
    covariance.cluster === undefined
      ? `${T} (sandwich::vcovHC)`
      : `CR${covariance.type.slice(2)} clustered by ${covariance.clusterName ?? '?'} (sandwich::vcovCL, type ${T})`;
  return `${what} stored: summary shows them (summary --se model: the model-based ones)`;
}
