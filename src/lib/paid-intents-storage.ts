/**
 * Where pending paid intents are kept, apart from the rest of `paid-intents` so the first screen
 * can ask "is anything waiting to resume?" without loading the resume code.
 */
export const PAID_INTENTS_STORAGE_KEY = 'aurous-console/paid-intents/v1';

export function hasStoredPaidIntents(store: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): boolean {
  try {
    const stored = store?.getItem(PAID_INTENTS_STORAGE_KEY);
    return Boolean(stored && stored !== '{}');
  } catch {
    return false;
  }
}
