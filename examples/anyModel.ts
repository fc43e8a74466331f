// The README's Classifier example: one code path predicts with a binary, a multinomial and a
// one-vs-rest model, and modelFromJSON restores whichever kind a JSON holds.
import { modelFromJSON, train, type Classifier } from 'logreg';

const X = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [2, 0],
  [0, 2],
];
export const models: Classifier[] = [
  train(X, ['a', 'b', 'a', 'b', 'a', 'b']),
  train(X, ['a', 'b', 'c', 'a', 'b', 'c'], { multiClass: 'multinomial' }),
  train(X, ['a', 'b', 'c', 'a', 'b', 'c'], { multiClass: 'ovr' }),
];
export const restored: Classifier[] = [];
for (const model of models) {
  const P = model.predictProba(X); // 6 × 2, then 6 × 3 twice: column k is P(classes[k])
  console.log(model.classes, P.rows, P.cols, model.predict(X));
  restored.push(modelFromJSON(JSON.parse(JSON.stringify(model)))); // the same kind, bit for bit
}
