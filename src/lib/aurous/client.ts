/**
 * The Aurous API as the console sees it: every call goes to the console server's `/api/v1/*`
 * (same origin; the server adds the key). Typed by the shared contract.
 */
import type {
  Balance,
  Character,
  CharacterList,
  ClassifyResponse,
  CreateCharacterBody,
  DeletedCharacter,
  ListCharactersQuery,
  Pose,
  UpdateCharacterBody,
  UploadInitBody,
  UploadInitResponse,
} from '../../../contract/aurous';
import { AurousApiError } from './api-error';
import { embedHeaders } from './embed-auth';
import { bucketFor, createLimiter } from './limiter';

/** One limiter per tab, shared by every call. */
export const limiter = createLimiter();

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  idempotencyKey?: string;
}

export async function apiRequest<T>(path: string, { method = 'GET', body, signal, idempotencyKey }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...embedHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const bucket = bucketFor(method, path.split('?')[0] ?? path, body);
  await limiter.acquire(bucket, signal);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw AurousApiError.network();
  }
  if (!response.ok) {
    const error = await AurousApiError.fromResponse(response);
    if (error.type === 'rate_limit') limiter.rateLimited(bucket, error.retryAfterS ?? 1);
    throw error;
  }
  return (await response.json()) as T;
}

export const aurous = {
  initUpload: (body: UploadInitBody, signal?: AbortSignal) =>
    apiRequest<UploadInitResponse>('/v1/characters/uploads/init', { method: 'POST', body, signal }),
  classifyUpload: (uploadId: string, signal?: AbortSignal) =>
    apiRequest<ClassifyResponse>('/v1/characters/uploads/classify', { method: 'POST', body: { upload_id: uploadId }, signal }),
  createCharacter: (body: CreateCharacterBody, idempotencyKey?: string) =>
    apiRequest<Character>('/v1/characters', { method: 'POST', body, idempotencyKey }),
  getCharacter: (id: string, signal?: AbortSignal) =>
    apiRequest<Character>(`/v1/characters/${encodeURIComponent(id)}`, { signal }),
  listCharacters: (query: ListCharactersQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return apiRequest<CharacterList>(`/v1/characters?${params}`, { signal });
  },
  updateCharacter: (id: string, body: UpdateCharacterBody) =>
    apiRequest<Character>(`/v1/characters/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  deleteCharacter: (id: string) => apiRequest<DeletedCharacter>(`/v1/characters/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  saveCharacter: (id: string) => apiRequest<Character>(`/v1/characters/${encodeURIComponent(id)}/save`, { method: 'POST' }),
  regenerateRef: (id: string, pose: Pose, idempotencyKey: string) =>
    apiRequest<Character>(`/v1/characters/${encodeURIComponent(id)}/refs/regenerate`, { method: 'POST', body: { pose }, idempotencyKey }),
  resynthesize: (id: string, idempotencyKey: string) =>
    apiRequest<Character>(`/v1/characters/${encodeURIComponent(id)}/resynthesize`, { method: 'POST', body: {}, idempotencyKey }),
  getBalance: (signal?: AbortSignal) => apiRequest<Balance>('/v1/balance', { signal }),
};
