/**
 * Where browsers reach this console (CONSOLE_PUBLIC_URL) and whether a proxy in front of it may be
 * believed about the scheme and host (CONSOLE_TRUST_PROXY). The Host check, the cross-site write
 * check and HSTS read these.
 */

export interface PublicEnv {
  CONSOLE_PUBLIC_URL?: string | undefined;
  CONSOLE_TRUST_PROXY?: string | undefined;
}

/** The origins the console answers on when CONSOLE_PUBLIC_URL is unset: loopback on its own port. */
export function defaultPublicOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

function parsePublicUrl(value: string): string {
  const problem = `CONSOLE_PUBLIC_URL: "${value}" is not an address like https://console.example.com (scheme and host, optionally a port; no path)`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(problem);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) throw new Error(problem);
  return url.origin;
}

/** Comma-separated; each entry is normalised to an origin (lower-case host, default port dropped). */
export function publicOriginsFromEnv(value: string | undefined, port: number): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return defaultPublicOrigins(port);
  return [...new Set(entries.map(parsePublicUrl))];
}

/** `true`: X-Forwarded-Proto and X-Forwarded-Host come from our own proxy and are believed. */
export function trustProxyFromEnv(value: string | undefined): boolean {
  const setting = (value ?? '').trim().toLowerCase();
  if (setting === '' || setting === 'false' || setting === '0') return false;
  if (setting === 'true' || setting === '1') return true;
  throw new Error(`CONSOLE_TRUST_PROXY must be "true" or "false", not "${value}".`);
}
