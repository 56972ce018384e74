import { describe, expect, it } from 'vitest';
import { returnPath } from './team-api';

describe('returnPath', () => {
  it('returns to the page that was asked for', () => {
    expect(returnPath('?next=%2Fcharacters%2Fchar_1%3Ftab%3Drefs')).toBe('/characters/char_1?tab=refs');
    expect(returnPath('next=/review')).toBe('/review');
  });

  it('never leaves the console: other sites, scheme-relative and backslash paths go to the upload page', () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', '/sign-in?next=/x']) {
      expect(returnPath(`?next=${encodeURIComponent(next)}`), next).toBe('/');
    }
    expect(returnPath('')).toBe('/');
  });
});
