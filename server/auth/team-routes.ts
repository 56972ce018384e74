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
}

const publicPerson = ({ id, email, name, role }: Person) => ({ id, email, name, role });

/** A POST that sets a session cookie must come from the console's own page (or no browser at all). */
function crossSite(c: Context): boolean {
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== new URL(c.req.url).origin;
}

async function signInAs(auth: ConsoleAuth, c: Context, email: string, password: string): Promise<Response> {
  return auth.api.signInEmail({ body: { email, password }, headers: c.req.raw.headers, asResponse: true });
}

export function mountTeamRoutes(app: Hono, { db, auth, sandboxSignIn }: TeamOptions): void {
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
    if (crossSite(c)) return consoleError(c, 403, 'authentication', 'cross_site', 'Sign-in must come from the console’s own page.');
    const answer = await signInAs(auth, c, SANDBOX_OWNER_EMAIL, SANDBOX_PASSWORD);
    if (!answer.ok) {
      return consoleError(c, 409, 'invalid_request', 'sandbox_owner_changed', `${SANDBOX_OWNER_EMAIL} no longer signs in with the seeded password.`);
    }
    return answer;
  });

  // Joining by an invitation or the setup link: JSON from a script or the app, or the setup page's form.
  app.post('/api/team/join', async (c) => {
    if (crossSite(c)) return consoleError(c, 403, 'authentication', 'cross_site', 'Joining must come from the console’s own page.');
    const isForm = (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
    const body: Record<string, unknown> = isForm
      ? Object.fromEntries(new URLSearchParams(await c.req.text()))
      : ((await c.req.json().catch(() => null)) as Record<string, unknown> | null) ?? {};
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const [token, email, password, name] = [field('token'), field('email'), field('password'), field('name')];
    for (const [param, value] of [['token', token], ['email', email], ['password', password]] as const) {
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

  app.on(['GET', 'POST'], `${AUTH_BASE_PATH}/*`, (c) => auth.handler(c.req.raw));

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
