import { describe, expect, it } from 'vitest';
import { createPaidIntents, type IntentStore } from './paid-intents';
import { PAID_INTENTS_STORAGE_KEY } from './paid-intents-storage';

function memoryStore(): IntentStore {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const regenerateSide = { kind: 'regenerate', characterId: 'char_1', pose: 'side' } as const;

describe('paid intents', () => {
  it('stores the key before the request, so a reloaded page resends with the same key', () => {
    const store = memoryStore();
    let n = 0;
    const before = createPaidIntents(
      store,
      () => 0,
      () => `key-${++n}`,
    );
    const key = before.begin(regenerateSide);
    const afterReload = createPaidIntents(
      store,
      () => 1000,
      () => `key-${++n}`,
    );
    expect(afterReload.pending()).toEqual([{ key, action: regenerateSide, startedAt: 0 }]);
    expect(afterReload.begin(regenerateSide)).toBe(key);
  });

  it('gives another intent its own key, and a settled intent a fresh one next time', () => {
    let n = 0;
    const intents = createPaidIntents(
      memoryStore(),
      () => 0,
      () => `key-${++n}`,
    );
    const side = intents.begin(regenerateSide);
    expect(intents.begin({ ...regenerateSide, pose: 'back' })).not.toBe(side);
    intents.settle(regenerateSide);
    expect(intents.begin(regenerateSide)).not.toBe(side);
  });

  it('forgets intents older than the API’s 24 h idempotency window', () => {
    const store = memoryStore();
    createPaidIntents(store, () => 0).begin(regenerateSide);
    expect(createPaidIntents(store, () => 24 * 60 * 60 * 1000 + 1).pending()).toEqual([]);
  });

  it('works without storage (private mode): keys still hold for the page’s lifetime', () => {
    const intents = createPaidIntents(null);
    expect(intents.begin(regenerateSide)).toBe(intents.begin(regenerateSide));
  });

  it('ignores what storage holds that is not an intent (another version, or edited by hand), keeping the rest', () => {
    const store = memoryStore();
    createPaidIntents(
      store,
      () => 0,
      () => 'kept',
    ).begin(regenerateSide);
    const stored = JSON.parse(store.getItem(PAID_INTENTS_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    store.setItem(
      PAID_INTENTS_STORAGE_KEY,
      JSON.stringify({
        ...stored,
        junk: 'x',
        noKey: { action: regenerateSide, startedAt: 0 },
        badKind: { key: 'k', startedAt: 0, action: { kind: 'delete-all' } },
      }),
    );
    expect(createPaidIntents(store, () => 1).pending()).toEqual([{ key: 'kept', action: regenerateSide, startedAt: 0 }]);
  });
});
