import { FormulaError } from './formulaError.js';
import type {
  BinaryOperator,
  CallArgument,
  FormulaNode,
  NameNode,
  ParsedFormula,
} from './formulaSyntax.js';

/** A token of the formula text: kind, text, and 0-based character range. */
interface Token {
  readonly kind: 'number' | 'string' | 'name' | 'quoted' | 'op' | 'end';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Binding powers of the binary operators, R's precedence (`?Syntax`): `^` (right-associative)
 * binds tighter than unary minus, which binds tighter than `:`, then `*` `/`, then `+` `-`.
 */
const binaryPower: Readonly<Record<BinaryOperator, number>> = {
  '+': 10,
  '-': 10,
  '*': 20,
  '/': 20,
  ':': 30,
  '^': 50,
  '>': 5,
  '<': 5,
  '>=': 5,
  '<=': 5,
  '==': 5,
  '!=': 5,
};
const unaryPower = 40;

const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const namePattern = /(?:[\p{L}]|\.(?!\d))[\p{L}\p{N}._]*/uy;
const operators = new Set(['~', '+', '-', '*', '/', ':', '^', '(', ')', ',', '=']);

/**
 * Reads a model formula in R's syntax (Wilkinson–Rogers notation): `response ~ terms`, where
 * terms combine with `+`, `-`, `:`, `*`, `/`, `^` and parentheses, `.` stands for the other
 * columns, and calls (`I(age^2)`, `log(x)`, `factor(race)`, `poly(x, 2, raw = TRUE)`) hold
 * arithmetic. Names are R names (letters, digits, `.` and `_`, not starting with a digit) or any
 * text in backquotes. A recursive-descent (precedence-climbing) parser; each node keeps its
 * character range.
 *
 * @throws {FormulaError} a syntax error, with a caret under the character where it fails.
 */
export function parseFormula(text: string): ParsedFormula {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const fail = (position: number, problem: string): never => {
    throw new FormulaError(text, position, problem);
  };
  const describe = (token: Token): string =>
    token.kind === 'end' ? 'the end of the formula' : `"${token.text}"`;

  const expect = (op: string, why: string): Token => {
    const token = peek();
    if (token.kind !== 'op' || token.text !== op)
      fail(token.start, `${why}, found ${describe(token)}`);
    return next();
  };

  function primary(after: string): FormulaNode {
    const token = next();
    if (token.kind === 'string') {
      return { kind: 'string', value: token.text, start: token.start, end: token.end };
    }
    if (token.kind === 'number') {
      return { kind: 'number', value: Number(token.text), start: token.start, end: token.end };
    }
    if (token.kind === 'quoted' || token.kind === 'name') {
      const name: NameNode = {
        kind: 'name',
        name: token.text,
        quoted: token.kind === 'quoted',
        start: token.start,
        end: token.end,
      };
      const open = peek();
      if (open.kind === 'op' && open.text === '(') return call(name);
      return name;
    }
    if (token.kind === 'op' && (token.text === '-' || token.text === '+')) {
      const operand = expression(unaryPower, `"${token.text}"`);
      return { kind: 'unary', op: token.text, operand, start: token.start, end: operand.end };
    }
    if (token.kind === 'op' && token.text === '(') {
      const inner = expression(0, '"("');
      const close = expect(')', `expected ")" to close the "(" at character ${token.start + 1}`);
      return { kind: 'paren', inner, start: token.start, end: close.end };
    }
    if (token.kind === 'end') return fail(token.start, `expected a term after ${after}`);
    return fail(token.start, `expected a term after ${after}, found ${describe(token)}`);
  }

  function call(callee: NameNode): FormulaNode {
    const open = next();
    const args: CallArgument[] = [];
    if (!(peek().kind === 'op' && peek().text === ')')) {
      for (;;) {
        const first = peek();
        const second = tokens[at + 1]!;
        let name: string | undefined;
        if (
          (first.kind === 'name' || first.kind === 'quoted') &&
          second.text === '=' &&
          second.kind === 'op'
        ) {
          name = first.text;
          at += 2;
        }
        const value = expression(0, name === undefined ? `"${callee.name}("` : `"${name} ="`);
        args.push({ name, value, start: first.start, end: value.end });
        const token = peek();
        if (token.kind === 'op' && token.text === ',') {
          next();
          continue;
        }
        break;
      }
    }
    const close = expect(
      ')',
      `expected "," or ")" in the call of ${callee.name}( at character ${open.start + 1}`,
    );
    return { kind: 'call', callee: callee.name, args, start: callee.start, end: close.end };
  }

  let depth = 0;
  function expression(minPower: number, after: string): FormulaNode {
    // Nesting recurses: a hostile "((((…" must be an error, not a stack overflow.
    if (++depth > maxDepth) fail(peek().start, `the formula nests deeper than ${maxDepth} levels`);
    const node = expressionAt(minPower, after);
    depth--;
    return node;
  }

  function expressionAt(minPower: number, after: string): FormulaNode {
    let left = primary(after);
    for (;;) {
      const token = peek();
      if (token.kind !== 'op' || !(token.text in binaryPower)) break;
      const op = token.text as BinaryOperator;
      const power = binaryPower[op];
      if (power <= minPower) break;
      next();
      // Right-associative ^ parses its right side at one power less.
      const right = expression(op === '^' ? power - 1 : power, `"${op}"`);
      left = {
        kind: 'binary',
        op,
        left,
        right,
        operator: token.start,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  }

  let response: FormulaNode | undefined;
  const first = peek();
  if (!(first.kind === 'op' && first.text === '~')) {
    if (first.kind === 'end') fail(0, 'the formula is empty: write response ~ terms');
    response = expression(0, 'the start');
  }
  const tilde = peek();
  if (!(tilde.kind === 'op' && tilde.text === '~')) {
    fail(tilde.start, `expected "~" between the response and the terms, found ${describe(tilde)}`);
  }
  next();
  const rhs = expression(0, '"~"');
  const end = peek();
  if (end.kind !== 'end') {
    fail(
      end.start,
      end.text === ')'
        ? 'unmatched ")"'
        : `expected an operator (+ - * / : ^), found ${describe(end)}`,
    );
  }
  for (const root of [response, rhs]) {
    const deep = root === undefined ? undefined : tooDeep(root);
    if (deep !== undefined) {
      fail(
        deep.start,
        `the formula nests deeper than ${maxDepth} levels (use "." for many columns)`,
      );
    }
  }
  return { text, response, rhs };
}

/**
 * The most levels of nesting (parentheses, calls, operators in a chain such as a + b + c): the
 * tree is walked recursively afterwards, so its depth must stay far below the call stack's.
 */
const maxDepth = 1000;

/** The first node deeper than {@link maxDepth} (an explicit stack, not recursion), or undefined. */
function tooDeep(root: FormulaNode): FormulaNode | undefined {
  const stack: [FormulaNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (level > maxDepth) return node;
    const children =
      node.kind === 'binary'
        ? [node.left, node.right]
        : node.kind === 'unary'
          ? [node.operand]
          : node.kind === 'paren'
            ? [node.inner]
            : node.kind === 'call'
              ? node.args.map((a) => a.value)
              : [];
    for (const child of children) stack.push([child, level + 1]);
  }
  return undefined;
}

/** Splits the text into tokens, skipping white space; the last token is `end`. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    numberPattern.lastIndex = i;
    namePattern.lastIndex = i;
    const number = numberPattern.exec(text);
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], start: i, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    const name = namePattern.exec(text);
    if (name !== null) {
      tokens.push({ kind: 'name', text: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw new FormulaError(text, i, 'unterminated backquoted name: no closing `');
      if (close === i + 1) throw new FormulaError(text, i, 'empty backquoted name');
      tokens.push({ kind: 'quoted', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['>=', '<=', '==', '!='].includes(two)) {
      tokens.push({ kind: 'op', text: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new FormulaError(text, i, `unterminated string: no closing ${c}`);
      tokens.push({ kind: 'string', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '>' || c === '<') {
      tokens.push({ kind: 'op', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (operators.has(c)) {
      tokens.push({ kind: 'op', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    const hint = c === '%' ? ' (%in% and other %…% operators are not supported)' : '';
    throw new FormulaError(text, i, `unexpected character "${c}"${hint}`);
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
