import { describe, expect, it } from 'vitest';
import type { ReviewClaim } from '../../../../contract/review';
import { ClaimKeeper, type ClaimAnswer, type ClaimTransport } from './claim-keeper';

const claim = (id: string, holder = 'me'): ReviewClaim =>
  ({ character_id: id, holder: { id: holder, name: holder }, expires_at: '2026-12-02T20:00:00.000Z' }) as unknown as ReviewClaim;

/** A server whose answers the test hands out one at a time, recording what it was asked and how many were in flight. */
function server() {
  const calls: string[] = [];
  const pending: Array<(answer: ClaimAnswer) => void> = [];
  let inFlight = 0;
  let most = 0;
  const transport: ClaimTransport = {
    take(id) {
      calls.push(`take ${id}`);
      most = Math.max(most, ++inFlight);
      return new Promise<ClaimAnswer>((resolve) => pending.push(resolve)).finally(() => inFlight--);
    },
    async release(id) {
      calls.push(`release ${id}`);
    },
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    transport,
    calls,
    most: () => most,
    async answer(answer: ClaimAnswer) {
      const next = pending.shift();
      if (!next) throw new Error('no request is waiting for an answer');
      next(answer);
      await flush();
    },
    flush,
  };
}

describe('ClaimKeeper', () => {
  it('claims where the reviewer is now when a slow claim is granted after they moved on, one request at a time', async () => {
    const api = server();
    const keeper = new ClaimKeeper(api.transport);
    void keeper.want('a');
    void keeper.want('b');
    await api.answer({ kind: 'held', claim: claim('a') });
    expect(api.calls).toEqual(['take a', 'take b']);
    await api.answer({ kind: 'held', claim: claim('b') });
    expect(keeper.holding).toBe('b');
    expect(api.most()).toBe(1);
  });

  it('lets go of a claim granted after the reviewer left the queue', async () => {
    const api = server();
    const keeper = new ClaimKeeper(api.transport);
    void keeper.want('a');
    void keeper.want(null);
    await api.answer({ kind: 'held', claim: claim('a') });
    expect(api.calls).toEqual(['take a', 'release a']);
    expect(keeper.holding).toBeNull();
  });

  it('releases nothing for a character someone else holds, and still lets go of the one it held before', async () => {
    const api = server();
    const keeper = new ClaimKeeper(api.transport);
    void keeper.want('a');
    await api.answer({ kind: 'held', claim: claim('a') });
    void keeper.want('b');
    await api.answer({ kind: 'taken', claim: claim('b', 'someone else') });
    expect(keeper.holding).toBe('a');
    await keeper.want(null);
    expect(api.calls).toEqual(['take a', 'take b', 'release a']);
  });

  it('asks once per character, renews on the heartbeat, and retries an unanswered claim on the next one', async () => {
    const api = server();
    const answered: string[] = [];
    const keeper = new ClaimKeeper(api.transport, (id, answer) => answered.push(`${answer.kind} ${id}`));
    void keeper.want('a');
    await api.answer({ kind: 'unanswered' });
    expect(api.calls).toEqual(['take a']);
    void keeper.renew();
    await api.answer({ kind: 'held', claim: claim('a') });
    void keeper.want('a');
    await api.flush();
    expect(api.calls).toEqual(['take a', 'take a']);
    void keeper.renew();
    await api.answer({ kind: 'held', claim: claim('a') });
    expect(api.calls).toEqual(['take a', 'take a', 'take a']);
    expect(answered).toEqual(['unanswered a', 'held a', 'held a']);
    await keeper.want(null);
    expect(api.calls.at(-1)).toBe('release a');
  });
});
