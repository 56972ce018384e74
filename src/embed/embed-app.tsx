import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Route, Router, Switch } from 'wouter';
import type { EmbedMode } from '../../contract/embed';
import { CharacterPage } from '../features/characters/components/character-page';
import { LibraryPage } from '../features/characters/components/library-page';
import { UploadPage } from '../features/uploads/components/upload-page';
import { startUploads } from '../features/uploads/start-uploads';
import { setEmbedSession } from '../lib/aurous/embed-auth';
import { Button } from '../components/ui/button';
import { ErrorBoundary } from '../components/ui/error-boundary';
import { emitConsoleEvent, onConsoleEvent } from '../lib/console-events';
import { messages } from './messages';
import { applyAppearance } from './appearance';
import { createEmbedBridge, expectedHostOrigin, refreshDelayMs } from './embed-bridge';

interface Session {
  mode: EmbedMode;
  characterId?: string;
}

/** The console as a partner's iframe: handshake, session, resize, events — then the pages. */
export function EmbedApp() {
  const [hostOrigin] = useState(() => expectedHostOrigin(window.location.search, window.location.ancestorOrigins));
  const [session, setSession] = useState<Session | null>(null);
  const content = useRef<HTMLDivElement>(null);
  const bridgeRef = useRef<ReturnType<typeof createEmbedBridge> | null>(null);

  useEffect(() => {
    if (!hostOrigin || window.parent === window) return;
    const bridge = createEmbedBridge({ hostOrigin, parent: window.parent, self: window });
    bridgeRef.current = bridge;
    let refreshTimer = 0;
    const scheduleRefresh = (expiresAt: string) => {
      window.clearTimeout(refreshTimer);
      refreshTimer = window.setTimeout(() => bridge.post({ type: 'session.expiring', expiresAt }), refreshDelayMs(expiresAt, Date.now()));
    };
    const stopListening = bridge.listen((message) => {
      if (message.type === 'init') {
        setEmbedSession({ token: message.token, origin: hostOrigin });
        applyAppearance(message.appearance);
        scheduleRefresh(message.expiresAt);
        setSession({ mode: message.mode, ...(message.characterId ? { characterId: message.characterId } : {}) });
      } else if (message.type === 'session.token') {
        setEmbedSession({ token: message.token, origin: hostOrigin });
        scheduleRefresh(message.expiresAt);
      } else {
        applyAppearance(message.appearance);
      }
    });
    const stopForwarding = onConsoleEvent(bridge.post);
    bridge.post({ type: 'hello' });
    return () => {
      window.clearTimeout(refreshTimer);
      stopListening();
      stopForwarding();
    };
  }, [hostOrigin]);

  // The live stream starts once the session's token is here (a refreshed token is used at the next reconnect).
  const queryClient = useQueryClient();
  const started = session !== null;
  useEffect(() => {
    if (!started) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void import('../lib/aurous/live-events').then((module) => {
      if (!cancelled) stop = module.startLiveEvents(queryClient, { always: true });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [started, queryClient]);

  // Uploads run only in a session that may create, and only once its token is here.
  const mode = session?.mode;
  useEffect(() => {
    if (mode === 'create') return startUploads();
  }, [mode]);

  // Once running: tell the host, and keep the iframe exactly as tall as the content.
  useEffect(() => {
    const bridge = bridgeRef.current;
    const element = content.current;
    if (!session || !bridge || !element) return;
    bridge.post({ type: 'ready' });
    let last = -1;
    const observer = new ResizeObserver(() => {
      // To the content's bottom edge, so whatever sits above it (the sandbox banner) is counted too.
      const height = Math.ceil(element.getBoundingClientRect().bottom + window.scrollY);
      if (height !== last) {
        last = height;
        bridge.post({ type: 'resize', height });
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [session]);

  if (!hostOrigin || window.parent === window) {
    return (
      <main className="p-6 text-fg">
        <h1 className="text-xl font-bold">{messages.standaloneTitle}</h1>
        <p className="mt-2 text-fg-muted">{messages.standaloneBody}</p>
      </main>
    );
  }
  return (
    <div ref={content} className="bg-canvas p-4 text-fg">
      {!session ? (
        <p role="status" className="text-fg-muted">
          {messages.connecting}
        </p>
      ) : (
        <main>
          <div className="mb-2 flex justify-end">
            <Button variant="ghost" size="sm" onClick={() => emitConsoleEvent({ type: 'exit', reason: 'user_closed' })}>
              {messages.close}
            </Button>
          </div>
          <ErrorBoundary>
            <Router base="/embed">
              <Switch>
                {session.mode === 'create' ? (
                  <Route path="/" component={UploadPage} />
                ) : session.characterId ? (
                  <Route path="/">{() => <CharacterPage id={session.characterId ?? ''} />}</Route>
                ) : (
                  <Route path="/" component={LibraryPage} />
                )}
                <Route path="/characters">{() => <LibraryPage />}</Route>
                <Route path="/characters/:id">{(params) => <CharacterPage id={params.id} />}</Route>
              </Switch>
            </Router>
          </ErrorBoundary>
        </main>
      )}
    </div>
  );
}
