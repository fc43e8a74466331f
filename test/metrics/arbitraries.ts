import fc from 'fast-check';

/** A labelled, scored, weighted row: scores are small integers, so ties are common. */
export interface Row {
  readonly y: number;
  readonly s: number;
  readonly w: number;
}

/** Rows with integer scores in [−6, 6] and integer weights in [0, 3]. */
export const rows = fc.array(
  fc.record({
    y: fc.integer({ min: 0, max: 1 }),
    s: fc.integer({ min: -6, max: 6 }),
    w: fc.integer({ min: 0, max: 3 }),
  }),
  { minLength: 1, maxLength: 40 },
);

/** Rows in which both classes have positive weight (needed for ROC). */
export const rowsWithBothClasses = rows.filter(
  (r) => r.some((x) => x.y === 1 && x.w > 0) && r.some((x) => x.y === 0 && x.w > 0),
);

/** Rows in which the positives have positive weight (needed for precision–recall). */
export const rowsWithPositives = rows.filter((r) => r.some((x) => x.y === 1 && x.w > 0));

/** Rows with probabilities in [0, 1] (multiples of 1/20, so ties are common) and total weight > 0. */
export const probabilityRows = fc
  .array(
    fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      s: fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
      w: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .filter((r) => r.some((x) => x.w > 0));

export function columns(r: readonly Row[]): { y: number[]; s: number[]; w: number[] } {
  return { y: r.map((x) => x.y), s: r.map((x) => x.s), w: r.map((x) => x.w) };
}
