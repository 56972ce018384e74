/**
 * Who is asking, as a scope: an embed session (its claims, checked by the embed guard), else the
 * signed-in person, else — only while sign-in is not required — an anonymous visitor who, as
 * before, sees everything.
 */
import type { Context } from 'hono';
import type { ConsoleAuth } from '../auth/auth';
import { notSignedIn, personOf } from '../auth/person';
import type { EmbedClaims } from '../embed-session';
import { ANONYMOUS_VIEWER, embedViewer, personViewer, type Viewer } from './scope';

export type ViewerSource = (c: Context) => Promise<Viewer | Response>;

export function viewerSource({
  auth,
  embedKey,
  requireSignIn,
}: {
  auth: ConsoleAuth;
  embedKey: Buffer | null;
  requireSignIn: boolean;
}): ViewerSource {
  return async (c) => {
    const claims: EmbedClaims | undefined = c.get('embedClaims');
    if (claims && embedKey) return embedViewer(embedKey, claims);
    const person = await personOf(auth, c);
    if (person) return personViewer(person);
    return requireSignIn ? notSignedIn(c) : ANONYMOUS_VIEWER;
  };
}
