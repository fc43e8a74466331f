import { ShapeError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { coefficientForestSvg } from '../plot/coefficientForestSvg.js';
import { lossCurveSvg } from '../plot/lossCurveSvg.js';
import { evaluationSection } from './evaluationSection.js';
import {
  cell,
  escapeHtml,
  factList,
  figure,
  htmlTable,
  pValueCell,
  REPORT_CSS,
} from './htmlParts.js';

/** Rows to evaluate the model on, for the evaluation part of {@link htmlReport}. */
export interface ReportData {
  /** Where the rows came from (e.g. a file name), shown in the heading. */
  readonly source: string;
  /** n rows of the model's features: rows of numbers, a row-major matrix or CSR. */
  readonly X: MatrixInput;
  /**
   * The true class of each row: binary models 1 for the positive class and 0 for the other (as
   * the metrics take it); multiclass models the index into `model.classes`.
   */
  readonly y: ArrayLike<number>;
  /** Rows left out before X (e.g. for missing values), reported. Default 0. */
  readonly droppedRows?: number;
}

/** The width of the report's own figures: small enough to stay legible scaled down on a phone. */
const figureWidth = 480;

/** Options of {@link htmlReport}. */
export interface HtmlReportOptions {
  /** The page title. Default `'Logistic regression report'`. */
  readonly title?: string;
  /** The training data as described in the heading: source, rows used, rows dropped. */
  readonly training?: {
    readonly source: string;
    readonly rows: number;
    readonly droppedRows: number;
  };
  /** With data: the evaluation part (metrics, confusion matrix, class counts, curves). */
  readonly data?: ReportData;
  /** Confidence level of the intervals. Default 0.95. */
  readonly level?: number;
}

/**
 * A one-file HTML report of a fitted model: the page a reader opens on a phone or a desktop and
 * shares as it is. Self-contained: inline CSS and inline SVG, no script, no font, no image, and a
 * Content-Security-Policy of `default-src 'none'` so that the browser itself refuses any request.
 *
 * Contents: the fit (kind, classes, penalty, solver, convergence, training rows and rows dropped);
 * for a binary model R's coefficient table (estimates, standard errors, z, p, the `level`
 * intervals and odds ratios with theirs) with the fit statistics and a forest plot of the
 * coefficients and their intervals (`coefficientForestSvg`); for a multiclass model the
 * coefficients per class; the training objective per iteration (`lossCurveSvg`). With `data`,
 * `evaluationSection`: class counts, rows dropped, metrics, the confusion matrix at the model's
 * threshold and, for binary models, the ROC, precision–recall and calibration curves.
 *
 * @throws {ShapeError} `data.y` and `data.X` differ in rows, or X does not fit the model.
 * @example
 * const html = htmlReport(model, { data: { source: 'test.csv', X: Xtest, y: yTest } });
 * html.startsWith('<!DOCTYPE html>'); // true
 */
export function htmlReport(model: FittedModel, options: HtmlReportOptions = {}): string {
  const title = options.title ?? 'Logistic regression report';
  const level = options.level ?? 0.95;
  const sections = [fitSection(model, options), coefficientSection(model, level)];
  const charts = chartSection(model, level);
  if (charts !== '') sections.push(charts);
  if (options.data !== undefined) {
    if (options.data.y.length !== rowsOf(options.data.X)) {
      throw new ShapeError(
        `htmlReport: data.y has ${options.data.y.length} values, but data.X has ${rowsOf(options.data.X)} rows`,
      );
    }
    sections.push(evaluationSection(model, options.data));
  }
  const kind = kindText(model);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${REPORT_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(kind)} · classes ${escapeHtml(model.classes.map(String).join(', '))} · ${model.featureNames.length} features</p>`,
    '</header>',
    ...sections,
    '<footer>Written by logreg. Self-contained: no script, no network request.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function rowsOf(X: MatrixInput): number {
  return Array.isArray(X) ? X.length : (X as { rows: number }).rows;
}

function kindText(model: FittedModel): string {
  if (model instanceof LogisticRegressionModel) return 'Binary logistic regression';
  return model.kind === 'multinomial'
    ? 'Multinomial (softmax) logistic regression'
    : 'One-vs-rest logistic regression';
}

function fitSection(model: FittedModel, options: HtmlReportOptions): string {
  const r = model.fitReport;
  const facts: [string, string][] = [['model', escapeHtml(kindText(model))]];
  if (model instanceof LogisticRegressionModel) {
    facts.push(['positive class', escapeHtml(String(model.positiveClass))]);
    facts.push([
      'decision threshold',
      model.threshold === undefined ? 'P &gt; 0.5' : `P ≥ ${cell(model.threshold)} (tuned)`,
    ]);
  }
  facts.push(
    ['penalty', escapeHtml(r.penalty + (r.C === null ? '' : `, C = ${r.C}`))],
    ['solver', escapeHtml(r.solver)],
    ['standardized', r.standardize ? 'yes' : 'no'],
    [
      'converged',
      `${r.converged ? 'yes' : '<strong>no</strong>'} (${r.iterations} iterations, ${escapeHtml(r.stopReason)})`,
    ],
    ['features', String(model.featureNames.length)],
  );
  const t = options.training;
  if (t !== undefined) {
    facts.push(['training data', escapeHtml(t.source === '' ? '—' : t.source)]);
    facts.push(['training rows', String(t.rows)], ['rows dropped', String(t.droppedRows)]);
  } else {
    facts.push(['training rows', String(r.nObservations)]);
  }
  const warnings = r.warnings.map((w) => `<p class="note">Warning: ${escapeHtml(w)}</p>`);
  return ['<section id="fit">', '<h2>Fit</h2>', factList(facts), ...warnings, '</section>'].join(
    '\n',
  );
}

function coefficientSection(model: FittedModel, level: number): string {
  const percent = `${Math.round(level * 1000) / 10} %`;
  if (!(model instanceof LogisticRegressionModel)) {
    const head = ['', ...model.classes.map((c) => escapeHtml(String(c)))];
    const rows = [
      ['(Intercept)', ...model.intercepts.map((b) => cell(b))],
      ...model.featureNames.map((name, j) => [
        escapeHtml(name),
        ...model.coefficients.map((w) => cell(w[j])),
      ]),
    ];
    return [
      '<section id="coefficients">',
      '<h2>Coefficients</h2>',
      htmlTable('Log-odds coefficients, one column per class', head, rows, 'coefficients'),
      '<p class="note">Multiclass fits have no standard errors or intervals here.</p>',
      '</section>',
    ].join('\n');
  }
  const s = model.summary({ level });
  const head = [
    '',
    'Estimate',
    'Std. error',
    'z',
    'p',
    `${percent} CI lower`,
    'upper',
    'Odds ratio',
    'OR lower',
    'OR upper',
  ];
  const rows = s.coefficients.map((c) => [
    escapeHtml(c.name),
    cell(c.estimate),
    cell(c.stdError),
    cell(c.z, 3),
    pValueCell(c.pValue),
    cell(c.ciLower),
    cell(c.ciUpper),
    cell(c.oddsRatio),
    cell(c.oddsRatioLower),
    cell(c.oddsRatioUpper),
  ]);
  const stats: [string, string][] = [
    ['observations', String(s.nObservations)],
    ['log-likelihood', cell(s.logLikelihood, 6)],
    ['deviance', cell(s.deviance, 6)],
    ['null deviance', cell(s.nullDeviance, 6)],
    ['AIC', cell(s.aic, 6)],
    ['BIC', cell(s.bic, 6)],
    ['McFadden R²', cell(s.pseudoR2)],
    [
      'likelihood-ratio test',
      s.lrStatistic === null
        ? '—'
        : `χ² = ${cell(s.lrStatistic)} on ${s.lrDf} df, p ${pValueText(s.lrPValue)}`,
    ],
  ];
  return [
    '<section id="coefficients">',
    '<h2>Coefficients</h2>',
    htmlTable(
      `Estimates on the log-odds scale with ${percent} ${s.ci === 'profile' ? 'profile-likelihood' : 'Wald'} intervals; odds ratio = exp(estimate)`,
      head,
      rows,
      'coefficients',
    ),
    ...s.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`),
    factList(stats),
    '</section>',
  ].join('\n');
}

