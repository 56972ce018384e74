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
import { SSO_ERROR_PATH, ssoErrorPage } from './sso';

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
  /** Single sign-on is configured: the sign-in page offers "Sign in with <label>". */
  oidc?: { providerId: 'oidc'; label: string };
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

/**
 * POST /api/auth/sign-in/oauth2 `{ providerId, callbackURL?, invitation? }` → `{ url, redirect }`:
 * starts single sign-on (Better Auth's /sign-in/social underneath). `invitation` is an invitation
 * link's token, for someone joining the team by SSO instead of a password.
 */
async function startSso(c: Context, auth: ConsoleAuth, oidc: TeamOptions['oidc']): Promise<Response> {
  const body = ((await c.req.json().catch(() => null)) as Record<string, unknown> | null) ?? {};
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const providerId = text('providerId');
  if (!oidc || providerId !== oidc.providerId) {
    return consoleError(
      c,
      404,
      'not_found',
      'sso_not_configured',
      `Single sign-on${providerId ? ` with "${providerId}"` : ''} is not configured on this console.`,
      'providerId',
    );
  }
  const invitation = text('invitation');
  const headers = new Headers(c.req.raw.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  const request = new Request(new URL(`${AUTH_BASE_PATH}/sign-in/social`, c.req.url), {
    method: 'POST',
    headers,
    body: JSON.stringify({
      provider: providerId,
      callbackURL: text('callbackURL') ?? '/',
      errorCallbackURL: SSO_ERROR_PATH,
      // The page reads { url } and navigates itself; no Location header needed.
      disableRedirect: true,
      ...(invitation ? { additionalData: { invitation } } : {}),
    }),
  });
  return auth.handler(request);
}

export function mountTeamRoutes(app: Hono, { db, auth, sandboxSignIn, publicOrigin, oidc }: TeamOptions): void {
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

  app.post(`${AUTH_BASE_PATH}/sign-in/oauth2`, async (c) => {
    if (crossSite(c, publicOrigin)) return crossSiteAnswer(c);
    return startSso(c, auth, oidc);
  });

  // Better Auth's own entry would also take an ID token minted elsewhere (and answer the session
  // token in its body): the console's single way in by SSO is the redirect flow above.
  app.post(`${AUTH_BASE_PATH}/sign-in/social`, (c) =>
    consoleError(c, 404, 'not_found', 'resource_not_found', 'Start single sign-on with POST /api/auth/sign-in/oauth2.'),
  );

  app.get(SSO_ERROR_PATH, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(ssoErrorPage(c.req.query('error') ?? ''), 403);
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
