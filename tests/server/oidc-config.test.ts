/** CONSOLE_OIDC_*: all three or none, an issuer URL, a role that may be given away; clear messages otherwise. */
import { describe, expect, it } from 'vitest';
import { oidcConfigFromEnv } from '../../server/auth/oidc-config';

const ALL = {
  CONSOLE_OIDC_ISSUER: 'https://login.example.com/realms/team/',
  CONSOLE_OIDC_CLIENT_ID: 'console',
  CONSOLE_OIDC_CLIENT_SECRET: 's3cret',
};

describe('oidcConfigFromEnv', () => {
  it('is off when none of the three is set', () => {
    expect(oidcConfigFromEnv({})).toBeNull();
    expect(oidcConfigFromEnv({ CONSOLE_OIDC_ISSUER: '  ' })).toBeNull();
  });

  it('reads all three, trims the issuer’s trailing slash and labels the button "SSO" by default', () => {
    expect(oidcConfigFromEnv(ALL)).toEqual({
      issuer: 'https://login.example.com/realms/team',
      clientId: 'console',
      clientSecret: 's3cret',
      label: 'SSO',
      defaultRole: null,
    });
    expect(oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_LABEL: 'Okta', CONSOLE_OIDC_DEFAULT_ROLE: 'Reviewer' })).toMatchObject({
      label: 'Okta',
      defaultRole: 'reviewer',
    });
  });

  it('names what is missing when only some are set', () => {
    expect(() => oidcConfigFromEnv({ CONSOLE_OIDC_ISSUER: ALL.CONSOLE_OIDC_ISSUER })).toThrow(
      'Single sign-on needs all of CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_CLIENT_SECRET: CONSOLE_OIDC_CLIENT_ID and CONSOLE_OIDC_CLIENT_SECRET are missing.',
    );
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_CLIENT_SECRET: '' })).toThrow(/CONSOLE_OIDC_CLIENT_SECRET is missing/);
    expect(() => oidcConfigFromEnv({ CONSOLE_OIDC_LABEL: 'Okta' })).toThrow(/single sign-on is not/);
  });

  it('wants the issuer as an https URL (http only on this machine)', () => {
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_ISSUER: 'login.example.com' })).toThrow(
      /CONSOLE_OIDC_ISSUER: "login.example.com" is not a URL/,
    );
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_ISSUER: 'http://login.example.com' })).toThrow(/must use https/);
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_ISSUER: 'ftp://login.example.com' })).toThrow(/must be an https/);
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_ISSUER: 'https://login.example.com/?tenant=1' })).toThrow(/without a query/);
    expect(oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_ISSUER: 'http://127.0.0.1:5180' })?.issuer).toBe('http://127.0.0.1:5180');
  });

  it('refuses a role that is not one, and owner', () => {
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_DEFAULT_ROLE: 'boss' })).toThrow(
      'CONSOLE_OIDC_DEFAULT_ROLE: "boss" is not a role: use one of admin, creator, reviewer.',
    );
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_DEFAULT_ROLE: 'owner' })).toThrow(/cannot be owner/);
  });

  it('keeps the label short enough for a button', () => {
    expect(() => oidcConfigFromEnv({ ...ALL, CONSOLE_OIDC_LABEL: 'x'.repeat(41) })).toThrow(/at most 40 characters/);
  });
});
