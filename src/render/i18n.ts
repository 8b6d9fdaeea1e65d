// Theme strings: 'section.key' looked up in the site's language, then English, else the key itself.

type Langs = Record<string, Record<string, string>>;

function inLanguage(langs: Langs, lang: string): Record<string, string> {
  return langs[lang] ?? langs[lang.split('-')[0]] ?? {};
}

/**
 * Looks a key up in each of `sources` (the site's lang files, then the theme's), first in the
 * site's language, then in English; only a key none of them has shows as itself. A site with no
 * lang files, or a broken one, thus shows the theme's English, never 'notfound.title'.
 */
export function createTranslator(lang: string, ...sources: Langs[]): (key: string) => string {
  const tables = [
    ...sources.map((langs) => inLanguage(langs, lang)),
    ...sources.map((langs) => langs.en ?? {}),
  ];
  return (key) => {
    for (const table of tables) {
      const text = table[key];
      if (text !== undefined) return text;
    }
    return key;
  };
}
