/// <reference lib="webworker" />
/** Off the main thread: a 24-megapixel JPEG never touches the UI thread. */
import { createPrepareQueue, type PrepareRequest } from './prepare-core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue = createPrepareQueue((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<PrepareRequest>) => queue.add(event.data);
