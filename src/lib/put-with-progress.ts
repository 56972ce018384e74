/**
 * PUT a file with real upload progress. fetch() cannot report upload progress, so this is
 * XMLHttpRequest, wrapped in a promise that an AbortSignal cancels.
 */
import { AurousApiError } from './aurous/api-error';
import { messages } from './aurous/messages';
import { formatSeconds } from './i18n/format';
import { signedOut } from './session/session';

/** No progress for this long means the connection is stuck: abort and let the caller retry. */
export const STALL_TIMEOUT_MS = 30_000;
/**
 * Once every byte is out, the relay's answer must come within this. Longer than the relay's own
 * storage idle timeout (30 s, which answers 504 with a clear message), so its answer wins when it
 * comes at all; this only catches a relay or connection that never answers.
 */
export const ANSWER_TIMEOUT_MS = 45_000;

export interface PutOptions {
  url: string;
  body: Blob;
  headers: Record<string, string>;
  signal: AbortSignal;
  onProgress: (loaded: number, total: number) => void;
  stallTimeoutMs?: number;
  answerTimeoutMs?: number;
}

export function putWithProgress({
  url,
  body,
  headers,
  signal,
  onProgress,
  stallTimeoutMs = STALL_TIMEOUT_MS,
  answerTimeoutMs = ANSWER_TIMEOUT_MS,
}: PutOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    let watchdog = 0;
    const giveUp = (message: string) => () => {
      xhr.abort();
      reject(AurousApiError.network(message));
    };
    const armWatchdog = (ms = stallTimeoutMs, onFire = giveUp(messages.errors.uploadStalled(formatSeconds(stallTimeoutMs / 1000)))) => {
      window.clearTimeout(watchdog);
      watchdog = window.setTimeout(onFire, ms);
    };
    armWatchdog();
    xhr.upload.onprogress = (event) => {
      armWatchdog();
      onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    };
    // Every byte is out: from here on it is the server's answer we wait for, not progress, and a
    // storage host that never answers must still end in a retry rather than 100 % forever.
    xhr.upload.onload = () =>
      armWatchdog(answerTimeoutMs, giveUp(messages.errors.uploadUnconfirmed(formatSeconds(answerTimeoutMs / 1000))));
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
      void AurousApiError.fromResponse(response).then((error) => {
        if (error.code === 'not_signed_in') signedOut();
        reject(error);
      });
    };
    xhr.onerror = () => reject(AurousApiError.network(messages.errors.uploadInterrupted));
    const abort = () => {
      window.clearTimeout(watchdog);
      xhr.abort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    xhr.onloadend = () => {
      window.clearTimeout(watchdog);
      signal.removeEventListener('abort', abort);
    };
    xhr.send(body);
  });
}
