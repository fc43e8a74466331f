#!/usr/bin/env node
// `npm run demo`: the command line on the data shipped in examples/data/.
// 1. Pima diabetes: a maximum-likelihood fit (R's glm(y ~ ., binomial)) and its summary, R's
//    coefficient table with standard errors, p-values, intervals and odds ratios.
// 2. Breast cancer: splits the rows into a training and a test file (every fourth row is a test
//    row), chooses the L2 strength C by 5-fold cross-validation on standardized features, refits
//    at it, and evaluates on the held-out rows (with the ROC, precision-recall and calibration
//    curves); then fits Firth's bias-reduced model (the classes are separable, so an unpenalized
//    fit has no finite estimates), whose summary has standard errors.
// The models and plots go into demo-output/ (or the folder given as the first argument), with a
// one-file HTML report of the Firth model on the test rows and the chosen model as an ONNX graph.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? join(root, 'demo-output');
const cli = join(root, 'dist', 'cli', 'main.js');
const shown = (path) => relative(process.cwd(), path) || '.';

mkdirSync(out, { recursive: true });
const [header, ...rows] = readFileSync(join(root, 'examples', 'data', 'breast_cancer.csv'), 'utf8')
  .trimEnd()
  .split('\n');
const trainFile = join(out, 'train.csv');
const testFile = join(out, 'test.csv');
writeFileSync(trainFile, [header, ...rows.filter((_, i) => i % 4 !== 0)].join('\n') + '\n');
writeFileSync(testFile, [header, ...rows.filter((_, i) => i % 4 === 0)].join('\n') + '\n');

/** Runs one logreg command, echoing it; stops the demo if it fails. */
function logreg(...args) {
  const relativeArgs = args.map((a) => (a.startsWith(out) || a.startsWith(root) ? shown(a) : a));
  console.log(`\n$ logreg ${relativeArgs.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...relativeArgs], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const pima = join(root, 'examples', 'data', 'pima.csv');
const pimaModel = join(out, 'pima.json');
console.log(
  "Pima diabetes (768 rows, 8 features, y = 1 for diabetes): maximum likelihood, as R's glm.",
);
logreg(
  'train',
  pima,
  '--target',
  'y',
  '--penalty',
  'none',
  '--model',
  pimaModel,
  '--plot-loss',
  join(out, 'loss.svg'),
);
logreg('summary', pimaModel);

console.log(
  `\nBreast cancer (569 rows, 30 features, y = 1 for benign): ${rows.length - Math.ceil(rows.length / 4)} ` +
    `training rows in ${shown(trainFile)}, ${Math.ceil(rows.length / 4)} test rows in ${shown(testFile)}.`,
);
logreg(
  'cv',
  trainFile,
  '--target',
  'y',
  '--standardize',
  '--Cs',
  '9',
  '--model',
  join(out, 'cv-model.json'),
  '--plot-cv',
  join(out, 'cv.svg'),
);
logreg(
  'evaluate',
  join(out, 'cv-model.json'),
  testFile,
  '--roc',
  join(out, 'roc.svg'),
  '--pr',
  join(out, 'pr.svg'),
  '--calibration',
  join(out, 'calibration.svg'),
);
const firth = join(out, 'firth.json');
logreg('train', trainFile, '--target', 'y', '--penalty', 'firth', '--model', firth, '--quiet');
logreg('summary', firth);
const report = join(out, 'report.html');
logreg('report', firth, '--data', testFile, '--html', report);
logreg('export', join(out, 'cv-model.json'), '--onnx', join(out, 'model.onnx'));
console.log(`\nThe report (one self-contained HTML file, phone or desktop): ${shown(report)}`);
console.log(
  `\nModels and plots are in ${shown(out)}/: open loss.svg, cv.svg, roc.svg, pr.svg and calibration.svg in a browser.`,
);
