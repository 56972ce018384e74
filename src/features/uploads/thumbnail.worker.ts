/// <reference lib="webworker" />
/** Off the main thread: a 24-megapixel JPEG never touches the UI thread. */
import { prepare, type PrepareRequest, type PrepareResult } from './prepare-core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<PrepareRequest>) => {
  prepare(event.data).then(
    (result) => scope.postMessage(result),
    (error: unknown) => scope.postMessage({ id: event.data.id, ok: false, message: String(error) } satisfies PrepareResult),
  );
};
