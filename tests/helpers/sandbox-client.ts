/** A small HTTP client for the sandbox contract tests. */
import type { ApiErrorBody, Character, UploadInitResponse } from '../../contract/aurous';
import { SANDBOX_TEAM_A_KEY, type SandboxStats } from '../../contract/sandbox';
import { makePng } from './png';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  /** API key; `null` sends none. Defaults to team A. */
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export function sandboxClient(baseUrl: () => string) {
  async function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? SANDBOX_TEAM_A_KEY : options.key;
    if (key !== null) headers['X-Api-Key'] = key;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  const control = (path: string, body: unknown = {}) => call('POST', `/_sandbox/${path}`, { key: null, body });

  return {
    call,
    errorOf: (reply: Reply) => (reply.body as ApiErrorBody).error,
    reset: () => control('reset'),
    config: (body: unknown) => control('config', body),
    advance: (ms: number) => control('clock', { advance_ms: ms }),
    stats: async () => (await call<SandboxStats>('GET', '/_sandbox/stats', { key: null })).body,

    init(filename = 'photo.png', key?: string | null) {
      return call<UploadInitResponse>('POST', '/v1/characters/uploads/init', {
        key,
        body: { filename, extension: 'png', content_type: 'image/png' },
      });
    },
    put(url: string, bytes: Uint8Array, headers: Record<string, string> = { 'Content-Type': 'image/png' }) {
      return fetch(url, { method: 'PUT', headers, body: Buffer.from(bytes) });
    },
    /** init + PUT, returning the upload id. */
    async upload(filename = 'photo.png', bytes: Uint8Array = makePng(8, 8, 1), key?: string | null): Promise<string> {
      const init = await this.init(filename, key);
      if (init.status !== 200) throw new Error(`init ${init.status}`);
      const put = await this.put(init.body.upload_url, bytes);
      if (put.status !== 200) throw new Error(`put ${put.status}`);
      return init.body.upload_id;
    },
    classify(uploadId: string, key?: string | null) {
      return call<{ upload_id: string; pose: string; confidence: number }>('POST', '/v1/characters/uploads/classify', {
        key,
        body: { upload_id: uploadId },
      });
    },
    create(body: unknown, options: Omit<CallOptions, 'body'> = {}) {
      return call<Character>('POST', '/v1/characters', { ...options, body });
    },
    get: (id: string, key?: string | null) => call<Character>('GET', `/v1/characters/${id}`, { key }),
    balance: (key?: string | null) =>
      call<{ credits: number; held_credits: number; available_credits: number }>('GET', '/v1/balance', { key }),
  };
}

export const ATTRIBUTES = { gender: 'female', hair_color: 'red', hair_style: 'long wavy', body_type: 'athletic' };
