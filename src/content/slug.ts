// Slugs from titles and headings: lowercase, spaces to '-', punctuation dropped, CJK letters kept.

/**
 * 'Hello World!' → 'hello-world', 'Go 语言入门' → 'go-语言入门'. NFKC first, so full-width
 * letters and digits ('Ｇｏ１') read as their ASCII forms. Returns '' for text without letters or
 * digits ('!!!'): callers choose their own fallback.
 */
export function slugText(text: string): string {
  // NFKC again at the end: 'İ' lowercases to 'i' and a combining dot, and dropping a symbol
  // between two marks leaves them out of canonical order, so a slug of a slug differed from the
  // slug (a fuzz case found 'İ𝅗𝅥').
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]+/gu, '')
    .trim()
    .replace(/[\s-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFKC');
}

/**
 * The slug of a title, as `pugo new post <title>` names its file: slugText, or, when the title
 * has no letters or digits at all, one made from the time ('post-20151014-225813'), so a file
 * is never named '.md'.
 */
export function slugify(title: string, now: Date = new Date()): string {
  const slug = slugText(title);
  if (slug) return slug;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `post-${stamp}`;
}
