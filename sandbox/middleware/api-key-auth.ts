/** API-key auth for /v1: `X-Api-Key` or `Authorization: Bearer <key>`. Never echoes the key. */
import type { MiddlewareHandler } from 'hono';
import type { Sandbox, SandboxEnv } from '../context';
import { ApiError } from '../http/errors';
import { teamByKey } from '../domain/state';

function presentedKey(header: (name: string) => string | undefined): string | undefined {
  const apiKey = header('X-Api-Key')?.trim();
  if (apiKey) return apiKey;
  const match = /^Bearer\s+(.+)$/i.exec(header('Authorization')?.trim() ?? '');
  return match?.[1]?.trim() || undefined;
}

export function auth(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = presentedKey((name) => c.req.header(name));
    if (!key) {
      throw new ApiError(401, 'authentication', 'missing_api_key', 'No API key provided. Send it in the X-Api-Key header.');
    }
    const team = teamByKey(sandbox.state, key);
    if (!team) throw new ApiError(401, 'authentication', 'invalid_api_key', 'The API key provided is not valid.');
    c.set('team', team);
    await next();
  };
}
