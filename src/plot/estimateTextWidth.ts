const NARROW = new Set("iljtfrI.,:;|!'()[] ");
const WIDE = new Set('mwMW@%');

/**
 * Estimated rendered width in pixels of `text` in a Helvetica-like sans-serif at `fontSize`.
 *
 * SVG has no text metrics without a browser, so layout (margins, legend boxes) uses average
 * advance widths: 0.3 em for narrow glyphs, 0.85 em for wide ones, 0.7 em for other capitals,
 * 0.64 em for digits and 0.62 em for everything else. The estimate errs on the wide side (DejaVu Sans, the widest
 * common fallback, fits) so boxes do not clip text.
 *
 * @example
 * estimateTextWidth('0.25', 11); // ≈ 24.4
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.3;
    else if (WIDE.has(ch)) em += 0.85;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else em += 0.62;
  }
  return em * fontSize;
}
