import { InvalidArgumentError } from 'commander';

/** A parser for a number flag: finite, and greater than `min` (or ≥ when `inclusive`). */
export function numberFlag(
  min: number,
  { inclusive = false, integer = false }: { inclusive?: boolean; integer?: boolean } = {},
): (value: string) => number {
  const wanted = `${integer ? 'an integer' : 'a number'} ${inclusive ? '≥' : '>'} ${min}`;
  return (value) => {
    const n = value.trim() === '' ? NaN : Number(value);
    const ok =
      Number.isFinite(n) && (inclusive ? n >= min : n > min) && (!integer || Number.isInteger(n));
    if (!ok) throw new InvalidArgumentError(`expected ${wanted}.`);
    return n;
  };
}

/**
 * Parses `a,b,c` into names by CSV rules: a name holding a comma or a quote is quoted, with
 * quotes doubled (`"a,b",c` is `a,b` and `c`; `"say ""hi"""` is `say "hi"`). Unquoted names are
 * trimmed and empty ones skipped; quoted ones are kept as written. Repeated flags add up
 * (`--features a --features b`).
 */
export function listFlag(value: string, previous: readonly string[] | undefined): string[] {
  const names: string[] = [];
  let at = 0;
  while (at <= value.length) {
    while (value[at] === ' ') at++;
    if (value[at] === '"') {
      const { name, end } = quotedName(value, at);
      names.push(name);
      at = end + 1;
    } else {
      const comma = value.indexOf(',', at);
      const end = comma < 0 ? value.length : comma;
      const name = value.slice(at, end).trim();
      if (name !== '') names.push(name);
      at = end + 1;
    }
  }
  if (names.length === 0)
    throw new InvalidArgumentError('expected column names separated by commas.');
  return [...(previous ?? []), ...names];
}

/** The quoted name that starts at `start` (a quote) and the index of the comma (or end) after it. */
function quotedName(value: string, start: number): { name: string; end: number } {
  let name = '';
  let j = start + 1;
  for (;;) {
    if (j >= value.length) {
      throw new InvalidArgumentError(
        `unterminated quote in ${value}: close the name with a quote.`,
      );
    }
    if (value[j] === '"') {
      if (value[j + 1] !== '"') break;
      name += '"';
      j += 2;
    } else name += value[j++];
  }
  j++;
  while (value[j] === ' ') j++;
  if (j < value.length && value[j] !== ',') {
    throw new InvalidArgumentError(`expected a comma after the quoted name "${name}" in ${value}.`);
  }
  return { name, end: j };
}

/** One character; `\t` and `tab` mean a tab. */
export function delimiterFlag(value: string): string {
  if (value === '\\t' || value === 'tab') return '\t';
  if (value.length !== 1 || value === '"' || value === '\n' || value === '\r') {
    throw new InvalidArgumentError(
      'expected one character other than a quote or a line break (or "tab").',
    );
  }
  return value;
}

/** `balanced`, or weights per class: `0=1,1=5`. */
export function classWeightFlag(value: string): 'balanced' | Record<string, number> {
  if (value === 'balanced') return 'balanced';
  const weights: Record<string, number> = {};
  for (const part of value.split(',')) {
    const at = part.lastIndexOf('=');
    const weight = at > 0 ? Number(part.slice(at + 1)) : NaN;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new InvalidArgumentError(
        'expected "balanced" or class=weight pairs such as "0=1,1=5".',
      );
    }
    weights[part.slice(0, at).trim()] = weight;
  }
  return weights;
}

/** A confidence level: a number in (0, 1). */
export function levelFlag(value: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('expected a number in (0, 1).');
  return n;
}

/** A recall to reach: a number in (0, 1]. */
export function recallFlag(value: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('expected a number in (0, 1].');
  return n;
}

/** A fraction of rows: a number in [0, 1). */
export function fractionFlag(value: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError('expected a number in [0, 1).');
  return n;
}

/**
 * `--Cs`: an integer count of log-spaced values (`10`), or the values (`0.01,0.1,1,10`); the
 * command checks the size against `--max-grid` (see `checkGridSize`).
 */
export function csFlag(value: string): number | number[] {
  const parts = value.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => (part === '' ? NaN : Number(part)));
  if (parts.length === 1 && Number.isInteger(numbers[0]) && numbers[0]! >= 1) {
    return numbers[0]!;
  }
  if (parts.length === 1 || !numbers.every((n) => Number.isFinite(n) && n > 0)) {
    throw new InvalidArgumentError(
      'expected a count of log-spaced values (such as 10) or values of C > 0 separated by commas (such as 0.01,0.1,1,10).',
    );
  }
  return numbers;
}

/** A number in [0, 1] (`--l1-ratio`). */
export function unitIntervalFlag(value: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number in [0, 1].');
  return n;
}

/** A parser for a size limit: an integer in [1, max]. */
export function limitFlag(max: number): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!(Number.isInteger(n) && n >= 1 && n <= max)) {
      throw new InvalidArgumentError(`expected an integer from 1 to ${max}.`);
    }
    return n;
  };
}

/** `N/A,-,missing`: tokens that mean "missing"; repeated flags add up. */
export function naValuesFlag(value: string, previous: readonly string[] | undefined): string[] {
  const tokens = value.split(',').map((token) => token.trim());
  return [...(previous ?? []), ...tokens];
}
