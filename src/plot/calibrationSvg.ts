import { ShapeError } from '../errors.js';
import { lineChartSvg } from './lineChartSvg.js';
import { REFERENCE_GRAY } from './palette.js';
import { UNIT_DOMAIN } from './unitDomain.js';

/** Options of {@link calibrationSvg}. */
export interface CalibrationSvgOptions {
  /** Default `'Calibration'`. */
  readonly title?: string | undefined;
  /** Expected calibration error, printed as `ECE = 0.034` when given and finite. */
  readonly ece?: number | undefined;
}

/**
 * A reliability diagram as an SVG document: per probability bin, the fraction of positives
 * against the mean predicted probability, with a dot per bin and the dashed diagonal of perfect
 * calibration. Empty bins (NaN) are skipped.
 *
 * @param curve one entry per bin, arrays of equal length.
 * @throws {ShapeError} if the arrays differ in length.
 * @example
 * const svg = calibrationSvg(
 *   { meanPredicted: [0.1, 0.5, 0.9], fractionPositive: [0.05, 0.55, 0.93] },
 *   { ece: 0.04 },
 * );
 * svg.includes('ECE = 0.040'); // true
 */
export function calibrationSvg(
  curve: {
    readonly meanPredicted: ArrayLike<number>;
    readonly fractionPositive: ArrayLike<number>;
  },
  options: CalibrationSvgOptions = {},
): string {
  if (curve.meanPredicted.length !== curve.fractionPositive.length) {
    throw new ShapeError(
      `calibrationSvg: meanPredicted has ${curve.meanPredicted.length} values but fractionPositive has ${curve.fractionPositive.length}`,
    );
  }
  const ece = options.ece;
  return lineChartSvg(
    [
      { name: 'Model', x: curve.meanPredicted, y: curve.fractionPositive, markers: true },
      {
        name: 'Perfectly calibrated',
        x: [0, 1],
        y: [0, 1],
        dashed: true,
        color: REFERENCE_GRAY,
        strokeWidth: 1.5,
      },
    ],
    {
      title: options.title ?? 'Calibration',
      xLabel: 'Mean predicted probability',
      yLabel: 'Fraction of positives',
      width: 460,
      height: 460,
      xDomain: UNIT_DOMAIN,
      yDomain: UNIT_DOMAIN,
      annotation: ece !== undefined && Number.isFinite(ece) ? `ECE = ${ece.toFixed(3)}` : undefined,
    },
  );
}
