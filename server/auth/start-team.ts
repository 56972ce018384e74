/**
 * At start: open the database (migrations applied), the shared auth secret, Better Auth, and the
 * first people — the seeded ones with the embedded sandbox, or a one-time setup link with a
 * real API while the team has no owner.
 */
import { openDatabase, type ConsoleDatabase, type DatabaseOptions } from '../db/database';
import { ensureSandboxPeople, setupLinkIfNeeded } from '../people/people';
import { authSecret, createAuth } from './auth';
import type { TeamOptions } from './team-routes';

export interface StartTeamOptions {
  database: DatabaseOptions;
  upstreamKind: 'aurous' | 'sandbox';
  /** CONSOLE_PUBLIC_URL. */
  publicUrl?: string | undefined;
  /** Where the console listens, for the setup link when there is no public URL. */
  listenOrigin: string;
  /** CONSOLE_AUTH_SECRET. */
  secret?: string | undefined;
  /** CONSOLE_REQUIRE_SIGN_IN (off until the browser has its sign-in page). */
  requireSignIn?: boolean;
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
    const auth = createAuth({ db, secret: await authSecret(db, options.secret), publicUrl: options.publicUrl });
    const sandbox = options.upstreamKind === 'sandbox';
    const seeded = sandbox ? await ensureSandboxPeople(db) : 0;
    const setupLink = sandbox ? null : await setupLinkIfNeeded(db, options.publicUrl ?? options.listenOrigin);
    return {
      team: { db, auth, sandboxSignIn: sandbox, requireSignIn: options.requireSignIn ?? false, publicOrigin: options.publicUrl && new URL(options.publicUrl).origin },
      database,
      setupLink,
      seeded,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** CONSOLE_PUBLIC_URL, checked: an http(s) origin (a path is ignored). */
export function publicUrlFromEnv(value: string | undefined): string | undefined {
  const given = value?.trim();
  if (!given) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`CONSOLE_PUBLIC_URL must be a URL like https://console.example.com (got "${given}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('CONSOLE_PUBLIC_URL must start with https:// or http://.');
  return url.origin;
}
