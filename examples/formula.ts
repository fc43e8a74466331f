// The README's formula example: R's glm(formula, family = binomial, data) in the library.
import { trainFormula } from 'logreg';
import { readTable } from 'logreg/node';

const pima = await readTable(new URL('./data/pima.csv', import.meta.url).pathname);

// As R: glm(y ~ glucose + mass + log(pedigree) + poly(age, 2) + I(pregnant > 0), binomial, pima)
export const fit = trainFormula(
  'y ~ glucose + mass + log(pedigree) + poly(age, 2) + I(pregnant > 0)',
  pima,
  { penalty: 'none' },
);
console.log(fit.model.featureNames);
// [ 'glucose', 'mass', 'log(pedigree)', 'poly(age, 2)1', 'poly(age, 2)2', 'I(pregnant > 0)TRUE' ]
console.log(fit.model.intercept, fit.model.coefficients);

// The fitted formula builds the same columns from new rows (levels and poly coefficients kept).
export const probabilities = fit.positiveProbability(pima).slice(0, 3);
console.log(probabilities);

// Saved as JSON, loaded back, same predictions.
export const restored = JSON.parse(JSON.stringify(fit)) as unknown;
