/**
 * A code chunk that is fetched now and, if that fails because the connection dropped, fetched
 * again when the browser is back online (and up to three more times while online), so a lazily
 * loaded part of a screen is never lost to a moment offline.
 */
const ONLINE_RETRIES = 3;

function backOnline(): Promise<void> {
  if (navigator.onLine) return new Promise((resolve) => window.setTimeout(resolve, 1000));
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

export function retryingImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  const attempt = (retriesLeft: number): Promise<T> =>
    load().catch(async (error: unknown) => {
      const wasOffline = !navigator.onLine;
      if (!wasOffline && retriesLeft === 0) throw error;
      await backOnline();
      return attempt(wasOffline ? retriesLeft : retriesLeft - 1);
    });
  return () =>
    (pending ??= attempt(ONLINE_RETRIES).catch((error: unknown) => {
      // Given up for now: the next call (a remount, a reload of the part) starts again.
      pending = null;
      throw error;
    }));
}
