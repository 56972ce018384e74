/**
 * The team's routes on the console server: Better Auth under /api/auth/*, the sandbox's
 * automatic sign-in, joining by invitation or setup link, what the sign-in page offers, and the
 * sign-in gate in front of /api/v1/* and /api/uploads/*. Managing the team (members, roles,
 * invitations) is in team-admin-routes.ts.
 */
import type { Listen } from '../db/database';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import type { JoinPreviewResponse, SignInOptionsResponse } from '../../contract/team';
import { incomingOf } from '../embed-path';
import {
  acceptInvitation,
  findPerson,
  PeopleError,
  previewInvitation,
  SANDBOX_OWNER_EMAIL,
  SANDBOX_PASSWORD,
  SANDBOX_PEOPLE,
} from '../people/people';
import { AUTH_BASE_PATH, CLIENT_ADDRESS_HEADER, type ConsoleAuth } from './auth';
import { notSignedIn, personOf, type Person } from './person';
import { setupPage } from './setup-page';
import { SSO_ERROR_PATH, ssoErrorPage } from './sso';

export interface TeamOptions {
  db: Database;
  /** LISTEN on the database (the live hub's change notifications); omitted, no live events. */
  listen?: Listen;
  auth: ConsoleAuth;
  /** The embedded sandbox: POST /api/auth/sandbox-sign-in signs a visitor in as its owner. */
  sandboxSignIn: boolean;
  /** CONSOLE_PUBLIC_URL's origin: the only origin sign-in POSTs may come from (else the request's own). */
  publicOrigin?: string | undefined;
  /** Single sign-on by OpenID Connect, when configured: the sign-in page offers "Sign in with <label>". */
  oidc?: { providerId: 'oidc'; label: string };
  /** Believe the proxy's X-Forwarded-For for the sign-in rate limit (CONSOLE_TRUST_PROXY). */
  trustProxy?: boolean;
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

/**
 * The client's address, for Better Auth's sign-in rate limit and the session row: the socket's
 * peer, or the address our own proxy appended to X-Forwarded-For when it is trusted. Whatever the
 * client sent under the same header name is replaced, so nobody picks their own bucket.
 */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => part.trim());
    const last = forwarded[forwarded.length - 1];
    if (last) return last;
  }
  return incomingOf(c)?.socket.remoteAddress ?? '';
}

function withClientAddress(c: Context, trustProxy: boolean): Headers {
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddress(c, trustProxy);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  return headers;
}

async function signInAs(auth: ConsoleAuth, c: Context, email: string, password: string, trustProxy = false): Promise<Response> {
  return withoutToken(
    await auth.api.signInEmail({ body: { email, password }, headers: withClientAddress(c, trustProxy), asResponse: true }),
  );
}

const SIGN_IN_EMAIL = `${AUTH_BASE_PATH}/sign-in/email`;

/**
 * Better Auth answers a failed sign-in with its own shape; the sign-in page gets the console's
 * envelope with a code it can word: the email and password do not match, or too many attempts.
 */
async function signInFailure(c: Context, db: Database, answer: Response, email: unknown): Promise<Response> {
  if (answer.status === 429) {
    const retryAfter = Number(answer.headers.get('x-retry-after')) || 60;
    c.header('Retry-After', String(retryAfter));
    return consoleError(
      c,
      429,
      'rate_limit',
      'too_many_requests',
      `Too many sign-in attempts from this address. Try again in ${retryAfter} s.`,
    );
  }
  if (answer.status !== 401 || typeof email !== 'string') return answer;
  try {
    await findPerson(db, email);
  } catch {
    return consoleError(c, 400, 'invalid_request', 'invalid_email', `"${email}" is not an email address.`, 'email');
  }
  // One answer for an unknown email and a wrong password: who is on the team is not told to
  // whoever guesses (an owner sees the team page; the sandbox lists its people anyway).
  return consoleError(
    c,
    401,
    'authentication',
    'wrong_credentials',
    'That email and password do not match anyone on this team. Check both, or ask an owner or admin for an invitation.',
  );
}

/**
 * POST /api/auth/sign-in/oauth2 `{ providerId, callbackURL?, invitation? }` → `{ url, redirect }`:
 * starts single sign-on (Better Auth's /sign-in/social underneath). `invitation` is an invitation
 * link's token, for someone joining the team by SSO instead of a password.
 */
async function startSso(c: Context, auth: ConsoleAuth, oidc: TeamOptions['oidc'], trustProxy: boolean): Promise<Response> {
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
  const headers = withClientAddress(c, trustProxy);
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

export function mountTeamRoutes(app: Hono, { db, auth, sandboxSignIn, publicOrigin, oidc, trustProxy = false }: TeamOptions): void {
  // Asked by the sign-in page before anyone has signed in.
  app.get('/api/team/sign-in-options', (c) => {
    const options: SignInOptionsResponse = {
      sandboxPeople: sandboxSignIn ? SANDBOX_PEOPLE.map(({ email, role }) => ({ email, role })) : null,
      sso: oidc ? { label: oidc.label } : null,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(options);
  });

  // What an invitation offers (the join page shows it before the person sets a password).
  app.get('/api/team/join', async (c) => {
    const token = c.req.query('token') ?? '';
    if (!token) return consoleError(c, 400, 'invalid_request', 'parameter_missing', 'token is required.', 'token');
    const found = await previewInvitation(db, token);
    if (!found) {
      return consoleError(
        c,
        404,
        'not_found',
        'invalid_invitation',
        'This link is not valid: it was already used, was revoked, has expired, or was never issued.',
      );
    }
    c.header('Cache-Control', 'no-store');
    const preview: JoinPreviewResponse = { role: found.role, email: found.email, expiresAt: found.expiresAt.toISOString() };
    return c.json(preview);
  });

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
    const answer = await signInAs(auth, c, SANDBOX_OWNER_EMAIL, SANDBOX_PASSWORD, trustProxy);
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
      const signedIn = await signInAs(auth, c, person.email, password, trustProxy);
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
    return startSso(c, auth, oidc, trustProxy);
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
    const signingIn = new URL(c.req.url).pathname === SIGN_IN_EMAIL;
    // The email is read from a copy first: the sign-in's answer is worded with it.
    const body = signingIn
      ? ((await c.req.raw
          .clone()
          .json()
          .catch(() => null)) as { email?: unknown } | null)
      : null;
    const request = new Request(c.req.raw, { headers: withClientAddress(c, trustProxy) });
    if (!signingIn) return auth.handler(request);
    const answer = await auth.handler(request);
    return answer.ok ? withoutToken(answer) : signInFailure(c, db, answer, body?.email);
  });

  app.get('/setup', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(setupPage(c.req.query('token') ?? '', null));
  });
}

/**
 * For /api/v1/* and /api/uploads/*, after the embed guard: an embed session (a Bearer token the
 * guard has already checked) passes; otherwise only a signed-in person. Nothing passes with neither.
 */
export function signInGate({ auth }: TeamOptions): MiddlewareHandler {
  return async (c, next) => {
    if ((c.req.header('authorization') ?? '').startsWith('Bearer ')) return next();
    if (!(await personOf(auth, c))) return notSignedIn(c);
    return next();
  };
}
