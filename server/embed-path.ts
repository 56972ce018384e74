/**
 * The path the embed guard judges, decoded and normalised once. Node's URL parser already resolves
 * `.`/`..` (and `%2e`) before routing, so the guard reads the request target as the client sent
 * it: a path that needed resolving, or that hides a slash in an escape, is refused outright
 * rather than judged in one shape and forwarded in another.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

export type ApiPath = { ok: true; path: string } | { ok: false; message: string };

/** The request's node socket and target, when it came through @hono/node-server. */
export function incomingOf(c: Context): HttpBindings['incoming'] | null {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null;
  return (env as Partial<HttpBindings>).incoming ?? null;
}

const pathOf = (target: string) => target.split('?')[0]?.split('#')[0] ?? '';

/**
 * `/api/…` as one decoded path (`/api` taken off: `/v1/characters/char_1`), or why it is refused:
 * encoded slashes or backslashes, `.`/`..` segments (plain or escaped), NUL, bad escapes.
 */
export function normalizeApiPath(rawTarget: string): ApiPath {
  const raw = pathOf(rawTarget);
  if (/%2f|%5c/i.test(raw)) return { ok: false, message: 'The path may not contain an encoded slash (%2F or %5C).' };
  const decoded: string[] = [];
  for (const segment of raw.split('/')) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return { ok: false, message: 'The path is not valid percent-encoding.' };
    }
    if (value === '.' || value === '..') return { ok: false, message: 'The path may not contain "." or ".." segments.' };
    if (value.includes('\\') || value.includes('\0')) return { ok: false, message: 'The path may not contain a backslash or NUL.' };
    decoded.push(value);
  }
  return { ok: true, path: decoded.join('/').replace(/^\/api(?=\/|$)/, '') };
}

/** The path as the client sent it (before Node resolved dot segments), decoded and checked. */
export function apiPathOf(c: Context): ApiPath {
  const url = new URL(c.req.url);
  const target = incomingOf(c)?.url ?? `${url.pathname}${url.search}`;
  return normalizeApiPath(target);
}
