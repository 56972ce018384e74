import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startUploads } from './features/uploads/start-uploads';
import { AurousApiError } from './lib/aurous/api-error';
import { balanceQueries } from './lib/aurous/balance-queries';
import { mutationRetry } from './lib/aurous/retry-policy';
import { emitConsoleEvent } from './lib/console-events';
import { hasStoredPaidIntents } from './lib/paid-intents-storage';
import { checkSession } from './lib/session/session';
import './styles.css';

/** A call that failed for good is also told to whoever embeds the console (an `error` event). */
const reportError = (error: unknown) => {
  const code = error instanceof AurousApiError ? error.code : 'unexpected_error';
  emitConsoleEvent({ type: 'error', code, message: error instanceof Error ? error.message : String(error) });
  // A 402 means the balance on screen is out of date (spent elsewhere, or by another tab): re-read it.
  if (code === 'insufficient_credits') void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: reportError }),
  mutationCache: new MutationCache({ onError: reportError }),
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // Reads are safe to repeat: the docs' policy by error type, with Retry-After and backoff.
      ...mutationRetry(true),
    },
  },
});

// The embedded console (a partner's iframe) has its own shell, loaded only there.
const EmbedApp = lazy(() => import('./embed/embed-app').then((module) => ({ default: module.EmbedApp })));
const embedded = window.location.pathname === '/embed' || window.location.pathname.startsWith('/embed/');

// Who is signed in (with the sandbox, signing its visitor in as the owner); every API call waits for it.
if (!embedded) void checkSession(window.location.pathname);
// A page closed mid-payment sends its pending paid actions again, once, as it loads.
if (!embedded && hasStoredPaidIntents())
  void import('./app/resume/resume-paid-actions').then((module) => module.resumePaidActions(queryClient));
// Uploads go on whichever screen is open; a reload's interrupted session is brought back as it starts.
// The embedded console starts it only for a session that may create (embed-app).
if (!embedded) startUploads();
// One live stream per tab while someone is signed in (loaded after the first screen; the embed starts its own).
if (!embedded) void import('./lib/aurous/live-events').then((module) => module.startLiveEvents(queryClient));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {embedded ? (
        <Suspense fallback={null}>
          <EmbedApp />
        </Suspense>
      ) : (
        <App />
      )}
    </QueryClientProvider>
  </StrictMode>,
);
