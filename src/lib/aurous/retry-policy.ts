/**
 * The docs' retry policy, in one place: branch on the error's type. Never retry what will fail
 * the same way again; wait out rate limits; back off on server errors — but retry a write only
 * when it is safe (it carries an Idempotency-Key, or is idempotent by nature like save).
 */
import { AurousApiError, SHORT_WAIT_S } from './api-error';
import { formatSeconds } from '../i18n/format';
import { messages } from './messages';

export const MAX_RETRIES = 5;
const BACKOFF_CAP_MS = 8_000;

export function isRetryable(error: unknown, safeToRepeat: boolean): boolean {
  if (!(error instanceof AurousApiError)) return false;
  if (error.type === 'rate_limit') return true;
  if (error.code === 'idempotency_key_in_use') return safeToRepeat; // the first attempt is still in flight
  if (error.type === 'server_error' || error.type === 'network') return safeToRepeat;
  return false;
}

/** The console's `waiting_for_api`: the call was never sent, it only has to wait its turn. */
export const isApiWait = (error: unknown): boolean => error instanceof AurousApiError && error.code === 'waiting_for_api';

/** A `waiting_for_api` longer than a short moment: worth saying to a person who waits. */
export const isLongApiWait = (error: unknown): error is AurousApiError =>
  isApiWait(error) && ((error as AurousApiError).retryAfterS ?? 0) > SHORT_WAIT_S;

/** Retry-After when the API gave one, else 1 → 2 → 4 → 8 s with jitter. */
export function retryDelayMs(attempt: number, error: unknown, random: () => number = Math.random): number {
  if (error instanceof AurousApiError && error.retryAfterS) return error.retryAfterS * 1000;
  const base = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** For useMutation: `retry` and `retryDelay` options that follow the policy. */
export function mutationRetry(safeToRepeat: boolean) {
  return {
    // A wait for the team's rate budget is not a failure: it never uses up the attempts.
    retry: (failureCount: number, error: unknown) => isApiWait(error) || (failureCount < MAX_RETRIES && isRetryable(error, safeToRepeat)),
    // TanStack Query counts failures from 0; the policy counts attempts from 1.
    retryDelay: (failureCount: number, error: unknown) => retryDelayMs(failureCount + 1, error),
  };
}

/**
 * A person's own call waiting on the team's rate budget (the console's `waiting_for_api`): the
 * seconds still to wait at `now`, counting down from Retry-After. Null when it is not such a wait,
 * or only a short moment (≤ SHORT_WAIT_S), which is not worth a word. Never shown for a
 * background refetch (pages show it only while they have nothing to show yet).
 */
export function apiWaitSeconds(error: unknown, now: number): number | null {
  if (!isLongApiWait(error)) return null;
  return Math.max(0, Math.ceil((error.receivedAt + (error.retryAfterS ?? 0) * 1000 - now) / 1000));
}

/** What the UI says while a retry waits, or null when nothing is being retried. */
export function retryingMessage(error: unknown): string | null {
  if (!(error instanceof AurousApiError)) return null;
  // Said by <WaitingForApi> (counting down), only where a person waits: never here.
  if (error.code === 'waiting_for_api') return null;
  if (error.type === 'rate_limit') return messages.retrying.rateLimited(error.retryAfterS ? formatSeconds(error.retryAfterS) : null);
  if (error.code === 'idempotency_key_in_use') return messages.retrying.firstAttemptFinishing;
  if (error.type === 'server_error' || error.type === 'network') return messages.retrying.connection;
  return null;
}
