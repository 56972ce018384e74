/**
 * The API's constants, free of zod so the browser bundle can import them without the schemas.
 * contract/aurous.ts re-exports everything here.
 */
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

/** Longest character name the console accepts (the API's cap is not documented). */
export const NAME_MAX = 120;
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
  /** POST /v1/webhook_endpoints (INDEX: 10 / 10 per min); rotate, test and delete are charged here too (not documented). */
  webhook_endpoints_post: { capacity: 10, perMinute: 10 },
} as const;
export type RateLimitBucket = keyof typeof RATE_LIMIT_BUCKETS;

export const ERROR_TYPES = ['invalid_request', 'authentication', 'not_found', 'rate_limit', 'server_error'] as const;
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
