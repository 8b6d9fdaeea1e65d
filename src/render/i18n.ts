// Theme strings: 'section.key' looked up in the site's language, then English, else the key itself.

export function createTranslator(
  langs: Record<string, Record<string, string>>,
  lang: string,
): (key: string) => string {
  const primary = langs[lang] ?? langs[lang.split('-')[0]] ?? {};
  const fallback = langs.en ?? {};
  return (key) => primary[key] ?? fallback[key] ?? key;
}
