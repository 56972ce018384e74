import { beforeEach, expect, it, vi } from 'vitest';
import { AurousApiError } from './aurous/api-error';

const regenerateRef = vi.fn();
vi.mock('./aurous/client', () => ({ aurous: { regenerateRef: (...args: unknown[]) => regenerateRef(...args) } }));
const { paidIntents, sendIntent } = await import('./paid-intents');

const action = { kind: 'regenerate', characterId: 'char_1', pose: 'side' } as const;
const outOfCredits = new AurousApiError({
  status: 402,
  type: 'invalid_request',
  code: 'insufficient_credits',
  message: 'no',
  retryAfterS: null,
});

beforeEach(() => {
  regenerateRef.mockReset();
  for (const { action: pending } of paidIntents.pending()) paidIntents.settle(pending);
});

it('keeps a retryable failure pending under the same key, and ends the intent once it succeeds', async () => {
  regenerateRef.mockRejectedValueOnce(AurousApiError.network());
  await expect(sendIntent(action)).rejects.toThrow();
  const [pending] = paidIntents.pending();
  expect(pending?.action).toEqual(action);

  regenerateRef.mockResolvedValueOnce({ id: 'char_1' });
  await sendIntent(action);
  // Both attempts carried the one stored key; nothing is left to resume.
  expect(regenerateRef.mock.calls.map((call) => call[2])).toEqual([pending?.key, pending?.key]);
  expect(paidIntents.pending()).toEqual([]);
});

it('ends the intent on a failure a repeat would not fix, so a reload does not resend it', async () => {
  regenerateRef.mockRejectedValueOnce(outOfCredits);
  await expect(sendIntent(action)).rejects.toBe(outOfCredits);
  expect(paidIntents.pending()).toEqual([]);
});
