/**
 * `POST /api/embed/sessions`: what a partner's backend sends to mint a session, as a zod schema
 * the console server validates with. Apart from embed.ts so the SDK and the embedded console,
 * which import embed.ts, carry no zod.
 */
import { z } from 'zod';
import { EMBED_MODES, normalizeOrigin } from './embed';

/** Short by default: a session token is a bearer token, and the host refreshes it a minute early. */
export const EMBED_TTL_DEFAULT_S = 600;
export const EMBED_TTL_MIN_S = 60;
export const EMBED_TTL_MAX_S = 4 * 3600;
export const EMBED_SUBJECT_MAX = 256;

const ORIGIN_MESSAGE = 'origin must be an origin like https://partner.example.';
const SUBJECT_REQUIRED_MESSAGE =
  'subject is required unless character_id is given: name the end user the session is for (your user id), so it sees only their characters.';
const TTL_MESSAGE = `ttl_s must be a whole number of seconds from ${EMBED_TTL_MIN_S} to ${EMBED_TTL_MAX_S}.`;

export const embedSessionRequest = z
  .strictObject(
    {
      origin: z.string({ error: ORIGIN_MESSAGE }).transform((value, ctx) => {
        const origin = normalizeOrigin(value);
        if (origin) return origin;
        ctx.addIssue({ code: 'custom', message: ORIGIN_MESSAGE });
        return z.NEVER;
      }),
      mode: z.enum(EMBED_MODES, { error: 'mode must be "create" or "review".' }),
      ttl_s: z
        .number({ error: TTL_MESSAGE })
        .int({ error: TTL_MESSAGE })
        .min(EMBED_TTL_MIN_S, { error: TTL_MESSAGE })
        .max(EMBED_TTL_MAX_S, { error: TTL_MESSAGE })
        .optional(),
      character_id: z
        .string({ error: 'character_id must be a character id (char_…).' })
        .regex(/^char_[0-9A-Za-z]{1,64}$/, { error: 'character_id must be a character id (char_…).' })
        .optional(),
      /**
       * Who the session is for, in the partner's own terms (its end user's id). Required unless
       * `character_id` is given: a session sees and acts only on characters created by sessions
       * with the same origin and subject.
       */
      subject: z
        .string({ error: `subject must be 1–${EMBED_SUBJECT_MAX} visible ASCII characters (your user or workspace id).` })
        .regex(new RegExp(`^[\\x21-\\x7e]{1,${EMBED_SUBJECT_MAX}}$`), {
          error: `subject must be 1–${EMBED_SUBJECT_MAX} visible ASCII characters (your user or workspace id).`,
        })
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unknown field(s): ${issue.keys.join(', ')}. A session request takes origin, mode, ttl_s, character_id and subject.`
          : 'The body must be a JSON object.',
    },
  )
  .superRefine((request, ctx) => {
    if (request.subject === undefined && request.character_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: SUBJECT_REQUIRED_MESSAGE });
    }
  });

export type EmbedSessionRequest = z.input<typeof embedSessionRequest>;
