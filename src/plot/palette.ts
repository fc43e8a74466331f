/**
 * Series colours: the ten-colour "tab10" palette of matplotlib and Vega (Tableau 10), chosen
 * because readers of scikit-learn and R plots already know it and its hues stay distinct on white.
 */
export const PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Colour of reference lines (chance diagonals, baselines, the chosen-C marker). */
export const REFERENCE_GRAY = '#888888';

/** Colour of de-emphasized series (coefficients outside the legend). */
export const MUTED_GRAY = '#c4c4c4';

/**
 * The colour of the `index`-th series: the palette, repeated.
 *
 * @example
 * paletteColor(0); // '#1f77b4'
 * paletteColor(10); // '#1f77b4'
 */
export function paletteColor(index: number): string {
  const n = PALETTE.length;
  return PALETTE[((index % n) + n) % n];
}
