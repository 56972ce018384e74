/** The embed session this console runs under, if it is embedded; sent with every /api call. */
import { EMBED_ORIGIN_HEADER } from '../../../contract/embed-headers';

let session: { token: string; origin: string } | null = null;

export function setEmbedSession(next: { token: string; origin: string } | null): void {
  session = next;
}

export function embedHeaders(): Record<string, string> {
  return session ? { Authorization: `Bearer ${session.token}`, [EMBED_ORIGIN_HEADER]: session.origin } : {};
}

/** Embedded: requests authenticate with a header, so an `<img>` (which sends none) cannot use console routes. */
export const hasEmbedSession = (): boolean => session !== null;
