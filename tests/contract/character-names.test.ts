/**
 * Names that reorder or hide text are refused with a message naming the character and where it
 * is: by the sandbox (400 invalid_format, param "name", as the docs' body-validation failure),
 * and by the shared rule the browser form and the console server use. Ordinary names in any
 * script, with emoji or directional marks, still pass.
 */
import { describe, expect, it } from 'vitest';
import { characterName } from '../../contract/aurous';
import { characterNameProblem } from '../../contract/character-name';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;

describe('the name rule (contract/character-name.ts)', () => {
  it('names the character and its position (counted in characters, from 1)', () => {
    expect(characterNameProblem('Ann\u202Egnp.exe')).toBe(
      'The name contains a right-to-left override (U+202E) at position 4, which would reorder the text around it.',
    );
    expect(characterNameProblem('😀x\u2066')).toMatch(/left-to-right isolate \(U\+2066\) at position 3/);
    expect(characterNameProblem('a\u0000b')).toBe('The name contains a NUL character (U+0000) at position 2.');
    expect(characterNameProblem('ab\uD800')).toBe('The name contains a lone surrogate (U+D800) at position 3, which is not valid text.');
    expect(characterNameProblem('\uDC00')).toMatch(/lone surrogate \(U\+DC00\) at position 1/);
  });

  it('refuses every bidi embedding, override and isolate', () => {
    for (const codePoint of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(characterNameProblem(`x${String.fromCodePoint(codePoint)}`)).toContain(
        `(U+${codePoint.toString(16).toUpperCase()}) at position 2`,
      );
    }
  });

  it('refuses names with nothing visible: zero-width, fillers, odd spaces', () => {
    // …and tag characters, variation selectors and the Arabic letter mark on their own (default-ignorable).
    for (const name of [
      '\u200B',
      '\u200B\u200C\u200D',
      '\u2060\uFEFF',
      '\u3164',
      ' \u00A0\u2003 ',
      '\u{E0020}\u{E0021}',
      '\uFE0F\uFE0F',
      '\u061C',
    ]) {
      expect(characterNameProblem(name)).toBe('The name has no visible characters (only spaces or zero-width characters).');
    }
  });

  it('refuses control characters and line separators, saying which and where', () => {
    expect(characterNameProblem('\u001b[31mred')).toBe('The name contains a control character (U+001B) at position 1.');
    expect(characterNameProblem('two\nlines')).toBe('The name contains a control character (U+000A) at position 4.');
    expect(characterNameProblem('a\u0085b')).toBe('The name contains a control character (U+0085) at position 2.');
    expect(characterNameProblem('one\u2028two')).toBe('The name contains a line separator (U+2028) at position 4.');
  });

  it('accepts ordinary names in any script, with emoji, marks and joiners inside visible text', () => {
    for (const name of [
      'Aurora the Adventurer',
      'سارة',
      'שרה\u200F',
      'Zoë',
      '李小龙',
      '👩‍🚀 Astro',
      'Ana-María O’Neil',
      'a\u200Db',
      'مرحبا\u061Cسارة',
      '❤️ Heart',
    ]) {
      expect(characterNameProblem(name)).toBeNull();
    }
  });

  it('is part of the zod schema, after trimming', () => {
    const result = characterName.safeParse('  Ann\u202Egnp  ');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/right-to-left override \(U\+202E\) at position 4/);
    expect(characterName.parse('  Ann  ')).toBe('Ann');
  });
});

describe('the sandbox refuses such names on create and rename', () => {
  it('POST /v1/characters: 400 invalid_format, param name, saying which character', async () => {
    const reply = await api.create({ name: 'Ann\u202Egnp', upload_ids: [await api.upload()] });
    expect(reply.status).toBe(400);
    expect(api.errorOf(reply)).toMatchObject({ type: 'invalid_request', code: 'invalid_format', param: 'name' });
    expect(api.errorOf(reply).message).toContain('right-to-left override (U+202E) at position 4');
  });

  it('PATCH /v1/characters/{id}: zero-width-only, NUL and a lone surrogate (sent as a JSON escape) are refused', async () => {
    const created = await api.create({ name: 'Fine', upload_ids: [await api.upload()] });
    const rename = (raw: string) => api.call('PATCH', `/v1/characters/${created.body.id}`, { body: `{"name":${raw}}` });
    const invisible = await rename('"\\u200b\\u200b"');
    expect(api.errorOf(invisible)).toMatchObject({ code: 'invalid_format', param: 'name' });
    expect(api.errorOf(invisible).message).toContain('no visible characters');
    expect(api.errorOf(await rename('"a\\u0000b"')).message).toContain('NUL character (U+0000) at position 2');
    expect(api.errorOf(await rename('"ok\\ud800"')).message).toContain('lone surrogate (U+D800) at position 3');
    expect((await api.get(created.body.id)).body.name).toBe('Fine');
  });

  it('still accepts a right-to-left name with a directional mark', async () => {
    const reply = await api.create({ name: 'שרה\u200F', upload_ids: [await api.upload()] });
    expect(reply.status).toBe(201);
    expect(reply.body.name).toBe('שרה\u200F');
  });
});
