/**
 * Actions that must happen once — the paid ones (synthesize, regenerate, resynthesize) and a
 * create from uploads (which consumes them) — and their Idempotency-Keys, one per user intent. The key is stored (localStorage) before the request leaves, so a retry — or the same
 * intent resumed after a reload — can never be charged twice. An intent ends when it succeeds or
 * fails for good; one still pending after a reload is sent again with its key by the app shell.
 */
import type { Character, CreateCharacterBody, Pose } from '../../contract/aurous';
import { IDEMPOTENCY_TTL_MS } from '../../contract/constants';
import { aurous } from './aurous/client';
import { isRetryable } from './aurous/retry-policy';
import { PAID_INTENTS_STORAGE_KEY } from './paid-intents-storage';

export type PaidAction =
  | { kind: 'synthesize'; body: CreateCharacterBody }
  | { kind: 'create-from-uploads'; body: CreateCharacterBody }
  /** `headers`: e.g. the version the person decided on (contract/review.ts), which the console server checks. */
  | { kind: 'regenerate'; characterId: string; pose: Pose; headers?: Record<string, string> | undefined }
  | { kind: 'resynthesize'; characterId: string; headers?: Record<string, string> | undefined };

export interface PendingPaidAction {
  key: string;
  action: PaidAction;
  startedAt: number;
}

const STORAGE_KEY = PAID_INTENTS_STORAGE_KEY;

export function intentOf(action: PaidAction): string {
  switch (action.kind) {
    case 'synthesize':
      return `synthesize:${JSON.stringify(action.body)}`;
    case 'create-from-uploads':
      return `create-from-uploads:${JSON.stringify(action.body)}`;
    case 'regenerate':
      return `regenerate:${action.characterId}:${action.pose}`;
    case 'resynthesize':
      return `resynthesize:${action.characterId}`;
  }
}

export interface IntentStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** What storage holds was written by another version of the console, or by hand: check it. */
function isPendingPaidAction(value: unknown): value is PendingPaidAction {
  if (!isObject(value) || typeof value.key !== 'string' || typeof value.startedAt !== 'number' || !isObject(value.action)) return false;
  const { kind, characterId, body } = value.action;
  if (kind === 'synthesize' || kind === 'create-from-uploads') return isObject(body);
  return (kind === 'regenerate' ? typeof value.action.pose === 'string' : kind === 'resynthesize') && typeof characterId === 'string';
}

export function createPaidIntents(
  store: IntentStore | null,
  now: () => number = Date.now,
  newKey: () => string = () => crypto.randomUUID(),
) {
  const read = (): Record<string, PendingPaidAction> => {
    try {
      const parsed: unknown = JSON.parse(store?.getItem(STORAGE_KEY) ?? '{}');
      if (!isObject(parsed)) return {};
      // The API forgets a key after 24 h; so do we.
      const live = Object.entries(parsed).filter(
        (entry): entry is [string, PendingPaidAction] => isPendingPaidAction(entry[1]) && now() - entry[1].startedAt < IDEMPOTENCY_TTL_MS,
      );
      return Object.fromEntries(live);
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, PendingPaidAction>) => {
    try {
      store?.setItem(STORAGE_KEY, JSON.stringify(all));
    } catch {
      // Storage full or blocked: the key still holds for this page's lifetime.
    }
  };
  let memory = read();

  return {
    /** The key for this intent: reused if it is already pending, stored before any request. */
    begin(action: PaidAction): string {
      memory = { ...read(), ...memory };
      const intent = intentOf(action);
      const existing = memory[intent];
      if (existing) return existing.key;
      const pending = { key: newKey(), action, startedAt: now() };
      memory = { ...memory, [intent]: pending };
      write(memory);
      return pending.key;
    },
    settle(action: PaidAction) {
      const { [intentOf(action)]: _done, ...rest } = memory;
      memory = rest;
      write(memory);
    },
    pending(): PendingPaidAction[] {
      // Merged, as in begin: where storage is unavailable the page's own memory still counts.
      memory = { ...read(), ...memory };
      return Object.values(memory);
    },
  };
}

export const paidIntents = createPaidIntents(typeof localStorage === 'undefined' ? null : localStorage);

function sendPaidAction(action: PaidAction, key: string): Promise<Character> {
  switch (action.kind) {
    case 'synthesize':
    case 'create-from-uploads':
      return aurous.createCharacter(action.body, key);
    case 'regenerate':
      return aurous.regenerateRef(action.characterId, action.pose, key, action.headers);
    case 'resynthesize':
      return aurous.resynthesize(action.characterId, key, action.headers);
  }
}

/**
 * Sends an action under its stored key, and ends the intent once the answer is final: on success,
 * or on a failure a repeat would not fix (402, 400…). A retryable failure leaves it pending, so a
 * retry — or the app shell after a reload — resends it with the same key.
 */
export async function sendIntent(action: PaidAction): Promise<Character> {
  try {
    const character = await sendPaidAction(action, paidIntents.begin(action));
    paidIntents.settle(action);
    return character;
  } catch (error) {
    if (!isRetryable(error, true)) paidIntents.settle(action);
    throw error;
  }
}
