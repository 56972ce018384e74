/**
 * `Idempotency-Key` (alias `Aurous-Idempotent-Key`) on the endpoints the table marks idempotent
 * (the paid POSTs, contract/endpoints.ts): replays a stored 2xx with
 * `Aurous-Idempotent-Replayed: true`, 409s a reused key with another body/route or in flight.
 * The key is marked in flight before the configured latency so the in-flight 409 is testable.
 */
import type { MiddlewareHandler } from 'hono';
import type { Sandbox, SandboxEnv } from '../context';
import { ApiError, invalid } from '../http/errors';
import { canonicalJson } from '../domain/idempotency-store';
import { matchEndpoint } from '../../contract/endpoints';

async function bodyHash(text: string): Promise<string> {
  if (text.trim() === '') return '{}';
  try {
    return canonicalJson(JSON.parse(text) as unknown);
  } catch {
    return `raw:${text}`;
  }
}

export function idempotency(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key') ?? c.req.header('Aurous-Idempotent-Key');
    if (key === undefined || !matchEndpoint(c.req.method, new URL(c.req.url).pathname)?.endpoint.idempotent) return next();
    if (key.length < 1 || key.length > 256) {
      throw invalid('invalid_format', 'Idempotency-Key must be 1–256 characters.', 'Idempotency-Key');
    }
    const teamId = c.get('team').id;
    const route = `POST ${new URL(c.req.url).pathname}`;
    const lookup = sandbox.idempotency.begin(teamId, key, route, await bodyHash(await c.req.text()));
    if (lookup.kind === 'conflict') {
      throw new ApiError(409, 'invalid_request', 'idempotency_key_in_use', `This Idempotency-Key ${lookup.reason}.`, 'Idempotency-Key');
    }
    if (lookup.kind === 'replay') {
      c.set('replayed', true);
      return c.body(lookup.body, lookup.status as 200 | 201, { 'Content-Type': 'application/json' });
    }
    let outcome: { status: number; body: string } | null = null;
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        outcome = { status: c.res.status, body: await c.res.clone().text() };
      }
    } finally {
      sandbox.idempotency.finish(teamId, key, outcome);
    }
  };
}

/** The configured `latency_ms`, added to every /v1 response (real time, not the clock). */
export function latency(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (_c, next) => {
    const ms = sandbox.state.config.latency_ms;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    await next();
  };
}
