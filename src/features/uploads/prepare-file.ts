/**
 * Main-thread side of the thumbnail workers: a small pool (one per core, at most two), each
 * request answered in two steps matched by id. The workers are started early (warmUp) so going
 * offline later cannot stop them loading; if one fails anyway, preparation runs here instead of
 * hanging.
 */
import { createPrepareQueue, type InspectResult, type PrepareMessage, type PrepareRequest, type ThumbnailResult } from './prepare-core';

export interface PreparedSteps {
  inspected: Promise<InspectResult>;
  thumbnail: Promise<ThumbnailResult>;
}

interface Pending {
  request: PrepareRequest;
  onInspected: (result: InspectResult) => void;
  onThumbnail: (result: ThumbnailResult) => void;
}

const POOL_SIZE = Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 1));
let workers: Worker[] = [];
let next = 0;
let workersFailed = false;
const pending = new Map<string, Pending>();

function deliver(message: PrepareMessage) {
  const waiting = pending.get(message.id);
  if (!waiting) return;
  if (message.step === 'inspected') {
    waiting.onInspected(message);
    if (!message.ok) pending.delete(message.id);
  } else {
    waiting.onThumbnail(message);
    pending.delete(message.id);
  }
}

let here: ReturnType<typeof createPrepareQueue> | null = null;
function runHere(request: PrepareRequest) {
  (here ??= createPrepareQueue(deliver)).add(request);
}

function fallBack() {
  workersFailed = true;
  workers.forEach((worker) => worker.terminate());
  workers = [];
  for (const { request } of pending.values()) runHere(request);
}

function pool(): Worker[] {
  if (workersFailed) return [];
  if (workers.length === 0) {
    try {
      for (let index = 0; index < POOL_SIZE; index++) {
        const worker = new Worker(new URL('./thumbnail.worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<PrepareMessage>) => deliver(event.data);
        worker.onerror = fallBack;
        workers.push(worker);
      }
    } catch {
      fallBack();
    }
  }
  return workers;
}

/** Start the workers now, while the page is surely online. */
export function warmUpPreparation() {
  pool();
}

export function prepareFile(request: PrepareRequest): PreparedSteps {
  let onInspected: (result: InspectResult) => void = () => {};
  let onThumbnail: (result: ThumbnailResult) => void = () => {};
  const inspected = new Promise<InspectResult>((resolve) => (onInspected = resolve));
  const thumbnail = new Promise<ThumbnailResult>((resolve) => (onThumbnail = resolve));
  pending.set(request.id, { request, onInspected, onThumbnail });
  const available = pool();
  if (available.length === 0) runHere(request);
  else available[next++ % available.length]?.postMessage(request);
  return { inspected, thumbnail };
}
