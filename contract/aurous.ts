/**
 * The Aurous character API, declared once.
 *
 * Request bodies are zod schemas (the sandbox validates with them, the console builds requests
 * typed by them); response shapes are plain types (the sandbox produces them, the console and
 * the console server read them). Nothing here imports from src/, server/ or sandbox/.
 */
import { z } from 'zod';

export const API_VERSION = '2026-05-15';
export const KNOWN_API_VERSIONS = ['2026-05-15', '2026-06-03', '2026-06-19'] as const;

export const POSES = ['portrait', 'front', 'side', 'back', 'other'] as const;
export type Pose = (typeof POSES)[number];
/** The four poses the synthesize flow produces, in display order. */
export const CANONICAL_POSES = ['portrait', 'front', 'side', 'back'] as const satisfies readonly Pose[];

export const CHARACTER_STATUSES = ['synthesizing', 'reviewing', 'ready', 'failed', 'deleted'] as const;
export type CharacterStatus = (typeof CHARACTER_STATUSES)[number];

export const UPLOAD_EXTENSIONS = ['jpeg', 'jpg', 'png', 'webp'] as const;
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number];
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

/** Which content type each extension must be sent with (init answers 400 otherwise). */
export const CONTENT_TYPE_BY_EXTENSION: Record<UploadExtension, UploadContentType> = {
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export const MIN_REFS = 1;
export const MAX_REFS = 6;
export const UPLOAD_URL_TTL_MS = 15 * 60 * 1000;
export const UPLOAD_TICKET_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const REF_URL_TTL_MS = 24 * 60 * 60 * 1000;

/** Credits each paid character action costs. */
export const COST = { synthesize: 4, resynthesize: 4, regenerate: 1 } as const;

/** Per-team token buckets: burst capacity and sustained refill per minute. */
export const RATE_LIMIT_BUCKETS = {
  characters_get: { capacity: 240, perMinute: 120 },
  characters_post: { capacity: 60, perMinute: 30 },
  characters_synthesize: { capacity: 12, perMinute: 6 },
  get: { capacity: 1200, perMinute: 600 },
} as const;
export type RateLimitBucket = keyof typeof RATE_LIMIT_BUCKETS;

// ---------------------------------------------------------------------------------------------
// Request bodies

export const uploadInitBody = z.strictObject({
  filename: z.string().min(1).max(120),
  extension: z.enum(UPLOAD_EXTENSIONS),
  content_type: z.enum(UPLOAD_CONTENT_TYPES),
});
export type UploadInitBody = z.infer<typeof uploadInitBody>;

export const classifyBody = z.strictObject({
  upload_id: z.string().min(1),
});
export type ClassifyBody = z.infer<typeof classifyBody>;

export const attributesSchema = z.strictObject({
  gender: z.string().min(1).max(40).optional(),
  age: z.number().int().min(0).max(150).optional(),
  ethnicity: z.string().min(1).max(60).optional(),
  hair_color: z.string().min(1).max(40).optional(),
  hair_style: z.string().min(1).max(80).optional(),
  eye_color: z.string().min(1).max(40).optional(),
  body_type: z.string().min(1).max(40).optional(),
  additional_details: z.string().max(1000).optional(),
});
export type CharacterAttributes = z.infer<typeof attributesSchema>;

export const NAME_MAX = 120;
export const characterName = z.string().trim().min(1).max(NAME_MAX);

/** POST /v1/characters: both flows in one body; the both/neither rule is checked by the handler. */
export const createCharacterBody = z.strictObject({
  name: characterName,
  generate: z.boolean().optional(),
  upload_ids: z.array(z.string().min(1)).min(MIN_REFS).max(MAX_REFS).optional(),
  attributes: attributesSchema.nullable().optional(),
  client_reference_id: z.string().max(256).optional(),
});
export type CreateCharacterBody = z.infer<typeof createCharacterBody>;

export const updateCharacterBody = z.strictObject({
  name: characterName.optional(),
  attributes: attributesSchema.nullable().optional(),
});
export type UpdateCharacterBody = z.infer<typeof updateCharacterBody>;

export const regenerateRefBody = z.strictObject({
  pose: z.enum(POSES),
  prompt_override: z.string().max(4000).optional(),
});
export type RegenerateRefBody = z.infer<typeof regenerateRefBody>;

export const resynthesizeBody = z.strictObject({
  force_all: z.boolean().optional(),
});
export type ResynthesizeBody = z.infer<typeof resynthesizeBody>;

export const listCharactersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  starting_after: z.string().min(1).optional(),
  status: z.enum(CHARACTER_STATUSES).exclude(['deleted']).optional(),
});
export type ListCharactersQuery = z.input<typeof listCharactersQuery>;

// ---------------------------------------------------------------------------------------------
// Responses

export interface UploadInitResponse {
  upload_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
  expires_at: string;
}

export interface ClassifyResponse {
  upload_id: string;
  pose: Pose;
  confidence: number;
}

export interface CharacterRef {
  pose: Pose;
  url: string;
}

export interface Character {
  id: string;
  object: 'character';
  name: string;
  status: CharacterStatus;
  refs: CharacterRef[];
  created_at: string;
  updated_at: string;
  attributes: CharacterAttributes | null;
  error_message: string | null;
  aurous_version: string;
  client_reference_id?: string | null;
}

export interface DeletedCharacter {
  id: string;
  object: 'character';
  deleted: true;
  /** true when a reviewing character was discarded for good (row removed). */
  hard_deleted: boolean;
}

export interface CharacterList {
  object: 'list';
  data: Character[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface Balance {
  credits: number;
  held_credits: number;
  available_credits: number;
  currency: 'credit';
  billing_mode: string;
}

export const ERROR_TYPES = [
  'invalid_request',
  'authentication',
  'not_found',
  'rate_limit',
  'server_error',
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

export interface ApiErrorBody {
  error: {
    type: ErrorType;
    code: string;
    message: string;
    param: string | null;
    doc_url: string;
    request_id: string;
  };
}

/** Response headers the console reads; the console server passes exactly these through. */
export const PASSTHROUGH_RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'aurous-request-id',
  'aurous-version',
  'aurous-idempotent-replayed',
] as const;

/** Request headers the browser may send that the console server forwards upstream. */
export const PASSTHROUGH_REQUEST_HEADERS = ['content-type', 'aurous-version', 'idempotency-key'] as const;

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
