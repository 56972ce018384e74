/** The Idempotency-Keys of paid actions, one per user intent, shared by every screen. */
import { createIntentKeys } from './idempotency';

export const paidIntents = createIntentKeys();

export const intentOf = {
  synthesize: (body: unknown) => `synthesize:${JSON.stringify(body)}`,
  regenerate: (characterId: string, pose: string) => `regenerate:${characterId}:${pose}`,
  resynthesize: (characterId: string) => `resynthesize:${characterId}`,
};
