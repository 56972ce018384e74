/**
 * Main-thread side of the thumbnail worker: one worker, requests matched to answers by id. The
 * worker is started early (warmUp) so going offline later cannot stop it loading; if it fails
 * anyway, preparation runs here instead of hanging.
 */
import { prepare, type PrepareRequest, type PrepareResult } from './prepare-core';

let worker: Worker | null = null;
let workerFailed = false;
const pending = new Map<string, { request: PrepareRequest; resolve: (result: PrepareResult) => void }>();

function fallBack() {
  workerFailed = true;
  worker?.terminate();
  worker = null;
  for (const [id, { request, resolve }] of pending) {
    pending.delete(id);
    void prepare(request).then(resolve);
  }
}

function getWorker(): Worker | null {
  if (workerFailed) return null;
  if (!worker) {
    try {
      worker = new Worker(new URL('./thumbnail.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      fallBack();
      return null;
    }
    worker.onmessage = (event: MessageEvent<PrepareResult>) => {
      pending.get(event.data.id)?.resolve(event.data);
      pending.delete(event.data.id);
    };
    worker.onerror = fallBack;
  }
  return worker;
}

/** Start the worker now, while the page is surely online. */
export function warmUpPreparation() {
  getWorker();
}

export function prepareFile(request: PrepareRequest): Promise<PrepareResult> {
  return new Promise((resolve) => {
    const target = getWorker();
    if (!target) {
      void prepare(request).then(resolve);
      return;
    }
    pending.set(request.id, { request, resolve });
    target.postMessage(request);
  });
}
