/**
 * Who is asking: the signed-in person and their team role, read from the session row on every
 * request (no cache, so a removed person or revoked session is refused at once, on every copy).
 *
 * The common case — a signed session cookie naming a live session that needs no refresh — is one
 * indexed query (session joined to its person), the cookie's signature checked with node:crypto.
 * Everything else (no such session, expired, due for Better Auth's daily refresh, a stale
 * session-data or "don't remember me" cookie, a repeated cookie) goes to Better Auth's own
 * getSession, which answers it and sets or clears the cookies as it always has.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { isRole, session as sessionTable, user as userTable, type Role } from '../db/schema';
import { consoleError } from '../console-error';
import type { ConsoleAuth } from './auth';

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

export interface PersonEnv {
  Variables: { person: Person };
}

/** What Better Auth itself reads the session cookie with (its context, once per auth). */
interface SessionRules {
  tokenCookie: string;
  /** Cookies whose presence makes Better Auth answer with Set-Cookie: those requests go to it. */
  otherCookies: readonly string[];
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}

const rulesOf = new WeakMap<ConsoleAuth, Promise<SessionRules>>();
function sessionRules(auth: ConsoleAuth): Promise<SessionRules> {
  let rules = rulesOf.get(auth);
  if (!rules) {
    rules = auth.$context.then(({ authCookies, secret, sessionConfig }) => ({
      tokenCookie: authCookies.sessionToken.name,
      otherCookies: [authCookies.sessionData.name, authCookies.dontRememberToken.name],
      secret,
      expiresInMs: sessionConfig.expiresIn * 1000,
      updateAgeMs: sessionConfig.updateAge * 1000,
    }));
    rulesOf.set(auth, rules);
  }
  return rules;
}

/** A cookie's value as Better Auth's parser reads it (quotes off, percent-decoded). */
function cookieValue(raw: string): string {
  let value = raw.trim();
  if (value.codePointAt(0) === 34) value = value.slice(1, -1);
  try {
    return value.includes('%') ? decodeURIComponent(value) : value;
  } catch {
    return value;
  }
}

type Fast = { kind: 'none' } | { kind: 'person'; person: Person } | { kind: 'ask-better-auth' };

const sessionQueries = new WeakMap<ConsoleAuth, ReturnType<typeof prepareSessionQuery>>();
function prepareSessionQuery(auth: ConsoleAuth) {
  return auth.db
    .select({
      sessionId: sessionTable.id,
      expiresAt: sessionTable.expiresAt,
      id: userTable.id,
      email: userTable.email,
      name: userTable.name,
      role: userTable.role,
    })
    .from(sessionTable)
    .innerJoin(userTable, eq(userTable.id, sessionTable.userId))
    .where(eq(sessionTable.token, sql.placeholder('token')))
    .limit(1)
    .prepare('console_session_person');
}

/** The session the cookie names, when the answer is the same as Better Auth's and needs no Set-Cookie. */
async function fastSession(auth: ConsoleAuth, cookieHeader: string | null): Promise<Fast> {
  const rules = await sessionRules(auth);
  let signed: string | null = null;
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (rules.otherCookies.some((other) => name.startsWith(other))) return { kind: 'ask-better-auth' };
    if (name !== rules.tokenCookie) continue;
    if (signed !== null) return { kind: 'ask-better-auth' };
    signed = cookieValue(part.slice(at + 1));
  }
  // No session cookie, or one not signed with our secret: nobody (Better Auth answers null, sets nothing).
  if (!signed) return { kind: 'none' };
  const dot = signed.lastIndexOf('.');
  if (dot < 1) return { kind: 'none' };
  const token = signed.slice(0, dot);
  const signature = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(createHmac('sha256', rules.secret).update(token).digest('base64'));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return { kind: 'none' };

  let query = sessionQueries.get(auth);
  if (!query) {
    query = prepareSessionQuery(auth);
    sessionQueries.set(auth, query);
  }
  const [row] = await query.execute({ token });
  const now = Date.now();
  // Gone, expired (Better Auth clears the cookie) or due for its refresh (it extends the session and re-sets the cookie).
  if (!row || row.expiresAt.getTime() < now || row.expiresAt.getTime() - rules.expiresInMs + rules.updateAgeMs <= now) {
    return { kind: 'ask-better-auth' };
  }
  if (!isRole(row.role)) return { kind: 'none' };
  const { id, email, name, role, sessionId } = row;
  return { kind: 'person', person: { id, email, name, role, sessionId } };
}

/** Better Auth's own getSession, passing on any cookie it sets or clears. */
async function betterAuthPerson(auth: ConsoleAuth, c: Context): Promise<Person | null> {
  const { headers, response } = await auth.api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
  for (const cookie of headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
  if (!response) return null;
  const { user, session } = response;
  if (!isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
}

async function readPerson(auth: ConsoleAuth, c: Context): Promise<Person | null> {
  const fast = await fastSession(auth, c.req.raw.headers.get('cookie'));
  if (fast.kind === 'person') return fast.person;
  if (fast.kind === 'none') return null;
  return betterAuthPerson(auth, c);
}

/** One read per request: the sign-in gate and the scope layer ask for the same request. */
const asked = new WeakMap<Context, Promise<Person | null>>();

/**
 * The signed-in person, or null: read once per request (the gate and the scope layer share it),
 * from the database every request. Passes on any refreshed session cookie Better Auth issues.
 */
export function personOf(auth: ConsoleAuth, c: Context): Promise<Person | null> {
  let person = asked.get(c);
  if (!person) {
    person = readPerson(auth, c);
    asked.set(c, person);
  }
  return person;
}

export const notSignedIn = (c: Context) =>
  consoleError(
    c,
    401,
    'authentication',
    'not_signed_in',
    'Sign in to use the console: your session is missing, has expired or was revoked.',
  );

/** For routes only a signed-in person may use: sets `c.get('person')`, or answers 401. */
export function requirePerson(auth: ConsoleAuth): MiddlewareHandler<PersonEnv> {
  return async (c, next) => {
    const person = await personOf(auth, c);
    if (!person) return notSignedIn(c);
    c.set('person', person);
    await next();
  };
}
