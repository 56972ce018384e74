/**
 * One Idempotency-Key per user intent: the same intent (same route and body) retried reuses its
 * key, so a retry after a dropped connection can never charge or create twice; a different
 * intent gets a fresh key.
 */
export interface IntentKeys {
  keyFor: (intent: string) => string;
  /** The intent succeeded (or was abandoned): its next occurrence is a new intent. */
  settle: (intent: string) => void;
}

export function createIntentKeys(newKey: () => string = () => crypto.randomUUID()): IntentKeys {
  const keys = new Map<string, string>();
  return {
    keyFor(intent) {
      let key = keys.get(intent);
      if (!key) {
        key = newKey();
        keys.set(intent, key);
      }
      return key;
    },
    settle(intent) {
      keys.delete(intent);
    },
  };
}
