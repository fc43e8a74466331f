// The README's export and report example: a model with a categorical column as an ONNX graph run
// by onnxruntime, and as a one-file HTML report.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { htmlReport, train } from 'logreg';
import { toOnnx } from 'logreg/onnx';

// Age and plan ('basic' or 'pro') → renewed the subscription? 'plan' is one-hot coded with
// 'basic' as the reference level, so the model's features are age and plan=pro.
const age = [23, 35, 41, 52, 29, 61, 33, 47, 38, 55, 26, 44];
const plan = [
  'basic',
  'pro',
  'basic',
  'pro',
  'basic',
  'pro',
  'pro',
  'basic',
  'pro',
  'basic',
  'pro',
  'basic',
];
const renewed = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0];
const X = age.map((a, i) => [a, plan[i] === 'pro' ? 1 : 0]);
export const model = train(X, renewed, { penalty: 'none', featureNames: ['age', 'plan=pro'] });

// One graph input per column: age as float64 [N, 1], plan as string [N, 1].
const bytes = toOnnx(model, {
  columns: [
    { column: 'age', kind: 'numeric' },
    { column: 'plan', kind: 'categorical', levels: ['basic', 'pro'], reference: 'basic' },
  ],
});
const out = mkdtempSync(join(tmpdir(), 'logreg-example-'));
writeFileSync(join(out, 'model.onnx'), bytes);

const session = await ort.InferenceSession.create(join(out, 'model.onnx'));
const result = await session.run({
  age: new ort.Tensor('float64', Float64Array.from([30, 50]), [2, 1]),
  plan: new ort.Tensor('string', ['pro', 'basic'], [2, 1]),
});
export const onnxProbabilities = result.probabilities.data as Float64Array; // [P(0), P(1)] per row
export const onnxLabels = result.label.data as BigInt64Array; // the predicted class per row
console.log(
  onnxProbabilities,
  model.predictProba([
    [30, 1],
    [50, 0],
  ]).data,
); // the same to 1e-12: [P(0), P(1)] per row, columns in model.classes order

// The report: fit, coefficient table with odds ratios, forest plot, loss curve, and (with data)
// the evaluation with ROC, precision–recall and calibration curves.
export const html = htmlReport(model, {
  title: 'Renewals',
  data: { source: 'training rows', X, y: renewed },
});
writeFileSync(join(out, 'report.html'), html);
console.log(`wrote ${join(out, 'model.onnx')} and ${join(out, 'report.html')}`);
