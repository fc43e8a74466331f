import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { coefficientPathSvg } from '../../src/plot/coefficientPathSvg.js';
import { assertWellFormed, parseTickLabel, pathPoints, select } from './svgText.js';

/** Coefficient j at C: (j + 1) · sign · C / (C + 0.1), so |final| grows with j. */
function makePath(p: number, Cs: number[]) {
  return {
    Cs,
    coefficients: Cs.map((C) =>
      Array.from({ length: p }, (_, j) => ((j + 1) * (j % 2 === 0 ? 1 : -1) * C) / (C + 0.1)),
    ),
    featureNames: Array.from({ length: p }, (_, j) => `x${j}`),
  };
}

const legendLabels = (svg: string): string[] =>
  select(svg, 'g', 'legend').length === 0
    ? []
    : select(svg, 'text')
        .filter((e) => !e.attributes.class)
        .map((e) => e.text);

describe('coefficientPathSvg', () => {
  const Cs = [0.001, 0.01, 0.1, 1, 10, 100];

  it('draws one line per feature against C on a log axis', () => {
    const svg = coefficientPathSvg(makePath(3, Cs));
    assertWellFormed(svg);
    const series = select(svg, 'path', 'series');
    // A zero line plus one line per feature, each through every C.
    expect(series).toHaveLength(4);
    for (const s of series.slice(1)) expect(pathPoints(s.attributes.d ?? '')).toHaveLength(6);
    expect(select(svg, 'text', 'x-tick').map((e) => parseTickLabel(e.text))).toEqual([
      0.001, 0.01, 0.1, 1, 10, 100,
    ]);
    expect(legendLabels(svg)).toEqual(['x2', 'x1', 'x0']);
  });

  it('names the ten largest features at the largest C, largest first, and counts the rest', () => {
    const svg = coefficientPathSvg(makePath(14, Cs));
    expect(legendLabels(svg)).toEqual([
      'x13',
      'x12',
      'x11',
      'x10',
      'x9',
      'x8',
      'x7',
      'x6',
      'x5',
      'x4',
      '4 other features',
    ]);
    expect(select(svg, 'path', 'series')).toHaveLength(15);
  });

  it('sorts the Cs so lines do not zigzag', () => {
    const shuffled = makePath(2, [10, 0.01, 1, 0.1]);
    const svg = coefficientPathSvg(shuffled);
    const xs = pathPoints(select(svg, 'path', 'series')[1]?.attributes.d ?? '').map(([x]) => x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('escapes feature names', () => {
    const path = { ...makePath(2, Cs), featureNames: ['a<b', 'c&"d"'] };
    const svg = coefficientPathSvg(path);
    assertWellFormed(svg);
    expect(legendLabels(svg)).toEqual(['c&"d"', 'a<b']);
  });

  it('rejects coefficient arrays that do not match Cs or the feature names', () => {
    const path = makePath(2, Cs);
    expect(() => coefficientPathSvg({ ...path, Cs: [1, 2] })).toThrow(ShapeError);
    expect(() => coefficientPathSvg({ ...path, featureNames: ['a'] })).toThrow(
      'coefficientPathSvg: coefficients[0] has 2 values but there are 1 feature names',
    );
  });
});
