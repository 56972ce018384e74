/**
 * `GET /api/characters`: the console's own list of characters, read from its index and filtered
 * to what the caller may see (server/scope/). It answers the API's list shape (`CharacterList`),
 * with search by name, a sort, and the last row's id as the cursor.
 */
import { z } from 'zod';
import { CHARACTER_STATUSES, NAME_MAX } from './constants';

export const CHARACTER_INDEX_PATH = '/api/characters';
export const INDEX_SORTS = ['updated', 'created'] as const;
export type IndexSort = (typeof INDEX_SORTS)[number];
export const INDEX_PAGE_MAX = 100;

export const characterIndexQuery = z.strictObject(
  {
    q: z
      .string()
      .trim()
      .max(NAME_MAX, { error: `q is a part of a name: at most ${NAME_MAX} characters.` })
      .optional()
      .transform((value) => value || undefined),
    sort: z.enum(INDEX_SORTS, { error: 'sort must be "updated" or "created".' }).default('updated'),
    status: z
      .enum(CHARACTER_STATUSES, { error: 'status must be synthesizing, reviewing, ready or failed.' })
      .exclude(['deleted'])
      .optional(),
    cursor: z
      .string()
      .regex(/^char_[0-9A-Za-z]{1,64}$/, { error: 'cursor must be the next_cursor of the previous page.' })
      .optional(),
    limit: z.coerce
      .number({ error: `limit must be a whole number from 1 to ${INDEX_PAGE_MAX}.` })
      .int({ error: `limit must be a whole number from 1 to ${INDEX_PAGE_MAX}.` })
      .min(1, { error: `limit must be a whole number from 1 to ${INDEX_PAGE_MAX}.` })
      .max(INDEX_PAGE_MAX, { error: `limit must be a whole number from 1 to ${INDEX_PAGE_MAX}.` })
      .default(24),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown parameter(s): ${issue.keys.join(', ')}. Use q, sort, status, cursor and limit.`
        : undefined,
  },
);

export type CharacterIndexQuery = z.output<typeof characterIndexQuery>;
/** What the browser sends (every field optional). */
export type CharacterIndexParams = z.input<typeof characterIndexQuery>;
