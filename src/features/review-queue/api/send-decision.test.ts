import { MutationCache, QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../../../contract/aurous';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { aurous } from '../../../lib/aurous/client';
import { decisionSender } from './send-decision';

const character = (patch: Partial<Character> = {}): Character => ({
  id: 'a',
  object: 'character',
  name: 'Ann',
  status: 'ready',
  refs: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:01:00.000Z',
  attributes: { hair_color: 'grey' },
  error_message: null,
  aurous_version: '2026-05-15',
  ...patch,
});
const notFound = new AurousApiError({ status: 404, type: 'not_found', code: 'resource_missing', message: 'No such character' });

function setUp() {
  const reported: unknown[] = [];
  const queryClient = new QueryClient({
    mutationCache: new MutationCache({ onError: (error) => void reported.push(error) }),
    defaultOptions: { queries: { retry: false } },
  });
  return { queryClient, reported, send: decisionSender(queryClient) };
}

afterEach(() => vi.restoreAllMocks());

describe('sending a decision through the characters’ mutations', () => {
  it('puts the saved character in the cache', async () => {
    const { queryClient, send } = setUp();
    vi.spyOn(aurous, 'saveCharacter').mockResolvedValue(character());
    await expect(send({ characterId: 'a', characterName: 'Ann', decision: 'approve' })).resolves.toBeUndefined();
    expect(queryClient.getQueryData(characterQueries.detail('a').queryKey)?.status).toBe('ready');
  });

  it('regenerates the pose asked for under an Idempotency-Key, and answers when the character was sent back', async () => {
    const { send } = setUp();
    const regenerate = vi
      .spyOn(aurous, 'regenerateRef')
      .mockResolvedValue(character({ status: 'synthesizing', updated_at: '2026-01-01T00:09:00.000Z' }));
    await expect(send({ characterId: 'a', characterName: 'Ann', decision: 'regenerate', pose: 'back' })).resolves.toBe(
      '2026-01-01T00:09:00.000Z',
    );
    expect(regenerate).toHaveBeenCalledWith('a', 'back', expect.any(String), undefined);
  });

  it('sends the version the reviewer decided on, and on a stale refusal shows the character as it is now', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queryClient.setQueryData(characterQueries.detail('a').queryKey, character({ status: 'reviewing' }));
    const send = decisionSender(queryClient, () => '2026-01-01T00:01:00.000Z');
    const stale = new AurousApiError({
      status: 409,
      type: 'invalid_request',
      code: 'stale_version',
      message: 'Ravi regenerated the front pose after you opened this; look again.',
    });
    const save = vi.spyOn(aurous, 'saveCharacter').mockRejectedValue(stale);
    const now = character({ status: 'reviewing', updated_at: '2026-01-01T00:05:00.000Z' });
    vi.spyOn(aurous, 'getIndexed').mockResolvedValue(now);
    await expect(send({ characterId: 'a', characterName: 'Ann', decision: 'approve' })).rejects.toBe(stale);
    expect(save).toHaveBeenCalledWith('a', { 'Aurous-Seen-Version': '2026-01-01T00:01:00.000Z' });
    expect(queryClient.getQueryData(characterQueries.detail('a').queryKey)?.updated_at).toBe('2026-01-01T00:05:00.000Z');
  });

  it('treats a character deleted elsewhere as decided: no error, and the lists are re-read', async () => {
    const { queryClient, send } = setUp();
    queryClient.setQueryData(characterQueries.list({ limit: 100 }).queryKey, { pages: [], pageParams: [] });
    vi.spyOn(aurous, 'saveCharacter').mockRejectedValue(notFound);
    await expect(send({ characterId: 'a', characterName: 'Ann', decision: 'approve' })).resolves.toBeUndefined();
    expect(queryClient.getQueryState(characterQueries.list({ limit: 100 }).queryKey)?.isInvalidated).toBe(true);
  });

  it('fails a refused decision, and the app’s mutation cache still hears of it (the embedder’s error event)', async () => {
    const { send, reported } = setUp();
    const refused = new AurousApiError({
      status: 402,
      type: 'invalid_request',
      code: 'insufficient_credits',
      message: 'Not enough credits',
    });
    vi.spyOn(aurous, 'resynthesize').mockRejectedValue(refused);
    await expect(send({ characterId: 'a', characterName: 'Ann', decision: 'resynthesize' })).rejects.toBe(refused);
    expect(reported).toEqual([refused]);
  });
});
