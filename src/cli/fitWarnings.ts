import type { FitReport } from '../options/fitReport.js';
import { formatNumber, shortest } from './textTable.js';

/**
 * The fit report's warnings for the command line: non-convergence is rewritten as advice in
 * terms of flags (`--max-iterations`, `--standardize`, …); the others are kept as they are.
 */
export function fitWarnings(
  report: FitReport,
  flags: { readonly standardize?: boolean },
): string[] {
  const warnings: string[] = [];
  for (const message of report.warnings) {
    if (!report.converged && message.startsWith(`${report.solver} did not converge`)) continue;
    warnings.push(message);
  }
  if (!report.converged && report.stopReason !== 'separation')
    warnings.unshift(convergenceAdvice(report, flags));
  return warnings;
}

function convergenceAdvice(report: FitReport, flags: { readonly standardize?: boolean }): string {
  const why =
    report.stopReason === 'max-iterations'
      ? `stopped at the iteration limit (${report.iterations})`
      : report.stopReason === 'not-finite'
        ? 'the objective became infinite or NaN'
        : `the line search could not improve the objective (after ${report.iterations} iterations)`;
  const tips: string[] = [];
  if (report.stopReason === 'not-finite' && report.solver === 'gd')
    tips.push('a smaller --learning-rate');
  if (report.stopReason === 'max-iterations')
    tips.push(`--max-iterations ${report.iterations * 10}`);
  if (flags.standardize !== true) tips.push('--standardize');
  if (report.solver !== 'newton') tips.push('--solver newton');
  tips.push(`a looser --tolerance than ${shortest(report.tolerance)}`);
  if (report.solver === 'newton' && (report.penalty === 'none' || report.penalty === 'firth')) {
    return (
      `${report.solver} did not converge: ${why}; the relative Newton decrement is above --tolerance ${shortest(report.tolerance)} ` +
      `(score norm reached ${formatNumber(report.gradientNorm, 3)}). The estimates may be inaccurate: check for near-separation or nearly collinear features, or try ${tips.join(', ')}.`
    );
  }
  return (
    `${report.solver} did not converge: ${why}; the gradient norm ${formatNumber(report.gradientNorm, 3)} ` +
    `is above --tolerance ${shortest(report.tolerance)}. The coefficients may be inaccurate: try ${tips.join(', ')}.`
  );
}
