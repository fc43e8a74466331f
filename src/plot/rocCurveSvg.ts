import { ShapeError, ValueError } from '../errors.js';
import { lineChartSvg } from './lineChartSvg.js';
import { REFERENCE_GRAY } from './palette.js';
import { UNIT_DOMAIN } from './unitDomain.js';

/** Options of {@link rocCurveSvg}. */
export interface RocCurveOptions {
  /** Default `'ROC curve'`. */
  readonly title?: string | undefined;
}

/**
 * A receiver operating characteristic curve as an SVG document: true positive rate against
 * false positive rate on [0, 1] × [0, 1], the chance diagonal dashed, and the area under the
 * curve in the legend as `AUC = 0.934` (three decimals; `n/a` when it is undefined, as with a
 * single class).
 *
 * @param curve the ROC points in threshold order, `fpr` and `tpr` of equal length.
 * @param auc the area under the curve, in [0, 1] (or NaN when undefined).
 * @throws {ShapeError} if `fpr` and `tpr` differ in length.
 * @throws {ValueError} if `auc` is finite but outside [0, 1], or infinite.
 * @example
 * const svg = rocCurveSvg({ fpr: [0, 0, 0.5, 1], tpr: [0, 0.5, 1, 1] }, 0.875);
 * svg.includes('AUC = 0.875'); // true
 */
export function rocCurveSvg(
  curve: { readonly fpr: ArrayLike<number>; readonly tpr: ArrayLike<number> },
  auc: number,
  options: RocCurveOptions = {},
): string {
  if (curve.fpr.length !== curve.tpr.length) {
    throw new ShapeError(
      `rocCurveSvg: fpr has ${curve.fpr.length} values but tpr has ${curve.tpr.length}`,
    );
  }
  if (!Number.isNaN(auc) && !(auc >= 0 && auc <= 1)) {
    throw new ValueError(`rocCurveSvg: auc must lie in [0, 1] (or be NaN), got ${auc}`);
  }
  const aucText = Number.isNaN(auc) ? 'n/a' : auc.toFixed(3);
  return lineChartSvg(
    [
      { name: `ROC curve (AUC = ${aucText})`, x: curve.fpr, y: curve.tpr },
      {
        name: 'Chance (AUC = 0.500)',
        x: [0, 1],
        y: [0, 1],
        dashed: true,
        color: REFERENCE_GRAY,
        strokeWidth: 1.5,
      },
    ],
    {
      title: options.title ?? 'ROC curve',
      xLabel: 'False positive rate',
      yLabel: 'True positive rate',
      width: 460,
      height: 460,
      xDomain: UNIT_DOMAIN,
      yDomain: UNIT_DOMAIN,
    },
  );
}
