import { expect, it } from 'vitest';
import { defineMessages, plural, uiLocale } from './messages';

const en = { title: 'Library', removeFile: (name: string) => `Remove ${name}` };

it('picks the first of the reader languages that has a translation, by region or by language', () => {
  const fr = { title: 'Bibliothèque', removeFile: (name: string) => `Retirer ${name}` };
  expect(defineMessages(en, { fr }, ['de-DE', 'fr-CA']).removeFile('a.png')).toBe('Retirer a.png');
  expect(defineMessages(en, { fr }, ['de-DE']).title).toBe('Library');
});

it('formats in the reader’s locale only where the words exist in its language', () => {
  expect(uiLocale(['en-GB', 'de-DE'])).toBe('en-GB');
  expect(uiLocale(['de-DE', 'en-US'])).toBe('en-US');
  expect(uiLocale(['de-DE'])).toBe('en');
});

it('picks the plural form by the language’s rules', () => {
  const credits = (n: number) => `${n} ${plural(n, { one: 'credit', other: 'credits' }, 'en')}`;
  expect(credits(1)).toBe('1 credit');
  expect(credits(0)).toBe('0 credits');
  expect(plural(3, { one: 'kredyt', few: 'kredyty', many: 'kredytów', other: 'kredytu' }, 'pl')).toBe('kredyty');
  expect(plural(5, { one: 'kredyt', few: 'kredyty', many: 'kredytów', other: 'kredytu' }, 'pl')).toBe('kredytów');
});
