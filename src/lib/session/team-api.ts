/**
 * The console server's own team routes (/api/team/*, /api/auth/*): JSON in and out, failures as
 * AurousApiError (the same envelope as the API's), so `describeError` words them. Loaded with the
 * sign-in, join and team pages and the person menu, never on the first screen.
 */
import type { MeResponse, TeamPerson } from '../../../contract/team';
import { AurousApiError } from '../aurous/api-error';
import { signedIn, signedOut } from './session';

export async function teamRequest<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    throw AurousApiError.network();
  }
  if (!response.ok) {
    const error = await AurousApiError.fromResponse(response);
    if (error.code === 'not_signed_in') signedOut();
    throw error;
  }
  return (await response.json()) as T;
}

/** After a sign-in or join: who it is, now that the cookie is set. */
export async function refreshPerson(): Promise<TeamPerson> {
  const { person } = await teamRequest<MeResponse>('/api/team/me');
  signedIn(person);
  return person;
}

export async function signOut(): Promise<void> {
  // Better Auth's sign-out ends the session row; the page forgets it either way.
  await teamRequest('/api/auth/sign-out', { method: 'POST', body: {} }).catch(() => undefined);
  signedOut();
}

/**
 * Where to go after signing in: the `next` the app put in the address, when it is a path on this
 * console (never another site: `//evil.example` or `https://…` fall back to the upload page).
 */
export function returnPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/sign-in') ? next : '/';
}
