import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Character } from '../../../contract/aurous';
import { characterQueries } from '../../lib/aurous/character-queries';
import { AurousApiError, describeError } from '../../lib/aurous/api-error';
import type { PaidAction, PendingPaidAction } from '../../lib/paid-intents';
import { messages } from './messages';
import { resumeOutcomes, resumePaidActions } from './resume-paid-actions';

const character = (id: string): Character => ({
  id,
  object: 'character',
  name: id,
  status: 'synthesizing',
  refs: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:01:00.000Z',
  attributes: { hair_color: 'grey' },
  error_message: null,
  aurous_version: '2026-05-15',
});
const pending = (key: string, action: PaidAction): PendingPaidAction => ({ key, action, startedAt: 0 });

describe('resuming the paid actions a reload interrupted', () => {
  it('sends each pending action once, even when asked twice, and puts its answer in the cache', async () => {
    const queryClient = new QueryClient();
    const sent: PaidAction[] = [];
    const stored = [
      pending('k-synth', { kind: 'synthesize', body: { name: 'Patience', generate: true } }),
      pending('k-regen', { kind: 'regenerate', characterId: 'c2', pose: 'side' }),
    ];
    const deps = {
      pending: () => stored,
      send: (action: PaidAction) => {
        sent.push(action);
        return Promise.resolve(character(action.kind === 'regenerate' ? action.characterId : 'c1'));
      },
    };
    await Promise.all([resumePaidActions(queryClient, deps), resumePaidActions(queryClient, deps)]);
    expect(sent.map((action) => action.kind)).toEqual(['synthesize', 'regenerate']);
    expect(queryClient.getQueryData(characterQueries.detail('c1').queryKey)?.id).toBe('c1');
    expect(queryClient.getQueryData(characterQueries.detail('c2').queryKey)?.id).toBe('c2');
    expect(resumeOutcomes().filter((outcome) => outcome.key.startsWith('k-'))).toEqual([
      { key: 'k-synth', text: messages.resumed(messages.synthesis('Patience')), characterId: 'c1' },
      { key: 'k-regen', text: messages.resumed(messages.regenerate('side')), characterId: 'c2' },
    ]);
  });

  it('says which action could not be resumed, and why, with no character to open', async () => {
    const refused = new AurousApiError({
      status: 402,
      type: 'invalid_request',
      code: 'insufficient_credits',
      message: 'Not enough credits',
    });
    await resumePaidActions(new QueryClient(), {
      pending: () => [pending('f-resynth', { kind: 'resynthesize', characterId: 'c3' })],
      send: () => Promise.reject(refused),
    });
    const outcome = resumeOutcomes().find((each) => each.key === 'f-resynth');
    expect(outcome?.characterId).toBeNull();
    expect(outcome?.text).toBe(messages.failed(messages.resynthesize, describeError(refused)));
  });
});
