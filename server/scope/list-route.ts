/**
 * `GET /api/characters?q=&sort=updated|created|name|status&status=&cursor=&limit=`: the caller's characters
 * from the console's index (contract/character-index.ts) — what the library, the QA queue and the
 * embed list. It costs the API nothing.
 */
import type { Context } from 'hono';
import { characterIndexQuery } from '../../contract/character-index-query';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { listIndexed } from './character-index';
import { withRefsFrom } from './ref-origin';
import type { ViewerSource } from './viewer';

export function characterListRoute({ db, viewers, sandbox }: { db: Database; viewers: ViewerSource; sandbox: boolean }) {
  return async (c: Context) => {
    const viewer = await viewers(c);
    if (viewer instanceof Response) return viewer;
    const parsed = characterIndexQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
      const param = typeof field === 'string' ? field : null;
      return consoleError(c, 400, 'invalid_request', 'invalid_format', issue?.message ?? 'The query is not valid.', param);
    }
    const page = await listIndexed(db, viewer.access, parsed.data);
    c.header('Cache-Control', 'no-store');
    return c.json(sandbox ? withRefsFrom(page, new URL(c.req.url).origin) : page);
  };
}
