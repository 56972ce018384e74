/**
 * The console's side of the embed protocol. It talks to exactly one window (its parent) at
 * exactly one origin (the one named in the iframe URL, which the browser's own ancestorOrigins
 * must confirm): every post names that origin, never "*", and every message from anywhere else is
 * ignored.
 */
import { envelope, normalizeOrigin, parseHostMessage, type ConsoleEvent, type HostMessage } from '../../contract/embed';

/** Ask for a fresh token this long before the current one expires. */
export const REFRESH_BEFORE_MS = 60_000;

export function expectedHostOrigin(search: string, ancestorOrigins?: ArrayLike<string>): string | null {
  const origin = normalizeOrigin(new URLSearchParams(search).get('origin') ?? '');
  if (!origin) return null;
  // Where the browser says who framed us, it must agree with the URL.
  if (ancestorOrigins && ancestorOrigins.length > 0 && ancestorOrigins[0] !== origin) return null;
  return origin;
}

export function refreshDelayMs(expiresAt: string, now: number): number {
  const expiry = Date.parse(expiresAt);
  return Number.isFinite(expiry) ? Math.max(0, expiry - now - REFRESH_BEFORE_MS) : 0;
}

interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}
interface MessageSource {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function createEmbedBridge({ hostOrigin, parent, self }: { hostOrigin: string; parent: MessageTarget; self: MessageSource }) {
  return {
    post(event: ConsoleEvent) {
      parent.postMessage(envelope(event), hostOrigin);
    },
    listen(handler: (message: HostMessage) => void): () => void {
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== hostOrigin || event.source !== parent) return;
        const message = parseHostMessage(event.data);
        if (message) handler(message);
      };
      self.addEventListener('message', onMessage);
      return () => self.removeEventListener('message', onMessage);
    },
  };
}
