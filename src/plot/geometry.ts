/** A pixel position `[x, y]`, y growing downwards as in SVG. */
export type Point = readonly [number, number];

/** Consecutive pixel positions joined by straight segments. */
export type Polyline = readonly Point[];

/** An axis-aligned rectangle in pixels; `(x, y)` is its top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
