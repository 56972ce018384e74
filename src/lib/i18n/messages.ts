/**
 * Words, one dictionary per feature (`messages.ts` next to its components).
 *
 * A small typed dictionary rather than i18next: the first screen has a 110 KB budget with 5 KB
 * left, and i18next with its React binding would take most of it; here the English source *is*
 * the type, so a translation that misses a string, or a placeholder, does not compile. Strings
 * with values are functions (`removeFile: (name: string) => \`Remove ${name}\``), so word order
 * stays the translator's. Numbers, sizes and times go through `./format` (Intl).
 *
 * To add a language: pass `{ fr: { ...every key... } }` as `translations`; the reader's browser
 * languages pick it.
 */
export function readerLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return ['en'];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

export function defineMessages<T>(
  source: T,
  translations: Partial<Record<string, T>> = {},
  locales: readonly string[] = readerLocales(),
): T {
  for (const locale of locales) {
    const match = translations[locale] ?? translations[locale.split('-')[0] ?? locale];
    if (match) return match;
  }
  return source;
}
