import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { dropTerms } from '../../src/selection/dropTerms.js';
import { train } from '../../src/model/train.js';
import { loadJson } from '../helpers/fixtures.js';

/** R 4.2.2 drop1(glm(Sex ~ Height + Pulse + Exer + Smoke), test = "LRT") (scripts/r-drop1.R). */
const r = loadJson<{
  terms: string[];
  df: (number | null)[];
  deviance: number[];
  aic: number[];
  lrt: (number | null)[];
  p_value: (number | null)[];
}>('r_drop1.json');

/** MASS survey, coded as R's model.matrix codes it (treatment dummies, first level the reference). */
function survey() {
  const path = fileURLToPath(new URL('../fixtures/drop1_survey.csv', import.meta.url));
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const exer = ['None', 'Some'];
  const smoke = ['Never', 'Occas', 'Regul'];
  const X = rows.map((c) => [
    Number(c[1]),
    Number(c[2]),
    ...exer.map((level) => (c[3] === level ? 1 : 0)),
    ...smoke.map((level) => (c[4] === level ? 1 : 0)),
  ]);
  const names = [
    'Height',
    'Pulse',
    ...exer.map((l) => `Exer${l}`),
    ...smoke.map((l) => `Smoke${l}`),
  ];
  const terms = [
    { name: 'Height', features: ['Height'] },
    { name: 'Pulse', features: ['Pulse'] },
    { name: 'Exer', features: names.slice(2, 4) },
    { name: 'Smoke', features: names.slice(4) },
  ];
  return { X, y: rows.map((c) => c[0]), names, terms };
}

describe('dropTerms equals R drop1(test = "LRT") to 1e-8', () => {
  const { X, y, names, terms } = survey();
  const model = train(X, y, { penalty: 'none', featureNames: names });

  it('one row per term, a factor being one term', () => {
    const result = dropTerms(model, X, y, { terms });
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    expect(rel(result.deviance, r.deviance[0])).toBeLessThan(1e-8);
    expect(rel(result.aic, r.aic[0])).toBeLessThan(1e-8);
    expect(result.terms.map((t) => t.term)).toEqual(r.terms.slice(1));
    result.terms.forEach((t, k) => {
      expect(t.df).toBe(r.df[k + 1]);
      expect(rel(t.deviance, r.deviance[k + 1])).toBeLessThan(1e-8);
      expect(rel(t.aic, r.aic[k + 1])).toBeLessThan(1e-8);
      expect(rel(t.lrStatistic, r.lrt[k + 1]!)).toBeLessThan(1e-8);
      expect(rel(t.pValue, r.p_value[k + 1]!)).toBeLessThan(1e-7);
    });
  });

  it('without terms, each feature is its own term', () => {
    expect(dropTerms(model, X, y).terms.map((t) => t.df)).toEqual(names.map(() => 1));
  });

  it('refuses other data, bad terms and penalized models', () => {
    const other = X.map((row, i) => (i === 0 ? [row[0] + 1, ...row.slice(1)] : row));
    expect(() => dropTerms(model, other, y, { terms })).toThrow(/the values of 'Height' differ/);
    expect(() => dropTerms(model, X, y, { terms: terms.slice(1) })).toThrow(
      /features in no term: 'Height'/,
    );
    expect(() =>
      dropTerms(model, X, y, { terms: [...terms, { name: 'x', features: ['Height'] }] }),
    ).toThrow(/in two terms/);
    const l2 = train(X, y, { featureNames: names });
    expect(() => dropTerms(l2, X, y)).toThrow(ValueError);
  });
});
