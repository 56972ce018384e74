/** HTTP helpers for the sandbox and the console server's API. */
import { KEY, SANDBOX } from './config';
import { consoleCookie } from './processes';

export async function sandboxControl(route: string, body?: unknown) {
  const response = await fetch(`${SANDBOX}/_sandbox/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/_sandbox/${route}: ${response.status} ${await response.text()}`);
}
export const reset = () => sandboxControl('reset');

export async function api<T>(
  base: string,
  route: string,
  init: { method?: string; body?: unknown; key?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(`${base}${route}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      // Without the key the call is the console's: it goes with the bench owner's session.
      ...(init.key === false ? { Cookie: consoleCookie() } : { 'X-Api-Key': KEY }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
export interface InitResponse {
  upload_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
}
export const initBody = (filename: string, type: 'png' | 'jpg') => ({
  filename,
  extension: type,
  content_type: type === 'png' ? 'image/png' : 'image/jpeg',
});
export async function put(url: string, bytes: Buffer, contentType: string) {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (url.includes('/api/uploads/')) headers.Cookie = consoleCookie();
  const response = await fetch(url, { method: 'PUT', headers, body: bytes as unknown as BodyInit });
  if (!response.ok) throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}
