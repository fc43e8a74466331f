import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/plot/escapeXml.js';
import { decodeEntities } from './svgText.js';

describe('escapeXml', () => {
  it('replaces the five XML special characters with entities', () => {
    expect(escapeXml(`a < b & "c" > 'd'`)).toBe('a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;');
  });

  it('drops characters XML 1.0 forbids and replaces lone surrogates', () => {
    expect(escapeXml('a\u0000b\u0007c\tn\nr\r')).toBe('abc\tn\nr\r');
    expect(escapeXml('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('leaves no raw markup characters, and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        // eslint-disable-next-line no-control-regex -- the characters escapeXml drops
        const allowed = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(decodeEntities(escaped)).toBe(allowed);
      }),
    );
  });
});
