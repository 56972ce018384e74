import { expect, it } from 'vitest';
import { defineMessages } from './messages';

const en = { title: 'Library', removeFile: (name: string) => `Remove ${name}` };

it('picks the first of the reader languages that has a translation, by region or by language', () => {
  const fr = { title: 'Bibliothèque', removeFile: (name: string) => `Retirer ${name}` };
  expect(defineMessages(en, { fr }, ['de-DE', 'fr-CA']).removeFile('a.png')).toBe('Retirer a.png');
  expect(defineMessages(en, { fr }, ['de-DE']).title).toBe('Library');
});
