/**
 * What happened in the console, for whoever listens: the embed bridge forwards these to the host
 * page; in the standalone console nobody listens and emitting costs nothing.
 */
import type { ConsoleEvent } from '../../contract/embed';

type Listener = (event: ConsoleEvent) => void;
const listeners = new Set<Listener>();

export function emitConsoleEvent(event: ConsoleEvent): void {
  for (const listener of listeners) listener(event);
}

export function onConsoleEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
