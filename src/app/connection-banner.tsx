import { useSyncExternalStore } from 'react';
import { messages } from './messages';

const subscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/** Offline: work pauses (uploads wait, queries hold) and the page says so; back online, it resumes. */
export function ConnectionBanner() {
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  if (online) return null;
  return (
    <div role="status" className="border-b border-warning-line bg-warning-soft px-4 py-2 text-center text-sm font-medium text-warning-fg">
      {messages.offline}
    </div>
  );
}
