import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from './button';
import { messages } from './messages';
import { Notice } from './notice';

interface State {
  error: Error | null;
}

/**
 * Keeps one part of the screen from taking the whole console down: most often a piece of code
 * that could not be fetched (offline, or a new version deployed meanwhile). Says so, and offers a
 * reload; everything stored (the upload queue, paid intents, preferences) survives it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Part of the console failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Notice tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-3">
        <p>{messages.crashed}</p>
        <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
          {messages.reload}
        </Button>
      </Notice>
    );
  }
}
