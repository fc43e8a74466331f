import { OptionError } from '../errors.js';
import type { InferenceData } from './inferenceData.js';
import type { RobustType } from './robustCovariance.js';

/**
 * Which covariance gives the standard errors: `'model'` the inverse Fisher information (R's
 * `vcov(glm)`), `'hc0'` … `'hc3'` a stored robust one, `'cluster'` the stored cluster-robust one.
 */
export type StandardErrorType = 'model' | RobustType | 'cluster';

/** The covariance a summary shows, and which the model stores. */
export interface StandardErrorsInfo {
  /** `'model'` or the robust type (a clustered covariance: `'hc0'` CR0, `'hc1'` CR1). */
  readonly type: 'model' | RobustType;
  /** Set for a cluster-robust covariance. */
  readonly cluster?: { readonly name?: string; readonly count: number };
  /** The choices of {@link SummaryOptions.se} this model can show. */
  readonly stored: readonly StandardErrorType[];
}

const robustTypes: readonly string[] = ['hc0', 'hc1', 'hc2', 'hc3'];

/**
 * The covariance matrix that `se` names (default: the stored robust one, else the model-based
 * one), with what the summary reports of it.
 *
 * @throws {OptionError} an unknown `se`, or one whose covariance the model does not store (naming
 *   the option and the flag to train with).
 */
export function chooseCovariance(
  inference: InferenceData | undefined,
  se: StandardErrorType | undefined,
): { covariance: readonly number[] | null; info: StandardErrorsInfo } {
  const robust = inference?.robust;
  const robustChoice: StandardErrorType | undefined =
    robust === undefined ? undefined : robust.cluster === undefined ? robust.type : 'cluster';
  const stored: StandardErrorType[] = [
    ...(inference?.covariance == null ? [] : ['model' as const]),
    ...(robustChoice === undefined ? [] : [robustChoice]),
  ];
  const choice = se ?? robustChoice ?? 'model';
  if (choice !== 'model' && choice !== 'cluster' && !robustTypes.includes(choice)) {
    throw new OptionError(
      `summarize: se must be 'model', 'hc0', 'hc1', 'hc2', 'hc3' or 'cluster', got ${String(choice)}`,
    );
  }
  if (choice === 'model') {
    return { covariance: inference?.covariance ?? null, info: { type: 'model', stored } };
  }
  if (robust === undefined || robustChoice !== choice) {
    const has =
      robustChoice === undefined
        ? 'no robust covariance'
        : robustChoice === 'cluster'
          ? `a cluster-robust ${robust!.type.toUpperCase()} covariance only`
          : `a ${robustChoice.toUpperCase()} covariance only`;
    const how =
      choice === 'cluster'
        ? "covariance: { type: 'hc1', cluster } (CLI: train --penalty none --cluster <column>)"
        : `covariance: { type: '${choice}' } (CLI: train --penalty none --se ${choice})`;
    throw new OptionError(
      `summarize: no ${choice === 'cluster' ? 'cluster-robust' : choice.toUpperCase()} covariance is stored with this model (it has ${has}); train with ${how}`,
    );
  }
  return {
    covariance: robust.covariance,
    info: {
      type: robust.type,
      ...(robust.cluster === undefined ? {} : { cluster: robust.cluster }),
      stored,
    },
  };
}
