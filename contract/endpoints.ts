/**
 * Every Aurous endpoint the console uses, declared once: its rate-limit bucket, whether it takes
 * an Idempotency-Key, and which embed sessions may call it. The console's limiter, the sandbox's
 * limiter and idempotency middleware, and the console server's embed guard all read this table
 * through `matchEndpoint`.
 *
 * Free of zod, so the browser's first screen can import it: request bodies and responses are
 * named here as types only (`EndpointTypes`), and the body schemas sit in `endpoint-bodies.ts`.
 * Buckets are from each endpoint's reference page (seeds/ win on conflict); the sandbox's routes
 * are tested to be exactly these.
 */
import type {
  Balance,
  Character,
  CharacterList,
  ClassifyBody,
  ClassifyResponse,
  CreateCharacterBody,
  DeletedCharacter,
  RegenerateRefBody,
  ResynthesizeBody,
  UpdateCharacterBody,
  UploadInitBody,
  UploadInitResponse,
} from './aurous';
import type { CreateWebhookEndpointBody, DeletedWebhookEndpoint, WebhookEndpoint, WebhookTestBody, WebhookTestFire } from './webhooks';
import type { RateLimitBucket } from './constants';
import type { EmbedMode } from './embed';

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `:id` is one path segment: the character id (the endpoint id on /v1/webhook_endpoints/…). */
  path: string;
  bucket: RateLimitBucket;
  /** The bucket when the body says `generate: true` (the synthesize flow of create). */
  generateBucket?: RateLimitBucket;
  /** Takes an Idempotency-Key (or its alias Aurous-Idempotent-Key): a repeat is replayed. */
  idempotent: boolean;
  /** Embed session modes that may call it. */
  modes: readonly EmbedMode[];
  /**
   * May a session bound to one character call it: `any` (it names no character), `own` (only for
   * the character it is bound to) or `never`.
   */
  bound: 'any' | 'own' | 'never';
}

/** What each endpoint takes and answers (types only: nothing of this reaches a bundle). */
export interface EndpointTypes {
  getBalance: { body: null; response: Balance };
  initUpload: { body: UploadInitBody; response: UploadInitResponse };
  classifyUpload: { body: ClassifyBody; response: ClassifyResponse };
  createCharacter: { body: CreateCharacterBody; response: Character };
  listCharacters: { body: null; response: CharacterList };
  getCharacter: { body: null; response: Character };
  updateCharacter: { body: UpdateCharacterBody; response: Character };
  deleteCharacter: { body: null; response: DeletedCharacter };
  saveCharacter: { body: null; response: Character };
  regenerateRef: { body: RegenerateRefBody; response: Character };
  resynthesize: { body: ResynthesizeBody; response: Character };
  createWebhookEndpoint: { body: CreateWebhookEndpointBody; response: WebhookEndpoint };
  getWebhookEndpoint: { body: null; response: WebhookEndpoint };
  deleteWebhookEndpoint: { body: null; response: DeletedWebhookEndpoint };
  rotateWebhookSecret: { body: null; response: WebhookEndpoint };
  testWebhookEndpoint: { body: WebhookTestBody; response: WebhookTestFire };
}

const BOTH: readonly EmbedMode[] = ['create', 'review'];
const CREATE: readonly EmbedMode[] = ['create'];
const REVIEW: readonly EmbedMode[] = ['review'];
/** Webhook endpoints are the console server's own business: no embed session, no browser (server/app.ts refuses them). */
const NONE: readonly EmbedMode[] = [];

