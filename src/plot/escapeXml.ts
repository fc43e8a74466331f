const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for SVG/XML character data and quoted attribute values.
 *
 * Replaces `& < > " '` with entities, drops the code points XML 1.0 forbids (C0 controls other
 * than tab, newline and carriage return; U+FFFE; U+FFFF) and replaces lone surrogates with
 * U+FFFD, so any JavaScript string (a feature name read from a CSV header, say) yields a
 * well-formed document.
 *
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching the forbidden controls is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
  );
}
