import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AurousApiError } from './lib/aurous/api-error';
import './styles.css';

const NO_RETRY_TYPES = new Set(['invalid_request', 'authentication', 'not_found']);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // The docs' policy: never retry a request that will fail the same way again.
      retry: (failureCount, error) =>
        !(error instanceof AurousApiError && NO_RETRY_TYPES.has(error.type)) && failureCount < 3,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
