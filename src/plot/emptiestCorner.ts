import type { Box, Polyline } from './geometry.js';

/** Liang–Barsky: does the segment from a to b meet the box (boundary included)? */
function segmentMeetsBox(ax: number, ay: number, bx: number, by: number, box: Box): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - box.x, box.x + box.width - ax, ay - box.y, box.y + box.height - ay];
  let t0 = 0;
  let t1 = 1;
  for (let i = 0; i < 4; i++) {
    const pi = p[i];
    const qi = q[i];
    if (pi === 0) {
      if (qi < 0) return false;
    } else {
      const t = qi / pi;
      if (pi < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** How much of the drawing a box would cover: segments (and lone points) it meets. */
function coverage(box: Box, lines: readonly Polyline[]): number {
  let hits = 0;
  for (const line of lines) {
    if (line.length === 1) {
      const [px, py] = line[0];
      if (segmentMeetsBox(px, py, px, py, box)) hits += 1;
      continue;
    }
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = line[i - 1];
      const [bx, by] = line[i];
      if (segmentMeetsBox(ax, ay, bx, by, box)) hits += 1;
    }
  }
  return hits;
}

/**
 * Where to put a legend or note of `size` inside `area`: the corner (inset by `inset` px) whose
 * box meets the fewest data segments, never overlapping an `avoid` box if any corner is free of
 * them. Ties go to top-right, top-left, bottom-right, bottom-left, in that order.
 *
 * @example
 * const area = { x: 0, y: 0, width: 400, height: 300 };
 * const rising = [[[0, 300], [400, 0]] as const]; // bottom-left to top-right
 * emptiestCorner({ width: 80, height: 40 }, area, rising); // { x: 8, y: 8, … } (top-left)
 */
export function emptiestCorner(
  size: { readonly width: number; readonly height: number },
  area: Box,
  lines: readonly Polyline[],
  avoid: readonly Box[] = [],
  inset = 8,
): Box {
  const left = area.x + inset;
  const right = area.x + area.width - inset - size.width;
  const top = area.y + inset;
  const bottom = area.y + area.height - inset - size.height;
  const corners: Box[] = [
    { x: right, y: top, ...size },
    { x: left, y: top, ...size },
    { x: right, y: bottom, ...size },
    { x: left, y: bottom, ...size },
  ];
  let best = corners[0];
  let bestScore = Infinity;
  for (const corner of corners) {
    const margin = {
      x: corner.x - 3,
      y: corner.y - 3,
      width: size.width + 6,
      height: size.height + 6,
    };
    const blocked = avoid.some((box) => boxesOverlap(box, margin));
    const score = coverage(margin, lines) + (blocked ? 1e9 : 0);
    if (score < bestScore) {
      best = corner;
      bestScore = score;
    }
  }
  return best;
}