function chartSection(model: FittedModel, level: number): string {
  const figures: string[] = [];
  if (model instanceof LogisticRegressionModel && model.featureNames.length > 0) {
    const s = model.summary({ level });
    const rows = s.coefficients
      .filter((c) => c.name !== '(Intercept)')
      .map((c) => ({ name: c.name, estimate: c.estimate, lower: c.ciLower, upper: c.ciUpper }))
      .filter((r) => [r.estimate, r.lower ?? 0, r.upper ?? 0].every(Number.isFinite));
    if (rows.length > 0) {
      const percent = `${Math.round(level * 1000) / 10} %`;
      const intervals = rows.some((r) => r.lower !== null);
      figures.push(
        figure(
          'forest',
          coefficientForestSvg(rows, {
            title: intervals
              ? `Coefficients with ${percent} intervals`
              : 'Coefficients (no intervals)',
            width: figureWidth,
          }),
          'Each dot is an estimate (log-odds per unit of the feature), each bar its interval; the dashed line is no effect.',
        ),
      );
    }
  }
  const losses = model.fitReport.lossHistory;
  if (losses.length >= 2) {
    figures.push(
      figure(
        'loss',
        lossCurveSvg(losses, { width: figureWidth, height: 380 }),
        'The training objective after each solver iteration.',
      ),
    );
  }
  if (figures.length === 0) return '';
  return [
    '<section id="charts">',
    '<h2>Figures</h2>',
    '<div class="charts">',
    ...figures,
    '</div>',
    '</section>',
  ].join('\n');
}

/** `= 0.03`, or `< 2e−16` for the smallest. */
function pValueText(p: number | null): string {
  const text = pValueCell(p);
  return text.startsWith('&lt;') ? text : `= ${text}`;
}
