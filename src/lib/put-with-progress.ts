/**
 * PUT a file with real upload progress. fetch() cannot report upload progress, so this is
 * XMLHttpRequest, wrapped in a promise that an AbortSignal cancels.
 */
import { AurousApiError } from './aurous/api-error';

export interface PutOptions {
  url: string;
  body: Blob;
  headers: Record<string, string>;
  signal: AbortSignal;
  onProgress: (loaded: number, total: number) => void;
}

export function putWithProgress({ url, body, headers, signal, onProgress }: PutOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
        return;
      }
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      void AurousApiError.fromResponse(response).then(reject);
    };
    xhr.onerror = () => reject(AurousApiError.network('The upload was interrupted. Check your connection.'));
    const abort = () => {
      xhr.abort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    xhr.onloadend = () => signal.removeEventListener('abort', abort);
    xhr.send(body);
  });
}
