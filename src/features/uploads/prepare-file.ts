/** Main-thread side of the thumbnail worker: one worker, requests matched to answers by id. */
import type { UploadContentType } from '../../../contract/constants';

export interface PrepareRequest {
  id: string;
  file: File;
}

export type PrepareResult =
  | { id: string; ok: true; hash: string; sniffed: UploadContentType | null; thumbnail: Blob | null; decodable: boolean }
  | { id: string; ok: false; message: string };

let worker: Worker | null = null;
const pending = new Map<string, (result: PrepareResult) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./thumbnail.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<PrepareResult>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

export function prepareFile(id: string, file: File): Promise<PrepareResult> {
  return new Promise((resolve) => {
    pending.set(id, resolve);
    getWorker().postMessage({ id, file } satisfies PrepareRequest);
  });
}
