// The text of a rendered body, for the passages of search results: what a browser's
// textContent gives of it, which is what the built page's script reads of a result's page.

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** Tags dropped, the entities a body's HTML uses decoded, white space collapsed: its textContent. */
export function htmlText(html: string): string {
  return (
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
      // Dropped, not made spaces: markdown-it ends each block with a newline, as textContent
      // reads it, and 'foo<code>bar</code>' is 'foobar' to both.
      .replace(/<[^>]*>/g, '')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
        if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      })
      .replace(/\s+/g, ' ')
      .trim()
  );
}
