/// <reference lib="webworker" />
/** Off the main thread: a 24-megapixel JPEG never touches the UI thread. */
import { prepare, type PrepareMessage, type PrepareRequest } from './prepare-core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<PrepareRequest>) => {
  prepare(event.data, (message) => scope.postMessage(message)).catch(() =>
    scope.postMessage({ id: event.data.id, step: 'inspected', ok: false, reason: 'unreadable' } satisfies PrepareMessage),
  );
};
