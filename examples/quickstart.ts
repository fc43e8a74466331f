// The README's library example: train, inspect, predict, save and load.
import { LogisticRegressionModel, formatSummary, train } from 'logreg';

// Hours studied and hours slept → passed the exam?
const X = [
  [1, 8],
  [2, 6],
  [3, 7],
  [4, 5],
  [5, 8],
  [6, 4],
  [7, 7],
  [8, 6],
  [2, 9],
  [6, 9],
];
const y = ['fail', 'fail', 'fail', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass', 'fail'];

// Maximum likelihood, as R's glm(passed ~ studied + slept, family = binomial).
export const model = train(X, y, { penalty: 'none', featureNames: ['studied', 'slept'] });
console.log(model.classes, model.positiveClass); // [ 'fail', 'pass' ] pass
console.log(model.coefficients, model.intercept);
console.log(formatSummary(model.summary()));

// P(pass) for a new student, and the predicted class.
export const probability = model.positiveProbability([[5, 7]])[0];
console.log(probability.toFixed(3), model.predict([[5, 7]]));

// Models are plain JSON: save anywhere, load bit for bit.
const saved = JSON.stringify(model);
export const restored = LogisticRegressionModel.fromJSON(JSON.parse(saved));
console.log(restored.positiveProbability([[5, 7]])[0] === probability); // true
