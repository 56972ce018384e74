/**
 * `GET /api/characters`: the console's own list of characters, read from its index and filtered
 * to what the caller may see (server/scope/). It answers the API's list shape (`CharacterList`),
 * with search by name, a sort, and the last row's id as the cursor. Free of zod, for the browser;
 * the server validates with character-index-query.ts.
 */
import type { CharacterStatus } from './constants';

export const CHARACTER_INDEX_PATH = '/api/characters';
/**
 * `updated` and `created`: newest first; `name`: A to Z (any case); `status`: what needs someone
 * first (reviewing, failed, synthesizing, then ready), newest change first within each.
 */
export const INDEX_SORTS = ['updated', 'created', 'name', 'status'] as const;
export type IndexSort = (typeof INDEX_SORTS)[number];
export const INDEX_PAGE_MAX = 100;
export const INDEX_PAGE_DEFAULT = 24;

/** What the browser sends; every field is optional (sort: `updated`, limit: 24). */
export interface CharacterIndexParams {
  /** Part of a name, any case. */
  q?: string | undefined;
  sort?: IndexSort | undefined;
  status?: Exclude<CharacterStatus, 'deleted'> | undefined;
  /** The previous page's `next_cursor`. */
  cursor?: string | undefined;
  limit?: number | undefined;
}
