import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { htmlReport, train, trainMulticlass } from '../../src/index.js';
import { loadDataset } from '../helpers/fixtures.js';

describe('htmlReport', () => {
  const { X, y, featureNames } = loadDataset('pima');
  const model = train(X, y, { featureNames, penalty: 'none' });

  it('is one self-contained page: inline style and SVG, no script, no external resource', () => {
    const html = htmlReport(model, { data: { source: 'pima.csv', X, y } });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import/i);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(5);
  });

  it('prints the summary table numbers and the evaluation of the data', () => {
    const html = htmlReport(model, { data: { source: 'pima.csv', X, y, droppedRows: 3 } });
    const s = model.summary();
    const glucose = s.coefficients.find((c) => c.name === 'glucose')!;
    // formatNumber with 4 significant digits, as the table writes them.
    expect(html).toContain(`<td>${Number(glucose.oddsRatio.toPrecision(4))}</td>`);
    expect(html).toContain(`<td>${Number(glucose.ciLower!.toPrecision(4))}</td>`);
    expect(html).toMatch(/rows dropped<\/dt><dd>3</);
    const positives = y.filter((v) => v === 1).length;
    expect(html).toContain(`<td>${positives}</td>`);
    expect(html).toContain(`<td>${y.length - positives}</td>`);
  });

  it('escapes every name it prints', () => {
    const odd = train(X, y, { featureNames: featureNames.map((n, j) => (j === 0 ? '<b>&"x' : n)) });
    const html = htmlReport(odd, { title: 'a < b' });
    expect(html).toContain('&lt;b&gt;&amp;&quot;x');
    expect(html).not.toContain('<b>&"x');
    expect(html).toContain('<title>a &lt; b</title>');
  });

  it('reports a multiclass model with its coefficients per class and a labelled confusion matrix', () => {
    const digits = loadDataset('digits', 'label');
    const multi = trainMulticlass(digits.X, digits.y, { maxIterations: 3 });
    const html = htmlReport(multi, { data: { source: 'digits.csv', X: digits.X, y: digits.y } });
    expect(html).toContain('Multinomial (softmax) logistic regression');
    expect(html).toContain('Confusion matrix');
    expect(html).not.toContain('data-figure="roc"');
  });

  it('refuses data whose labels and rows differ in count', () => {
    expect(() => htmlReport(model, { data: { source: 'x', X, y: y.slice(1) } })).toThrow(
      ShapeError,
    );
  });
});
