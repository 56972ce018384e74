/**
 * Sign-in for the console's people, with Better Auth: email + password, sessions stored in the
 * console's database (so removing a person or a session takes effect on the next request, on
 * every copy), cookies HTTP-only and SameSite=Lax, Secure when the console's public URL is https.
 * Mounted at /api/auth/* (see server/app.ts). Nobody signs themselves up: people are added by an
 * owner (scripts/people.ts, invitations, the setup link), so Better Auth's sign-up is off.
 * Single sign-on by OpenID Connect, when configured, is Better Auth's generic OAuth plugin; who
 * it lets in is decided in ./sso.ts.
 */
import { betterAuth } from 'better-auth/minimal';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { account, auditLog, consoleSecret, session, user, verification } from '../db/schema';
import { OIDC_PROVIDER_ID, oidcDiscoveryUrl, type OidcConfig } from './oidc-config';
import { SSO_ERROR_PATH, ssoUserHooks } from './sso';

export const AUTH_BASE_PATH = '/api/auth';
export const MIN_PASSWORD_LENGTH = 8;
/** Set by the console server from the socket (never taken from the client): the address sign-in attempts are counted by. */
export const CLIENT_ADDRESS_HEADER = 'x-aurous-console-client';
/** Password sign-ins per client address per minute (Better Auth's limiter, kept per copy). */
/** Single sign-on starts per client address per minute. */
export const SSO_STARTS_PER_MINUTE = 60;
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;
const SESSION_TTL_S = 60 * 60 * 24 * 14;
const AUTH_SECRET_NAME = 'auth_secret';

export interface AuthOptions {
  db: Database;
  /** Signs the session cookie. Every copy must share it: see `authSecret`. */
  secret: string;
  /**
   * The console's public URL (CONSOLE_PUBLIC_URL), e.g. https://console.example.com. Unset: each
   * request's own origin, and cookies without `Secure` (plain-http loopback use).
   */
  publicUrl?: string | undefined;
  /** Every origin the console answers on (CONSOLE_PUBLIC_URL's list); the first is `publicUrl`. */
  publicOrigins?: readonly string[] | undefined;
  /** Single sign-on (CONSOLE_OIDC_*); unset: email and password only. */
  oidc?: OidcConfig | null | undefined;
  /** Password sign-ins allowed per client address per minute; default SIGN_IN_ATTEMPTS_PER_MINUTE. */
  signInAttemptsPerMinute?: number | undefined;
}

/** The generic OAuth plugin for the one OpenID provider: discovery, PKCE, ID tokens verified against its keys. */
function oidcPlugin(oidc: OidcConfig) {
  return genericOAuth({
    config: [
      {
        providerId: OIDC_PROVIDER_ID,
        name: oidc.label,
        discoveryUrl: oidcDiscoveryUrl(oidc.issuer),
        // Discovery must give the issuer and keys, so every ID token is verified (and its nonce bound).
        requireIdTokenVerification: true,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        scopes: ['openid', 'email', 'profile'],
        pkce: true,
      },
    ],
  });
}

function betterAuthOptions({ db, secret, publicUrl, publicOrigins, oidc, signInAttemptsPerMinute }: AuthOptions) {
  const secure = publicUrl ? new URL(publicUrl).protocol === 'https:' : false;
  return {
    appName: 'Aurous console',
    basePath: AUTH_BASE_PATH,
    ...(publicUrl ? { baseURL: publicUrl } : {}),
    secret,
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    user: {
      additionalFields: {
        // input: false — no request to Better Auth can set or change a role; the people service does.
        role: { type: 'string' as const, required: true, defaultValue: 'creator', input: false },
      },
    },
    // No cookie cache: every request reads the session row, so a revoked one stops at once.
    session: { expiresIn: SESSION_TTL_S, cookieCache: { enabled: false } },
    // A signed-in browser's POSTs must come from the console's own page: its public URL, or
    // without one the origin the request was made to.
    trustedOrigins: (request?: Request) =>
      publicOrigins?.length ? [...publicOrigins] : publicUrl ? [new URL(publicUrl).origin] : request ? [new URL(request.url).origin] : [],
    // On in every environment (Better Auth's default is production only). Kept in each copy's
    // memory: a client spread over N copies gets N times the attempts, still a small number.
    rateLimit: {
      enabled: true,
      storage: 'memory' as const,
      customRules: {
        '/sign-in/email': { window: 60, max: signInAttemptsPerMinute ?? SIGN_IN_ATTEMPTS_PER_MINUTE },
        // Starting SSO guesses nothing (the provider checks the password): only a flood is stopped.
        '/sign-in/social': { window: 60, max: SSO_STARTS_PER_MINUTE },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' },
    },
    // A failed or refused SSO sign-in lands on a page that says why (server/auth/sso.ts).
    onAPIError: { errorURL: SSO_ERROR_PATH },
    plugins: oidc ? [oidcPlugin(oidc)] : [],
    databaseHooks: {
      ...(oidc ? { user: { create: ssoUserHooks(db, oidc) } } : {}),
      session: {
        create: {
          // Every sign-in, whichever way it came (password, the sandbox's automatic one, later SSO).
          after: async (created: { userId: string }) => {
            await db.insert(auditLog).values({
              actorPersonId: created.userId,
              actorLabel: sql`(select ${user.email} from ${user} where ${user.id} = ${created.userId})`,
              action: 'sign_in',
            });
          },
        },
      },
    },
    telemetry: { enabled: false },
    // Without a public URL the origin is each request's own, on purpose: skip the warning about it.
    ...(publicUrl ? {} : { logger: { level: 'error' as const } }),
  };
}

export function createAuth(options: AuthOptions) {
  // The database goes with it: reading the session on every request is one query (./person.ts).
  return Object.assign(betterAuth(betterAuthOptions(options)), { db: options.db });
}

export type ConsoleAuth = ReturnType<typeof createAuth>;

/**
 * The secret for session cookies: CONSOLE_AUTH_SECRET when set, otherwise one the first copy
 * generates and stores in the database, so every copy (and every restart) signs alike.
 */
export async function authSecret(db: Database, fromEnv: string | undefined): Promise<string> {
  const given = fromEnv?.trim();
  if (given) {
    if (given.length < 32) throw new Error('CONSOLE_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`).');
    return given;
  }
  await db
    .insert(consoleSecret)
    .values({ name: AUTH_SECRET_NAME, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: consoleSecret.value }).from(consoleSecret).where(eq(consoleSecret.name, AUTH_SECRET_NAME));
  if (!row) throw new Error('The auth secret could not be stored in the database.');
  return row.value;
}
