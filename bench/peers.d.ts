// The binary model of ml-logistic-regression (its package ships no types).
declare module 'ml-logistic-regression/src/logreg_2classes.js' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegressionTwoClasses {
    constructor(options: { numSteps: number; learningRate: number });
    weights: Matrix;
    train(features: Matrix, target: Matrix): void;
  }
}
