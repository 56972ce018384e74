/**
 * Runs one API step under the retry policy, outside react-query (the upload pipeline). Waits are
 * announced through `onWait` so the UI can say "retrying in N s"; going offline pauses the wait
 * until the browser is back online.
 */
import { isApiWait, isRetryable, MAX_RETRIES, retryDelayMs } from './retry-policy';
import { realClock, type Clock } from './limiter';

export interface RetryOptions {
  /** Whether repeating the step cannot do harm (GET, classify, PUT, keyed POST). */
  safe: boolean;
  signal: AbortSignal;
  /** `tries`: the try the wait leads to and how many there are at most ("try 2 of 6"). */
  onWait?: (delayMs: number, error: unknown, tries: { next: number; of: number }) => void;
  clock?: Clock;
  waitForOnline?: (signal: AbortSignal) => Promise<void>;
  maxRetries?: number;
}

export function browserWaitForOnline(signal: AbortSignal): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      window.removeEventListener('online', done);
      resolve();
    };
    window.addEventListener('online', done);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export async function withRetry<T>(step: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { safe, signal, onWait, clock = realClock, waitForOnline = browserWaitForOnline, maxRetries = MAX_RETRIES } = options;
  let attempt = 1;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      // A wait for the team's rate budget (the call was never sent) does not use up an attempt.
      const waiting = isApiWait(error);
      if (signal.aborted || (!waiting && (attempt > maxRetries || !isRetryable(error, safe)))) throw error;
      const delay = retryDelayMs(attempt, error);
      if (!waiting) attempt++;
      onWait?.(delay, error, { next: attempt, of: maxRetries + 1 });
      await clock.sleep(delay, signal);
      await waitForOnline(signal);
    }
  }
}
