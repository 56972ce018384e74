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

/** Languages the console's words exist in. A translation adds its language here. */
export const UI_LANGUAGES: readonly string[] = ['en'];

/**
 * The locale numbers, dates and plurals are formatted in: the reader's first locale whose language
 * the words exist in (so a reader with en-GB gets "1,000" and "23 Nov"), else English. Never a
 * language the words are not in, which would give "Updated vor 2 Min.".
 */
export function uiLocale(locales: readonly string[] = readerLocales()): string {
  return locales.find((locale) => UI_LANGUAGES.includes(locale.split('-')[0] ?? locale)) ?? 'en';
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The form of a word for a count, by the language's own rules (English has two forms; Polish
 * or Arabic have more, which their dictionaries list): `plural(n, { one: 'credit', other: 'credits' })`.
 */
export function plural(
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
  locale = uiLocale(),
): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
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
