/** `POST /api/embed/sessions` is rate-limited per client address, and wrong secrets are logged. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../contract/aurous';
import { createConsoleApp } from '../../server/app';
import { embedConfigFromEnv } from '../../server/embed-config';
import { MINT_LIMITS, createMintLimiter } from '../../server/embed-rate-limit';
import { upstreamFromEnv } from '../../server/upstream';
import { serveApp, type Served } from './http-helpers';

const SECRET = 'test-embed-secret-rate-limit-01';
const PARTNER = 'https://partner.example';
let served: Served;

beforeAll(async () => {
  served = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({}),
      embed: embedConfigFromEnv({ CONSOLE_EMBED_SECRET: SECRET, CONSOLE_EMBED_ORIGINS: PARTNER }),
    }),
  );
});
afterAll(() => served.close());
afterEach(() => vi.restoreAllMocks());

const mint = (secret: string) =>
  fetch(`${served.origin}/api/embed/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ origin: PARTNER, mode: 'create' }),
  });

describe('guessing the embed secret', () => {
  it('stops after a few wrong secrets with 429, Retry-After and the envelope, logging one line per failure', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const statuses: number[] = [];
    for (let i = 0; i < MINT_LIMITS.maxFailures + 5; i++) statuses.push((await mint(`guess-${i}-guess-guess-guess`)).status);
    expect(statuses).toEqual([...Array<number>(MINT_LIMITS.maxFailures).fill(401), ...Array<number>(5).fill(429)]);
    expect(warn).toHaveBeenCalledTimes(MINT_LIMITS.maxFailures);
    expect(warn.mock.calls.every(([line]) => typeof line === 'string' && !line.includes('\n') && line.includes('127.0.0.1'))).toBe(true);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('guess-0');

    // Even the right secret waits now: the address is the only thing the server can tell apart.
    const limited = await mint(SECRET);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as ApiErrorBody).error).toMatchObject({ type: 'rate_limit', code: 'too_many_requests' });
  });
});

describe('the window', () => {
  it('counts per address and forgets at the next window', () => {
    let now = 60_000 * 1000 + 20_000; // 20 s into a window
    const limiter = createMintLimiter({ windowMs: 60_000, maxAttempts: 3, maxFailures: 2 }, () => now);
    expect(limiter.admit('a')).toEqual({ ok: true });
    limiter.failed('a');
    expect(limiter.admit('a')).toEqual({ ok: true });
    expect(limiter.failed('a')).toBe(2);
    expect(limiter.admit('a')).toEqual({ ok: false, retryAfterS: 40 });
    expect(limiter.admit('b')).toEqual({ ok: true });
    now += 40_000;
    expect(limiter.admit('a')).toEqual({ ok: true });
  });

  it('bounds every request from one address, right secret or not', () => {
    const limiter = createMintLimiter({ windowMs: 60_000, maxAttempts: 3, maxFailures: 2 }, () => 0);
    const admitted = [1, 2, 3, 4].map(() => limiter.admit('a').ok);
    expect(admitted).toEqual([true, true, true, false]);
  });
});
