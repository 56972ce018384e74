import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Character, CharacterList } from '../contract/aurous';
import { RATE_LIMIT_BUCKETS } from '../contract/constants';

/** One synthesize token refills this often; stepping the sandbox clock by it keeps the bucket full. */
const TOKEN_MS = Math.ceil(60_000 / RATE_LIMIT_BUCKETS.characters_synthesize.perMinute);

async function advanceClock(request: APIRequestContext, ms: number) {
  expect((await request.post('/_sandbox/clock', { data: { advance_ms: ms } })).ok()).toBe(true);
}

/**
 * `count` synthesized characters, all in `reviewing`: created through the console server (which
 * adds the key) one sandbox-clock step apart, so none is rate limited and each has its own
 * created_at; then the clock moves past the synthesis delay. Returns them oldest first.
 */
export async function seedReviewing(request: APIRequestContext, count: number, synthDelayMs: number): Promise<Character[]> {
  const created: Character[] = [];
  for (let index = 1; index <= count; index++) {
    const response = await request.post('/api/v1/characters', {
      data: { name: `QA ${String(index).padStart(2, '0')}`, generate: true, attributes: { hair_color: 'auburn', age: 20 + index } },
    });
    expect(response.status(), await response.text()).toBe(201);
    created.push((await response.json()) as Character);
    await advanceClock(request, TOKEN_MS);
  }
  await advanceClock(request, synthDelayMs + 1000);
  const listed = await request.get(`/api/v1/characters?status=reviewing&limit=100`);
  expect(((await listed.json()) as CharacterList).data).toHaveLength(count);
  return created;
}

/** The team's characters in one status, read through the console server. */
export async function listByStatus(request: APIRequestContext, status: string): Promise<Character[]> {
  const response = await request.get(`/api/v1/characters?status=${status}&limit=100`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as CharacterList).data;
}
