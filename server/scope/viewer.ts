/**
 * Who is asking, as a scope: an embed session (its claims, checked by the embed guard), else the
 * signed-in person; nobody else reaches a character (401).
 */
import type { Context } from 'hono';
import type { ConsoleAuth } from '../auth/auth';
import { notSignedIn, personOf } from '../auth/person';
import type { EmbedClaims } from '../embed-session';
import { embedViewer, personViewer, type Viewer } from './scope';

export type ViewerSource = (c: Context) => Promise<Viewer | Response>;

export function viewerSource({ auth, embedKey }: { auth: ConsoleAuth; embedKey: Buffer | null }): ViewerSource {
  return async (c) => {
    const claims: EmbedClaims | undefined = c.get('embedClaims');
    if (claims && embedKey) return embedViewer(embedKey, claims);
    const person = await personOf(auth, c);
    if (person) return personViewer(person);
    return notSignedIn(c);
  };
}
