/**
 * At start: open the database (migrations applied), the shared auth secret, Better Auth, and the
 * first people — the seeded ones with the embedded sandbox, or a one-time setup link with a
 * real API while the team has no owner.
 */
import { openDatabase, type ConsoleDatabase, type DatabaseOptions } from '../db/database';
import { ensureSandboxPeople, setupLinkIfNeeded } from '../people/people';
import { authSecret, createAuth } from './auth';
import { OIDC_PROVIDER_ID, type OidcConfig } from './oidc-config';
import type { TeamOptions } from './team-routes';

export interface StartTeamOptions {
  database: DatabaseOptions;
  upstreamKind: 'aurous' | 'sandbox';
  /** CONSOLE_PUBLIC_URL's origins when it is set (the first is the one links and cookies use). */
  publicOrigins?: readonly string[] | undefined;
  /** Where the console listens, for the setup link when there is no public URL. */
  listenOrigin: string;
  /** CONSOLE_AUTH_SECRET. */
  secret?: string | undefined;
  /** Single sign-on by OpenID Connect (CONSOLE_OIDC_*, see oidcConfigFromEnv). */
  oidc?: OidcConfig | null | undefined;
  /** CONSOLE_TRUST_PROXY: the sign-in rate limit counts by the proxy's X-Forwarded-For. */
  trustProxy?: boolean;
  /** Password sign-ins per client address per minute (tests that sign in often raise it). */
  signInAttemptsPerMinute?: number;
}

export interface StartedTeam {
  team: TeamOptions;
  database: ConsoleDatabase;
  /** The setup link to print, when one was made. */
  setupLink: string | null;
  seeded: number;
}

export async function startTeam(options: StartTeamOptions): Promise<StartedTeam> {
  const database = await openDatabase(options.database);
  try {
    const { db } = database;
    const publicUrl = options.publicOrigins?.[0];
    const auth = createAuth({
      db,
      secret: await authSecret(db, options.secret),
      publicUrl,
      publicOrigins: options.publicOrigins,
      oidc: options.oidc,
      signInAttemptsPerMinute: options.signInAttemptsPerMinute,
    });
    const sandbox = options.upstreamKind === 'sandbox';
    const seeded = sandbox ? await ensureSandboxPeople(db) : 0;
    const setupLink = sandbox ? null : await setupLinkIfNeeded(db, publicUrl ?? options.listenOrigin);
    return {
      team: {
        db,
        listen: database.listen,
        auth,
        sandboxSignIn: sandbox,
        publicOrigin: publicUrl,
        trustProxy: options.trustProxy ?? false,
        ...(options.oidc ? { oidc: { providerId: OIDC_PROVIDER_ID, label: options.oidc.label } } : {}),
      },
      database,
      setupLink,
      seeded,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
