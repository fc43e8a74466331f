/**
 * Just enough XML reading to test the charts without a DOM: a well-formedness check, elements
 * with their attributes and text, and the points of path data.
 */

export interface SvgElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text directly inside the element, entities decoded (empty for self-closing tags). */
  readonly text: string;
}

const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /([\w:-]+)="([^"<]*)"/g;
const ENTITY = /&(amp|lt|gt|quot|#39);/g;

export function decodeEntities(text: string): string {
  const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return text.replace(ENTITY, (_, name: string) => map[name] ?? '');
}

/**
 * Throws unless `svg` is one well-formed element tree: tags balanced and properly nested,
 * attribute values double-quoted without `<`, text without a raw `<`, every `&` an entity
 * reference, no characters XML 1.0 forbids.
 */
export function assertWellFormed(svg: string): void {
  // eslint-disable-next-line no-control-regex -- looking for exactly these characters
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(svg)) {
    throw new Error('forbidden control character');
  }
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const text = svg.slice(i, lt < 0 ? svg.length : lt);
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`bare & in text: ${text}`);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside root: ${text}`);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const match = TAG.exec(svg);
    if (!match) throw new Error(`malformed tag at ${lt}: ${svg.slice(lt, lt + 80)}`);
    const [whole, closing, name, attributes, selfClosing] = match;
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(attributes ?? '')) {
      throw new Error(`bare & in attributes of <${name}>`);
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name as string);
    } else if (stack.length === 0) {
      roots += 1;
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, got ${roots}`);
}

/** Every element, in document order. */
export function elements(svg: string): SvgElement[] {
  const result: SvgElement[] = [];
  const pattern = /<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  for (const match of svg.matchAll(pattern)) {
    const [whole, tag, attributeText, selfClosing] = match;
    const attributes: Record<string, string> = {};
    for (const [, name, value] of (attributeText ?? '').matchAll(ATTRIBUTE)) {
      attributes[name as string] = decodeEntities(value as string);
    }
    let text = '';
    if (!selfClosing) {
      const start = (match.index ?? 0) + whole.length;
      const end = svg.indexOf('<', start);
      text = decodeEntities(svg.slice(start, end));
    }
    result.push({ tag: tag as string, attributes, text });
  }
  return result;
}

/** Elements with the given tag and, if given, class. */
export function select(svg: string, tag: string, className?: string): SvgElement[] {
  return elements(svg).filter(
    (e) =>
      e.tag === tag &&
      (className === undefined || (e.attributes.class ?? '').split(' ').includes(className)),
  );
}

/** The vertices of path data made of `M` and `L` commands (and a closing `Z`). */
export function pathPoints(d: string): [number, number][] {
  const points: [number, number][] = [];
  for (const [, x, y] of d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) {
    points.push([Number(x), Number(y)]);
  }
  return points;
}

/** The plot area, read off the axis lines (the first line of each axis group). */
export function plotArea(svg: string): {
  left: number;
  right: number;
  top: number;
  bottom: number;
} {
  const lines = elements(svg);
  const xAxisStart = lines.findIndex((e) => e.tag === 'g' && e.attributes.class === 'x-axis');
  const yAxisStart = lines.findIndex((e) => e.tag === 'g' && e.attributes.class === 'y-axis');
  const xLine = lines[xAxisStart + 1]?.attributes;
  const yLine = lines[yAxisStart + 1]?.attributes;
  if (!xLine || !yLine) throw new Error('axes not found');
  return {
    left: Number(xLine.x1),
    right: Number(xLine.x2),
    top: Number(yLine.y1),
    bottom: Number(yLine.y2),
  };
}

/** A tick label as a number: typographic minus, `e` notation and `10ⁿ` superscripts undone. */
export function parseTickLabel(label: string): number {
  const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const plain = label.replace(/\u2212/g, '-');
  const power = /^10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(plain);
  if (power) {
    const exponent = Array.from(power[1] as string)
      .map((c) => (c === '⁻' ? '-' : String(superscripts.indexOf(c))))
      .join('');
    return Number(`1e${exponent}`);
  }
  return Number(plain);
}
