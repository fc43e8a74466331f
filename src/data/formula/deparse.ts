import type { FormulaNode } from './formulaSyntax.js';

/**
 * The text R's `deparse` gives an expression, which R uses to name a formula's variables and so
 * the columns of `model.matrix`: `+ - *` spaced, `/ ^ :` not, calls as `f(a, b, name = c)`,
 * numbers as R prints them (15 significant digits, `1e+05` where shorter than `100000`), and
 * non-syntactic names in backquotes. `I(age^2)`, `I(-b * 2 + 1)`, `poly(x, 2, raw = TRUE)`.
 */
export function deparse(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return formatNumber(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'name':
      return !node.quoted || isSyntactic(node.name) ? node.name : `\`${node.name}\``;
    case 'call': {
      const args = node.args.map((a) =>
        a.name === undefined ? deparse(a.value) : `${a.name} = ${deparse(a.value)}`,
      );
      return `${isSyntactic(node.callee) ? node.callee : `\`${node.callee}\``}(${args.join(', ')})`;
    }
    case 'binary': {
      const spaced = node.op !== '^' && node.op !== ':' && node.op !== '/';
      const op = spaced ? ` ${node.op} ` : node.op;
      return `${deparse(node.left)}${op}${deparse(node.right)}`;
    }
    case 'unary':
      return `${node.op}${deparse(node.operand)}`;
    case 'paren':
      return `(${deparse(node.inner)})`;
  }
}

const reserved = new Set([
  'if',
  'else',
  'repeat',
  'while',
  'function',
  'for',
  'next',
  'break',
  'TRUE',
  'FALSE',
  'NULL',
  'Inf',
  'NaN',
  'NA',
  'in',
]);

/** True for a syntactic R name: letters, digits, `.`, `_`, starting with a letter or `.` not followed by a digit. */
export function isSyntactic(name: string): boolean {
  return /^(?:[\p{L}]|\.(?!\d))[\p{L}\p{N}._]*$/u.test(name) && !reserved.has(name);
}

/**
 * A number as R prints it with the default 7 … 15 significant digits: the fewest significant
 * digits (at most 15) that give the value back, in fixed notation unless scientific notation is
 * shorter (R's `scipen = 0`), exponents with a sign and two digits at least (`1e+05`, `1e-04`).
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : value < 0 ? '-Inf' : 'NaN';
  if (value === 0) return '0';
  let digits = 1;
  while (digits < 15 && Number(value.toPrecision(digits)) !== value) digits++;
  const sci = value.toExponential(digits - 1);
  const [mantissa, exponent] = sci.split('e') as [string, string];
  const power = Number(exponent);
  const sign = power < 0 ? '-' : '+';
  const scientific = `${mantissa}e${sign}${String(Math.abs(power)).padStart(2, '0')}`;
  const rounded = Number(sci);
  const fixed = fixedText(rounded, Math.max(0, digits - 1 - power));
  return scientific.length < fixed.length ? scientific : fixed;
}

function fixedText(value: number, decimals: number): string {
  return decimals > 100 ? value.toExponential() : value.toFixed(decimals);
}