export const ENDPOINTS = {
  getBalance: { method: 'GET', path: '/v1/balance', bucket: 'get', idempotent: false, modes: BOTH, bound: 'any' },
  initUpload: {
    method: 'POST',
    path: '/v1/characters/uploads/init',
    bucket: 'characters_post',
    idempotent: false,
    modes: CREATE,
    bound: 'any',
  },
  classifyUpload: {
    method: 'POST',
    path: '/v1/characters/uploads/classify',
    bucket: 'characters_post',
    idempotent: false,
    modes: CREATE,
    bound: 'any',
  },
  // The create page names no Idempotency-Key, but the API takes one here (the console's paid-intent
  // replay relies on it) and the synthesize flow shares the regenerate/resynthesize bucket.
  createCharacter: {
    method: 'POST',
    path: '/v1/characters',
    bucket: 'characters_post',
    generateBucket: 'characters_synthesize',
    idempotent: true,
    modes: CREATE,
    bound: 'never',
  },
  listCharacters: { method: 'GET', path: '/v1/characters', bucket: 'characters_get', idempotent: false, modes: REVIEW, bound: 'never' },
  getCharacter: { method: 'GET', path: '/v1/characters/:id', bucket: 'characters_get', idempotent: false, modes: BOTH, bound: 'own' },
  updateCharacter: {
    method: 'PATCH',
    path: '/v1/characters/:id',
    bucket: 'characters_post',
    idempotent: false,
    modes: REVIEW,
    bound: 'own',
  },
  deleteCharacter: {
    method: 'DELETE',
    path: '/v1/characters/:id',
    bucket: 'characters_post',
    idempotent: false,
    modes: REVIEW,
    bound: 'own',
  },
  saveCharacter: {
    method: 'POST',
    path: '/v1/characters/:id/save',
    bucket: 'characters_post',
    idempotent: false,
    modes: REVIEW,
    bound: 'own',
  },
  regenerateRef: {
    method: 'POST',
    path: '/v1/characters/:id/refs/regenerate',
    bucket: 'characters_synthesize',
    idempotent: true,
    modes: REVIEW,
    bound: 'own',
  },
  resynthesize: {
    method: 'POST',
    path: '/v1/characters/:id/resynthesize',
    bucket: 'characters_synthesize',
    idempotent: true,
    modes: REVIEW,
    bound: 'own',
  },
  createWebhookEndpoint: {
    method: 'POST',
    path: '/v1/webhook_endpoints',
    bucket: 'webhook_endpoints_post',
    idempotent: false,
    modes: NONE,
    bound: 'never',
  },
  getWebhookEndpoint: { method: 'GET', path: '/v1/webhook_endpoints/:id', bucket: 'get', idempotent: false, modes: NONE, bound: 'never' },
  deleteWebhookEndpoint: {
    method: 'DELETE',
    path: '/v1/webhook_endpoints/:id',
    bucket: 'webhook_endpoints_post',
    idempotent: false,
    modes: NONE,
    bound: 'never',
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/v1/webhook_endpoints/:id/rotate_secret',
    bucket: 'webhook_endpoints_post',
    idempotent: false,
    modes: NONE,
    bound: 'never',
  },
  testWebhookEndpoint: {
    method: 'POST',
    path: '/v1/webhook_endpoints/:id/test',
    bucket: 'webhook_endpoints_post',
    idempotent: false,
    modes: NONE,
    bound: 'never',
  },
  // Excess and missing names both fail here: the table and EndpointTypes list the same endpoints.
} as const satisfies Record<keyof EndpointTypes, Endpoint>;

export type EndpointName = keyof EndpointTypes;
export type EndpointResponse<Name extends EndpointName> = EndpointTypes[Name]['response'];
export type EndpointBody<Name extends EndpointName> = EndpointTypes[Name]['body'];

export interface EndpointMatch {
  name: EndpointName;
  endpoint: Endpoint;
  /** The `:id` segment, when the path has one. */
  id: string | null;
}

const PATTERNS = Object.entries(ENDPOINTS).map(([name, endpoint]) => ({
  name: name as EndpointName,
  endpoint: endpoint as Endpoint,
  segments: endpoint.path.split('/'),
}));

/**
 * The endpoint a request is for, or null. `path` is the decoded `/v1/…` path (a query string is
 * ignored); literal segments compare exactly and `:id` takes any one non-empty segment.
 */
export function matchEndpoint(method: string, path: string): EndpointMatch | null {
  const segments = (path.split('?')[0] ?? '').split('/');
  for (const { name, endpoint, segments: pattern } of PATTERNS) {
    if (endpoint.method !== method || pattern.length !== segments.length) continue;
    let id: string | null = null;
    const fits = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part !== ':id') return part === segment;
      id = segment;
      return segment !== '';
    });
    if (fits) return { name, endpoint, id };
  }
  return null;
}

/** The bucket a request draws from. A path outside the table: GET → `get`, anything else → `characters_post`. */
export function bucketFor(method: string, path: string, body?: unknown): RateLimitBucket {
  const match = matchEndpoint(method, path);
  if (!match) return method === 'GET' ? 'get' : 'characters_post';
  const { bucket, generateBucket } = match.endpoint;
  const generating = typeof body === 'object' && body !== null && 'generate' in body && body.generate === true;
  return generateBucket && generating ? generateBucket : bucket;
}
