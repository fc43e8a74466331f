import { ShapeError } from '../errors.js';
import type { LineSeries } from './lineChartSvg.js';
import { lineChartSvg } from './lineChartSvg.js';
import { MUTED_GRAY, paletteColor, REFERENCE_GRAY } from './palette.js';

/** A regularization path: the fitted coefficients at each C. */
export interface CoefficientPath {
  /** Values of C (> 0; the inverse penalty strength), in any order. */
  readonly Cs: ArrayLike<number>;
  /** One array per C, each with one coefficient per feature. */
  readonly coefficients: readonly ArrayLike<number>[];
  /** One name per feature. */
  readonly featureNames: readonly string[];
}

/** Options of {@link coefficientPathSvg}. */
export interface CoefficientPathOptions {
  /** Default `'Regularization path'`. */
  readonly title?: string | undefined;
}

/** Features named in the legend; the rest are drawn in grey. */
const LABELLED = 10;

/**
 * A regularization path as an SVG document: each coefficient against C on a log axis (left:
 * strong penalty, coefficients near 0; right: weak penalty). The ten features largest in
 * magnitude at the largest C get colours and legend rows, largest first; the others are thin
 * grey lines summed up in one legend row. A thin dashed line marks zero.
 *
 * @throws {ShapeError} if there is not one coefficient array per C, or one that does not have
 *   one value per feature name.
 * @example
 * const svg = coefficientPathSvg({
 *   Cs: [0.01, 0.1, 1],
 *   coefficients: [[0.01, -0.02], [0.3, -0.1], [1.2, -0.4]],
 *   featureNames: ['age', 'bmi'],
 * });
 */
export function coefficientPathSvg(
  path: CoefficientPath,
  options: CoefficientPathOptions = {},
): string {
  const { Cs, coefficients, featureNames } = path;
  if (coefficients.length !== Cs.length) {
    throw new ShapeError(
      `coefficientPathSvg: got ${Cs.length} values of C but ${coefficients.length} coefficient arrays`,
    );
  }
  const p = featureNames.length;
  coefficients.forEach((row, k) => {
    if (row.length !== p) {
      throw new ShapeError(
        `coefficientPathSvg: coefficients[${k}] has ${row.length} values but there are ${p} feature names`,
      );
    }
  });

  const usable = Array.from({ length: Cs.length }, (_, k) => k).filter(
    (k) => Number.isFinite(Cs[k]) && Cs[k] > 0,
  );
  const order = usable.sort((a, b) => Cs[a] - Cs[b]);
  const x = order.map((k) => Cs[k]);
  const last = order.length > 0 ? coefficients[order[order.length - 1] as number] : undefined;
  const magnitude = (j: number): number => {
    const value = last ? Math.abs(last[j]) : NaN;
    return Number.isFinite(value) ? value : -1;
  };
  const ranked = Array.from({ length: p }, (_, j) => j).sort((a, b) => magnitude(b) - magnitude(a));
  const labelled = ranked.slice(0, LABELLED);
  const rest = ranked.slice(LABELLED);
  const valuesOf = (j: number): number[] => order.map((k) => coefficients[k]?.[j] ?? NaN);

  const series: LineSeries[] = [];
  if (x.length > 0) {
    series.push({
      name: 'zero',
      x: [x[0] as number, x[x.length - 1] as number],
      y: [0, 0],
      dashed: true,
      color: REFERENCE_GRAY,
      strokeWidth: 1,
      showInLegend: false,
    });
  }
  for (const j of rest) {
    const name = featureNames[j] as string;
    series.push({
      name,
      x,
      y: valuesOf(j),
      color: MUTED_GRAY,
      strokeWidth: 1,
      showInLegend: false,
    });
  }
  labelled.forEach((j, rank) => {
    const name = featureNames[j] as string;
    series.push({ name, x, y: valuesOf(j), color: paletteColor(rank), strokeWidth: 1.8 });
  });
  if (rest.length > 0) {
    series.push({
      name: `${rest.length} other feature${rest.length === 1 ? '' : 's'}`,
      x: [],
      y: [],
      color: MUTED_GRAY,
      strokeWidth: 1,
    });
  }
  return lineChartSvg(series, {
    title: options.title ?? 'Regularization path',
    xLabel: 'C (inverse penalty strength)',
    yLabel: 'Coefficient',
    logX: true,
  });
}
