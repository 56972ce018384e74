/** What each embed session may call, read from the endpoint table by the console server's guard. */
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, matchEndpoint, type EndpointName } from '../../contract/endpoints';
import { modeAllows, type EmbedClaims } from '../../server/embed-session';

const claims = (mode: EmbedClaims['mode'], characterId: string | null = null): EmbedClaims => ({
  origin: 'https://partner.example',
  mode,
  characterId,
  sub: null,
  exp: 0,
});
const allows = (session: EmbedClaims, name: EndpointName, id = 'char_A') => {
  const { method, path } = ENDPOINTS[name];
  return modeAllows(session, matchEndpoint(method, path.replace(':id', id)));
};
const allowed = (session: EmbedClaims, id?: string) =>
  (Object.keys(ENDPOINTS) as EndpointName[]).filter((name) => allows(session, name, id)).sort();

describe('modeAllows', () => {
  it('create: upload, classify, create, look at a character, see the balance', () => {
    expect(allowed(claims('create'))).toEqual(['classifyUpload', 'createCharacter', 'getBalance', 'getCharacter', 'initUpload']);
  });

  it('review: read and act on characters, never upload or create', () => {
    expect(allowed(claims('review'))).toEqual(
      [
        'deleteCharacter',
        'getBalance',
        'getCharacter',
        'listCharacters',
        'regenerateRef',
        'resynthesize',
        'saveCharacter',
        'updateCharacter',
      ].sort(),
    );
  });

  it('a session bound to a character reaches that character only, and cannot list or create', () => {
    expect(allowed(claims('review', 'char_A'), 'char_A')).toEqual(
      ['deleteCharacter', 'getBalance', 'getCharacter', 'regenerateRef', 'resynthesize', 'saveCharacter', 'updateCharacter'].sort(),
    );
    expect(allowed(claims('review', 'char_A'), 'char_B')).toEqual(['getBalance']);
    expect(allowed(claims('create', 'char_A'), 'char_B')).toEqual(['classifyUpload', 'getBalance', 'initUpload']);
  });

  it('refuses every path outside the table', () => {
    for (const [method, path] of [
      ['GET', '/v1'],
      ['POST', '/v1'],
      ['GET', '/v1/characters/char_A/anything'],
      ['PUT', '/v1/characters/char_A'],
    ] as const) {
      expect(modeAllows(claims('review'), matchEndpoint(method, path)), `${method} ${path}`).toBe(false);
    }
  });
});
