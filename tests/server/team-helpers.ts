/** A console server with people and sign-in (server/auth/*), served over HTTP for the auth tests. */
import type { DatabaseOptions } from '../../server/db/database';
import { createConsoleApp } from '../../server/app';
import { startTeam, type StartedTeam } from '../../server/auth/start-team';
import type { TeamOptions } from '../../server/auth/team-routes';
import { upstreamFromEnv, type Upstream } from '../../server/upstream';
import { serveApp, type Served } from './http-helpers';

export interface TeamConsole extends Served {
  started: StartedTeam;
  stop(): Promise<void>;
}

export const realApiUpstream = (): Upstream => upstreamFromEnv({ AUROUS_API_BASE: 'http://127.0.0.1:9', AUROUS_API_KEY: 'al_live_test' });

export async function startTeamConsole(
  options: {
    database?: DatabaseOptions;
    upstream?: Upstream;
    publicUrl?: string;
    secret?: string;
    /** Tests sign in far more often than people do: the limit is raised unless a test is about it. */
    signInAttemptsPerMinute?: number;
  } = {},
): Promise<TeamConsole> {
  const upstream = options.upstream ?? upstreamFromEnv({});
  const started = await startTeam({
    database: options.database ?? { dataDir: null },
    upstreamKind: upstream.kind,
    publicOrigins: options.publicUrl ? [options.publicUrl] : undefined,
    listenOrigin: 'http://127.0.0.1:0',
    secret: options.secret,
    signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 10_000,
  });
  // With a public URL the console answers only to that name: tests reach it through a (trusted) proxy's X-Forwarded-Host.
  const edge = options.publicUrl ? { publicOrigins: [options.publicUrl], trustProxy: true } : {};
  const served = await serveApp(createConsoleApp({ upstream, team: started.team, ...edge }));
  return {
    ...served,
    started,
    stop: async () => {
      await served.close();
      await started.database.close();
    },
  };
}

/** Another app on the same team (the same database and auth): a second copy of the console. */
export async function serveWithTeam(team: TeamOptions, upstream: Upstream = upstreamFromEnv({})): Promise<Served> {
  return serveApp(createConsoleApp({ upstream, team }));
}

/** `name=value; name2=value2` from a response's Set-Cookie headers. */
export const cookieFrom = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

export async function signIn(origin: string, email: string, password: string): Promise<Response> {
  return fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ email, password }),
  });
}
