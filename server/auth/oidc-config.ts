/**
 * Single sign-on by OpenID Connect: CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and
 * CONSOLE_OIDC_CLIENT_SECRET (all three or none), CONSOLE_OIDC_LABEL for the sign-in button and
 * CONSOLE_OIDC_DEFAULT_ROLE to let people the provider vouches for join without an invitation.
 * Read once at start; any mistake stops the start with a message naming the setting.
 */
import { isRole, ROLES, type Role } from '../db/schema';

/** Better Auth's id for the provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';
export const DEFAULT_OIDC_LABEL = 'SSO';

export interface OidcConfig {
  /** The issuer URL, without a trailing slash; discovery is `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in page: "Sign in with <label>". */
  label: string;
  /**
   * Unset (the default): only people already on the team, or holding an invitation, may sign in.
   * Set: anyone else the provider vouches for (verified email) joins with this role.
   */
  defaultRole: Exclude<Role, 'owner'> | null;
}

export interface OidcEnv {
  CONSOLE_OIDC_ISSUER?: string | undefined;
  CONSOLE_OIDC_CLIENT_ID?: string | undefined;
  CONSOLE_OIDC_CLIENT_SECRET?: string | undefined;
  CONSOLE_OIDC_LABEL?: string | undefined;
  CONSOLE_OIDC_DEFAULT_ROLE?: string | undefined;
}

const REQUIRED = ['CONSOLE_OIDC_ISSUER', 'CONSOLE_OIDC_CLIENT_ID', 'CONSOLE_OIDC_CLIENT_SECRET'] as const;

export const oidcDiscoveryUrl = (issuer: string) => `${issuer}/.well-known/openid-configuration`;

function parseIssuer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`CONSOLE_OIDC_ISSUER: "${value}" is not a URL like https://login.example.com (the provider's issuer).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`CONSOLE_OIDC_ISSUER: "${value}" must be an https:// URL (http:// only for a provider on this machine).`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && !loopback) {
    throw new Error(`CONSOLE_OIDC_ISSUER: "${value}" must use https:// (plain http:// is only accepted for 127.0.0.1 or localhost).`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`CONSOLE_OIDC_ISSUER: "${value}" must be the bare issuer URL, without a query, fragment or credentials.`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The SSO settings, or null when none of the three is set. Throws with a clear message otherwise. */
export function oidcConfigFromEnv(env: OidcEnv): OidcConfig | null {
  const given = Object.fromEntries(REQUIRED.map((name) => [name, env[name]?.trim() ?? ''])) as Record<(typeof REQUIRED)[number], string>;
  const missing = REQUIRED.filter((name) => !given[name]);
  const extras = [env.CONSOLE_OIDC_LABEL, env.CONSOLE_OIDC_DEFAULT_ROLE].some((value) => value?.trim());
  if (missing.length === REQUIRED.length) {
    if (extras)
      throw new Error(
        'CONSOLE_OIDC_LABEL / CONSOLE_OIDC_DEFAULT_ROLE are set but single sign-on is not: set CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and CONSOLE_OIDC_CLIENT_SECRET too.',
      );
    return null;
  }
  if (missing.length) {
    throw new Error(
      `Single sign-on needs all of ${REQUIRED.join(', ')}: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
    );
  }
  const label = env.CONSOLE_OIDC_LABEL?.trim() || DEFAULT_OIDC_LABEL;
  if (label.length > 40) throw new Error(`CONSOLE_OIDC_LABEL must be at most 40 characters (it goes on a button), not ${label.length}.`);
  const role = env.CONSOLE_OIDC_DEFAULT_ROLE?.trim().toLowerCase() || '';
  let defaultRole: OidcConfig['defaultRole'] = null;
  if (role) {
    if (!isRole(role))
      throw new Error(`CONSOLE_OIDC_DEFAULT_ROLE: "${role}" is not a role: use one of ${ROLES.filter((r) => r !== 'owner').join(', ')}.`);
    if (role === 'owner') throw new Error('CONSOLE_OIDC_DEFAULT_ROLE cannot be owner: owners are added by invitation or `npm run people`.');
    defaultRole = role;
  }
  return {
    issuer: parseIssuer(given.CONSOLE_OIDC_ISSUER),
    clientId: given.CONSOLE_OIDC_CLIENT_ID,
    clientSecret: given.CONSOLE_OIDC_CLIENT_SECRET,
    label,
    defaultRole,
  };
}
