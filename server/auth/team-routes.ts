/**
 * The team's routes on the console server: Better Auth under /api/auth/*, the sandbox's
 * automatic sign-in, joining by invitation or setup link, and the sign-in gate in front of
 * /api/v1/* and /api/uploads/* (off until the browser has a sign-in page: `requireSignIn`).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { acceptInvitation, PeopleError, SANDBOX_OWNER_EMAIL, SANDBOX_PASSWORD } from '../people/people';
import { AUTH_BASE_PATH, type ConsoleAuth } from './auth';
import { notSignedIn, personOf, type Person } from './person';
import { setupPage } from './setup-page';

export interface TeamOptions {
  db: Database;
  auth: ConsoleAuth;
  /** The embedded sandbox: POST /api/auth/sandbox-sign-in signs a visitor in as its owner. */
  sandboxSignIn: boolean;
  /**
   * Every /api/v1/* and /api/uploads/* call needs a signed-in person (or an embed session).
   * Off for now: the browser app has no sign-in page yet.
   */
  requireSignIn: boolean;
  /** CONSOLE_PUBLIC_URL's origin: the only origin sign-in POSTs may come from (else the request's own). */
  publicOrigin?: string | undefined;
}

const publicPerson = ({ id, email, name, role }: Person) => ({ id, email, name, role });

/**
 * A POST that signs someone in or out must come from the console's own page (or from no browser
 * at all: scripts send no Origin). Better Auth checks this only when a cookie is already there.
 */
function crossSite(c: Context, publicOrigin: string | undefined): boolean {
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== (publicOrigin ?? new URL(c.req.url).origin);
}

const crossSiteAnswer = (c: Context) =>
  consoleError(c, 403, 'authentication', 'cross_site', 'Signing in must come from the console’s own page.');

/**
 * Better Auth also answers a sign-in with the session token in the JSON body; the browser only
 * ever needs the HTTP-only cookie, so the token is taken out (a script on the page cannot read it).
 */
async function withoutToken(response: Response): Promise<Response> {
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const body = (await response.json()) as Record<string, unknown>;
  delete body.token;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

async function signInAs(auth: ConsoleAuth, c: Context, email: string, password: string): Promise<Response> {
  return withoutToken(await auth.api.signInEmail({ body: { email, password }, headers: c.req.raw.headers, asResponse: true }));
}

const SIGN_IN_PATHS = new Set([`${AUTH_BASE_PATH}/sign-in/email`]);

export function mountTeamRoutes(app: Hono, { db, auth, sandboxSignIn, publicOrigin }: TeamOptions): void {
  app.get('/api/team/me', async (c) => {
    const person = await personOf(auth, c);
    if (!person) return notSignedIn(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ person: publicPerson(person) });
  });

  app.post(`${AUTH_BASE_PATH}/sandbox-sign-in`, async (c) => {
    if (!sandboxSignIn) {
      return consoleError(c, 404, 'not_found', 'resource_not_found', 'Automatic sign-in is only offered with the embedded sandbox.');
    }
    if (crossSite(c, publicOrigin)) return crossSiteAnswer(c);
    const answer = await signInAs(auth, c, SANDBOX_OWNER_EMAIL, SANDBOX_PASSWORD);
    if (!answer.ok) {
      return consoleError(
        c,
        409,
        'invalid_request',
        'sandbox_owner_changed',
        `${SANDBOX_OWNER_EMAIL} no longer signs in with the seeded password.`,
      );
    }
    return answer;
  });

  // Joining by an invitation or the setup link: JSON from a script or the app, or the setup page's form.
  app.post('/api/team/join', async (c) => {
    if (crossSite(c, publicOrigin)) return crossSiteAnswer(c);
    const isForm = (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
    const body: Record<string, unknown> = isForm
      ? Object.fromEntries(new URLSearchParams(await c.req.text()))
      : (((await c.req.json().catch(() => null)) as Record<string, unknown> | null) ?? {});
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const [token, email, password, name] = [field('token'), field('email'), field('password'), field('name')];
    for (const [param, value] of [
      ['token', token],
      ['email', email],
      ['password', password],
    ] as const) {
      if (!value) return consoleError(c, 400, 'invalid_request', 'parameter_missing', `${param} is required.`, param);
    }
    try {
      const person = await acceptInvitation(db, token, { email, password, name });
      const signedIn = await signInAs(auth, c, person.email, password);
      if (!isForm) return signedIn;
      const redirect = new Response(null, { status: 303, headers: { Location: '/' } });
      for (const cookie of signedIn.headers.getSetCookie()) redirect.headers.append('Set-Cookie', cookie);
      return redirect;
    } catch (error) {
      if (!(error instanceof PeopleError)) throw error;
      if (isForm) return c.html(setupPage(token, error.message), 400);
      return consoleError(c, 400, 'invalid_request', error.code, error.message);
    }
  });

  app.on(['GET', 'POST'], `${AUTH_BASE_PATH}/*`, async (c) => {
    if (c.req.method === 'POST' && crossSite(c, publicOrigin)) return crossSiteAnswer(c);
    const answer = await auth.handler(c.req.raw);
    return SIGN_IN_PATHS.has(new URL(c.req.url).pathname) ? withoutToken(answer) : answer;
  });

  app.get('/setup', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(setupPage(c.req.query('token') ?? '', null));
  });
}

/**
 * For /api/v1/* and /api/uploads/*, after the embed guard: an embed session (a Bearer token the
 * guard has already checked) passes; otherwise, when sign-in is required, a signed-in person.
 */
export function signInGate({ auth, requireSignIn }: TeamOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!requireSignIn || (c.req.header('authorization') ?? '').startsWith('Bearer ')) return next();
    if (!(await personOf(auth, c))) return notSignedIn(c);
    return next();
  };
}
