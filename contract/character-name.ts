/**
 * What a character name may not contain, declared once for the browser form, the console server
 * and the sandbox. Free of zod so the browser bundle can import it on its own.
 *
 * The API's docs say only that a name is a required display string and that a body failing
 * validation is 400 invalid_request with `param` naming the field, so what is refused here is
 * only what cannot be a display name: characters that reorder the text around them (bidi
 * embeddings, overrides and isolates: "Trusted\u202Egnp.exe" reads as "Trustedexe.png"), NUL and
 * other control characters, line separators, lone surrogates (not text at all), and names with
 * nothing visible in them (spaces, zero-width and default-ignorable characters such as tags and
 * variation selectors).
 */

const BIDI_CONTROLS: Record<number, string> = {
  0x202a: 'a left-to-right embedding',
  0x202b: 'a right-to-left embedding',
  0x202c: 'a pop directional formatting',
  0x202d: 'a left-to-right override',
  0x202e: 'a right-to-left override',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0x2068: 'a first-strong isolate',
  0x2069: 'a pop directional isolate',
};

/** Line breaks inside a display name break every list and log it appears in. */
const LINE_BREAKS: Record<number, string> = { 0x2028: 'a line separator', 0x2029: 'a paragraph separator' };

/** Zero-width characters and blank fillers (besides what \s matches): a name made only of these shows nothing. */
const INVISIBLE = new Set([
  0x00ad, 0x034f, 0x115f, 0x1160, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2800, 0x3164,
  0xffa0,
]);
const isInvisible = (character: string) =>
  /[\s\p{Default_Ignorable_Code_Point}]/u.test(character) || INVISIBLE.has(character.codePointAt(0) ?? 0);

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `name` cannot be a character name, in words that say which character and where (positions
 * count characters from 1), or null when it can. Length and emptiness are checked separately.
 */
export function characterNameProblem(name: string): string | null {
  let position = 0;
  for (let index = 0; index < name.length; index += 1) {
    position += 1;
    const unit = name.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = name.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    if (unit >= 0xd800 && unit <= 0xdfff) {
      return `The name contains a lone surrogate (${hex(unit)}) at position ${position}, which is not valid text.`;
    }
    if (unit === 0) return `The name contains a NUL character (U+0000) at position ${position}.`;
    // C0 and C1 controls (ESC, tab, newline…): terminal escapes and broken lines, never display text.
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) {
      return `The name contains a control character (${hex(unit)}) at position ${position}.`;
    }
    const lineBreak = LINE_BREAKS[unit];
    if (lineBreak) return `The name contains ${lineBreak} (${hex(unit)}) at position ${position}.`;
    const bidi = BIDI_CONTROLS[unit];
    if (bidi) return `The name contains ${bidi} (${hex(unit)}) at position ${position}, which would reorder the text around it.`;
  }
  if (name.length > 0 && [...name].every(isInvisible)) return 'The name has no visible characters (only spaces or zero-width characters).';
  return null;
}
