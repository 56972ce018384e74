/**
 * This tab's one live stream (`GET /api/events`, contract/live-events.ts), loaded after the first
 * screen. It is read with `fetch` rather than EventSource so an embed session sends its token in
 * the Authorization header as every other call does (an EventSource cannot send headers, and a
 * session token never goes into a URL). Events go to the react-query cache (live-cache.ts);
 * while the stream is down, pages poll the console's index instead (live-status.ts).
 */
import type { QueryClient } from '@tanstack/react-query';
import { LIVE_EVENT_NAMES, LIVE_EVENTS_PATH, LIVE_HEARTBEAT_MS, LIVE_RETRY_MS, type LiveEvent } from '../../../contract/live-events';
import { useSession } from '../session/session';
import { embedHeaders } from './embed-auth';
import { applyLiveEvent } from './live-cache';
import { setLiveStreamUp } from './live-status';

const MAX_RETRY_MS = 30_000;

/** Splits an SSE byte stream into events (comments and `retry:` are only kept-alive signs). */
export function sseParser(onEvent: (name: string, data: string) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(name, data.join('\n'));
    }
  };
}

async function connectOnce(queryClient: QueryClient, signal: AbortSignal): Promise<boolean> {
  const connection = new AbortController();
  const stop = () => connection.abort();
  signal.addEventListener('abort', stop, { once: true });
  // No byte for 2.5 heartbeats: the connection is dead even if nothing said so.
  let watchdog = 0;
  const alive = () => {
    window.clearTimeout(watchdog);
    watchdog = window.setTimeout(stop, LIVE_HEARTBEAT_MS * 2.5);
  };
  let opened = false;
  try {
    alive();
    const response = await fetch(LIVE_EVENTS_PATH, {
      headers: { Accept: 'text/event-stream', ...embedHeaders() },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: connection.signal,
    });
    if (!response.ok || !response.body) return false;
    const parse = sseParser((name, data) => {
      if (!(LIVE_EVENT_NAMES as readonly string[]).includes(name)) return;
      if (name === 'ready') {
        opened = true;
        setLiveStreamUp(true);
      }
      applyLiveEvent(queryClient, { event: name, data: JSON.parse(data) } as LiveEvent);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      alive();
      parse(value);
    }
  } catch {
    // dropped: reconnect below
  } finally {
    window.clearTimeout(watchdog);
    signal.removeEventListener('abort', stop);
    setLiveStreamUp(false);
  }
  return opened;
}

/** Keeps the stream open until `stop`, reconnecting with back-off (3 s, doubling up to 30 s). */
function run(queryClient: QueryClient): () => void {
  const abort = new AbortController();
  void (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      failures = (await connectOnce(queryClient, abort.signal)) ? 0 : failures + 1;
      if (abort.signal.aborted) break;
      const delay = Math.min(LIVE_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
      await new Promise((resolve) => window.setTimeout(resolve, delay));
    }
  })();
  return () => abort.abort();
}

/**
 * The console's shell: a stream while someone is signed in. The embed passes `always` (its
 * session is the token, set before it starts).
 */
export function startLiveEvents(queryClient: QueryClient, { always = false }: { always?: boolean } = {}): () => void {
  if (always) return run(queryClient);
  let stop: (() => void) | null = null;
  const follow = (status: string) => {
    if (status === 'signed-in') stop ??= run(queryClient);
    else if (stop) {
      stop();
      stop = null;
    }
  };
  follow(useSession.getState().status);
  const unsubscribe = useSession.subscribe((state) => follow(state.status));
  return () => {
    unsubscribe();
    stop?.();
  };
}
