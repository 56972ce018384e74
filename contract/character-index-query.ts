/** `GET /api/characters`'s query, as the zod schema the console server validates with (see character-index.ts). */
import { z } from 'zod';
import { INDEX_PAGE_DEFAULT, INDEX_PAGE_MAX, INDEX_SORTS, type CharacterIndexParams } from './character-index';
import { CHARACTER_STATUSES, NAME_MAX } from './constants';

export const characterIndexQuery = z.strictObject(
  {
    q: z
      .string()
      .trim()
      .max(NAME_MAX, { error: `q is a part of a name: at most ${NAME_MAX} characters.` })
      .optional()
      .transform((value) => value || undefined),
    sort: z.enum(INDEX_SORTS, { error: `sort must be one of ${INDEX_SORTS.map((sort) => `"${sort}"`).join(', ')}.` }).default('updated'),
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
      .default(INDEX_PAGE_DEFAULT),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown parameter(s): ${issue.keys.join(', ')}. Use q, sort, status, cursor and limit.`
        : undefined,
  },
);

export type CharacterIndexQuery = z.output<typeof characterIndexQuery>;
/** The browser's `CharacterIndexParams` is what this schema takes. */
export type CharacterIndexInput = z.input<typeof characterIndexQuery> & CharacterIndexParams;
