/** A console with people, sign-in required, embedding on, and its own sandbox — for the scope tests. */
import type { Character, CharacterList } from '../../contract/aurous';
import type { EmbedSessionResponse } from '../../contract/embed';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';
import { createConsoleApp } from '../../server/app';
import { startTeam, type StartedTeam } from '../../server/auth/start-team';
import type { DatabaseOptions } from '../../server/db/database';
import { embedConfigFromEnv } from '../../server/embed-config';
import { SANDBOX_PASSWORD } from '../../server/people/people';
import { upstreamFromEnv, type Upstream } from '../../server/upstream';
import { serveApp, type Served } from './http-helpers';
import { cookieFrom, signIn } from './team-helpers';

export const PARTNER = 'https://partner.example';
const EMBED_SECRET = 'scope-tests-embed-secret-0123456789';

export interface ScopedConsole extends Served {
  started: StartedTeam;
  upstream: Upstream;
  stop(): Promise<void>;
}

export async function startScopedConsole(database: DatabaseOptions, upstream: Upstream = upstreamFromEnv({})): Promise<ScopedConsole> {
  const started = await startTeam({ database, upstreamKind: upstream.kind, listenOrigin: 'http://127.0.0.1:0' });
  const embed = embedConfigFromEnv({ CONSOLE_EMBED_SECRET: EMBED_SECRET, CONSOLE_EMBED_ORIGINS: PARTNER });
  const served = await serveApp(createConsoleApp({ upstream, team: started.team, embed }));
  return {
    ...served,
    started,
    upstream,
    stop: async () => {
      await served.close();
      await started.database.close();
    },
  };
}

/** Calls as one caller: a person's cookie or an embed session. */
export type Caller = Record<string, string>;

export async function person(origin: string, email: string): Promise<Caller> {
  const response = await signIn(origin, email, SANDBOX_PASSWORD);
  if (response.status !== 200) throw new Error(`sign-in ${email}: ${response.status}`);
  return { Cookie: cookieFrom(response) };
}

export async function embedSession(origin: string, body: Record<string, unknown>): Promise<Caller> {
  const response = await fetch(`${origin}/api/embed/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${EMBED_SECRET}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ origin: PARTNER, ...body }),
  });
  if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
  const { session_token: token } = (await response.json()) as EmbedSessionResponse;
  return { Authorization: `Bearer ${token}`, 'X-Aurous-Embed-Origin': PARTNER };
}

export function api(origin: string, caller: Caller | null) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { ...(caller ?? {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as unknown };
  };
  return {
    call,
    synthesize: async (name: string, headers: Record<string, string> = {}) => {
      const answer = await call('POST', '/api/v1/characters', { name, generate: true, attributes: { hair_color: 'auburn' } }, headers);
      if (answer.status !== 201) throw new Error(`create ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as Character;
    },
    /** The ids of the console's list (`/api/characters`) with these parameters. */
    listed: async (query = '') => {
      const answer = await call('GET', `/api/characters${query}`);
      if (answer.status !== 200) throw new Error(`list: ${answer.status} ${JSON.stringify(answer.body)}`);
      return (answer.body as CharacterList).data.map((character) => character.id);
    },
    /** The ids of `GET /api/v1/characters` through the proxy. */
    listedRaw: async (query = '') => {
      const answer = await call('GET', `/api/v1/characters${query}`);
      if (answer.status !== 200) throw new Error(`raw list: ${answer.status} ${JSON.stringify(answer.body)}`);
      return (answer.body as CharacterList).data.map((character) => character.id);
    },
    credits: async () => ((await call('GET', '/api/v1/balance')).body as { available_credits: number }).available_credits,
  };
}

/** The team's API directly (the embedded sandbox answers on the console's port), as the team's backend would. */
export async function direct(origin: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { 'X-Api-Key': SANDBOX_TEAM_A_KEY, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}
