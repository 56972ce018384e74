/**
 * The Aurous API as the console sees it: every call goes to the console server's `/api/v1/*`
 * (same origin; the server adds the key). Paths, methods, buckets and answer types are the
 * endpoint table's (contract/endpoints.ts).
 */
import type {
  ClassifyBody,
  CreateCharacterBody,
  ListCharactersQuery,
  Pose,
  RegenerateRefBody,
  ResynthesizeBody,
  UpdateCharacterBody,
  UploadInitBody,
} from '../../../contract/aurous';
import { CHARACTER_INDEX_PATH, type CharacterIndexParams } from '../../../contract/character-index';
import type { Character, CharacterList } from '../../../contract/aurous';
import type { EndpointName, EndpointResponse } from '../../../contract/endpoints';
import { AurousApiError } from './api-error';
import { sessionChecked, signedOut } from '../session/session';
import { embedHeaders } from './embed-auth';
import { createLimiter } from './limiter';

/** One limiter per tab, shared by every call. */
export const limiter = createLimiter();

/**
 * The endpoint table, fetched beside the first screen rather than in it: it is needed only once a
 * request goes out, and the first screen's budget has no room for it. Loading starts with this
 * module; a failed load is a network error for that call and is tried again by the next.
 */
const loadEndpointTable = () => {
  const loading = import('../../../contract/endpoints');
  loading.catch(() => undefined); // reported by the call that awaits it
  return loading;
};
let endpointTable = loadEndpointTable();
async function endpoints() {
  try {
    return await endpointTable;
  } catch {
    endpointTable = loadEndpointTable();
    throw AurousApiError.network();
  }
}

interface RequestOptions {
  /** The character, for paths with `:id`. */
  id?: string;
  query?: URLSearchParams;
  body?: unknown;
  signal?: AbortSignal;
  idempotencyKey?: string;
  /** More request headers (the review queue's Aurous-Seen-Version: the version a decision was made on). */
  extra?: Record<string, string> | undefined;
}

/**
 * One request to the console server, after the start-up sign-in check (it may still be signing the
 * sandbox's visitor in). A failure becomes an AurousApiError; a 401 `not_signed_in` (signed out
 * elsewhere, revoked, removed) also shows the sign-in page.
 */
async function consoleFetch<T>(
  url: string,
  init: RequestInit & { signal?: AbortSignal | undefined },
  onError?: (error: AurousApiError) => void,
): Promise<T> {
  await sessionChecked();
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw AurousApiError.network();
  }
  if (!response.ok) {
    const error = await AurousApiError.fromResponse(response);
    onError?.(error);
    if (error.code === 'not_signed_in') signedOut();
    throw error;
  }
  return (await response.json()) as T;
}

/** One call to an endpoint of the table, which gives its path, method, bucket and answer type. */
export async function apiRequest<Name extends EndpointName>(
  name: Name,
  { id = '', query, body, signal, idempotencyKey, extra }: RequestOptions = {},
): Promise<EndpointResponse<Name>> {
  // Signed in first: the limiter's wait must not count the sign-in check.
  await sessionChecked();
  const { ENDPOINTS, bucketFor } = await endpoints();
  const { method, path: pattern } = ENDPOINTS[name];
  const path = pattern.replace(':id', encodeURIComponent(id));
  const headers: Record<string, string> = { Accept: 'application/json', ...embedHeaders(), ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const bucket = bucketFor(method, path, body);
  await limiter.acquire(bucket, signal);
  return consoleFetch<EndpointResponse<Name>>(
    `/api${path}${query ? `?${query}` : ''}`,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal },
    (error) => {
      if (error.type === 'rate_limit') limiter.rateLimited(bucket, error.retryAfterS ?? 1);
    },
  );
}

/**
 * The console's own list of characters (`GET /api/characters`), read from its index and filtered
 * to what this person or embed session may see. It is not an API call: no bucket, no limiter.
 */
function listIndexed(params: CharacterIndexParams, signal?: AbortSignal): Promise<CharacterList> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  return consoleFetch<CharacterList>(`${CHARACTER_INDEX_PATH}?${query}`, {
    headers: { Accept: 'application/json', ...embedHeaders() },
    signal,
  });
}

/** One character from the console's index (`GET /api/characters/:id`): free, like the list. */
function getIndexed(id: string, signal?: AbortSignal): Promise<Character> {
  return consoleFetch<Character>(`${CHARACTER_INDEX_PATH}/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json', ...embedHeaders() },
    signal,
  });
}

export const aurous = {
  listIndexed,
  getIndexed,
  initUpload: (body: UploadInitBody, signal?: AbortSignal) => apiRequest('initUpload', { body, signal }),
  classifyUpload: (uploadId: string, signal?: AbortSignal) =>
    apiRequest('classifyUpload', { body: { upload_id: uploadId } satisfies ClassifyBody, signal }),
  createCharacter: (body: CreateCharacterBody, idempotencyKey?: string) => apiRequest('createCharacter', { body, idempotencyKey }),
  getCharacter: (id: string, signal?: AbortSignal) => apiRequest('getCharacter', { id, signal }),
  listCharacters: (query: ListCharactersQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return apiRequest('listCharacters', { query: params, signal });
  },
  updateCharacter: (id: string, body: UpdateCharacterBody) => apiRequest('updateCharacter', { id, body }),
  deleteCharacter: (id: string, extra?: Record<string, string>) => apiRequest('deleteCharacter', { id, extra }),
  saveCharacter: (id: string, extra?: Record<string, string>) => apiRequest('saveCharacter', { id, extra }),
  regenerateRef: (id: string, pose: Pose, idempotencyKey: string, extra?: Record<string, string>) =>
    apiRequest('regenerateRef', { id, body: { pose } satisfies RegenerateRefBody, idempotencyKey, extra }),
  resynthesize: (id: string, idempotencyKey: string, extra?: Record<string, string>) =>
    apiRequest('resynthesize', { id, body: {} satisfies ResynthesizeBody, idempotencyKey, extra }),
  getBalance: (signal?: AbortSignal) => apiRequest('getBalance', { signal }),
};
