/**
 * Who is asking: the signed-in person and their team role, read from the session row on every
 * request (no cache, so a removed person or revoked session is refused at once, on every copy).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { isRole, type Role } from '../db/schema';
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

/** The signed-in person, or null. Passes on any refreshed session cookie Better Auth issues. */
export async function personOf(auth: ConsoleAuth, c: Context): Promise<Person | null> {
  const { headers, response } = await auth.api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
  for (const cookie of headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
  if (!response) return null;
  const { user, session } = response;
  if (!isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
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
