/**
 * Lays out rows of cells as aligned text columns: the first column left-aligned, the others
 * right-aligned, two spaces apart, each line indented by `indent` spaces.
 */
export function textTable(rows: readonly (readonly string[])[], indent = 2): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, cell.length)));
  return rows
    .map(
      (row) =>
        ' '.repeat(indent) +
        row
          .map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** A number for reading: up to `digits` significant digits, exponent form when very small or large. */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e9) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** `key  value` lines, keys padded to one width, each line indented by `indent` spaces. */
export function keyValueLines(rows: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows
    .map(([key, value]) => `${' '.repeat(indent)}${key.padEnd(width)}  ${value}`)
    .join('\n');
}

/**
 * Pads numbers written as text so that their decimal points line up in a right-aligned column
 * (`-8.36`, `0.122` → `-8.36 `, ` 0.122`). Exponent forms keep their own width.
 */
export function alignDecimals(values: readonly string[]): string[] {
  const parts = values.map((v) => {
    const dot = /e/i.test(v) ? v.length : v.indexOf('.') < 0 ? v.length : v.indexOf('.');
    return [v.slice(0, dot), v.slice(dot)] as const;
  });
  const left = Math.max(0, ...parts.map(([a]) => a.length));
  const right = Math.max(0, ...parts.map(([, b]) => b.length));
  return parts.map(([a, b]) => a.padStart(left) + b.padEnd(right));
}

/** A number in its shorter form: `1e-6` rather than `0.000001`. */
export function shortest(x: number): string {
  const exponential = x.toExponential().replace('e+', 'e');
  return exponential.length < String(x).length ? exponential : String(x);
}
