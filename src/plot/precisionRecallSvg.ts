import { ShapeError, ValueError } from '../errors.js';
import { lineChartSvg } from './lineChartSvg.js';
import type { LineSeries } from './lineChartSvg.js';
import { REFERENCE_GRAY } from './palette.js';
import { precisionRecallSteps } from './precisionRecallSteps.js';
import { UNIT_DOMAIN } from './unitDomain.js';

/** Options of {@link precisionRecallSvg}. */
export interface PrecisionRecallOptions {
  /** Default `'Precision–recall curve'`. */
  readonly title?: string | undefined;
  /**
   * Fraction of positives in the data; when given, drawn as the dashed chance level (a random
   * classifier's precision, and its AP).
   */
  readonly prevalence?: number | undefined;
}

function checkUnit(name: string, value: number): void {
  if (!Number.isNaN(value) && !(value >= 0 && value <= 1)) {
    throw new ValueError(`precisionRecallSvg: ${name} must lie in [0, 1], got ${value}`);
  }
}

/**
 * A precision–recall curve as an SVG document: precision against recall on [0, 1] × [0, 1],
 * drawn as the step function whose area is the average precision (see
 * {@link precisionRecallSteps}), with `AP = 0.912` in a corner (three decimals; `n/a` when
 * undefined).
 *
 * @param curve the curve's points in threshold order (either direction), arrays of equal length.
 * @param averagePrecision the AP, in [0, 1] (or NaN when undefined).
 * @throws {ShapeError} if `precision` and `recall` differ in length.
 * @throws {ValueError} if `averagePrecision` or `prevalence` lies outside [0, 1].
 * @example
 * const svg = precisionRecallSvg({ precision: [0.5, 1, 1], recall: [1, 0.5, 0] }, 0.75);
 * svg.includes('AP = 0.750'); // true
 */
export function precisionRecallSvg(
  curve: { readonly precision: ArrayLike<number>; readonly recall: ArrayLike<number> },
  averagePrecision: number,
  options: PrecisionRecallOptions = {},
): string {
  if (curve.precision.length !== curve.recall.length) {
    throw new ShapeError(
      `precisionRecallSvg: precision has ${curve.precision.length} values but recall has ${curve.recall.length}`,
    );
  }
  checkUnit('averagePrecision', averagePrecision);
  const steps = precisionRecallSteps(curve.recall, curve.precision);
  const apText = Number.isNaN(averagePrecision) ? 'n/a' : averagePrecision.toFixed(3);
  const series: LineSeries[] = [{ name: 'Model', x: steps.recall, y: steps.precision }];
  const prevalence = options.prevalence;
  if (prevalence !== undefined && Number.isFinite(prevalence)) {
    checkUnit('prevalence', prevalence);
    series.push({
      name: `Chance (AP = ${prevalence.toFixed(3)})`,
      x: [0, 1],
      y: [prevalence, prevalence],
      dashed: true,
      color: REFERENCE_GRAY,
      strokeWidth: 1.5,
    });
  }
  return lineChartSvg(series, {
    title: options.title ?? 'Precision–recall curve',
    xLabel: 'Recall',
    yLabel: 'Precision',
    width: 460,
    height: 460,
    xDomain: UNIT_DOMAIN,
    yDomain: UNIT_DOMAIN,
    annotation: `AP = ${apText}`,
  });
}
