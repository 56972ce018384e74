/**
 * Drives each queued item through prepare → init → PUT → classify, at most MAX_PARALLEL at a
 * time. It watches the queue and starts whatever is waiting; removing an item aborts its work.
 */
import { AurousApiError, describeError } from '../../lib/aurous/api-error';
import { embedHeaders } from '../../lib/aurous/embed-auth';
import { emitConsoleEvent } from '../../lib/console-events';
import { retryingMessage } from '../../lib/aurous/retry-policy';
import { withRetry } from '../../lib/aurous/with-retry';
import { aurous } from '../../lib/aurous/client';
import { putWithProgress } from '../../lib/put-with-progress';
import { contentMismatch } from './file-rules';
import { messages } from './messages';
import { prepareFile, warmUpPreparation } from './prepare-file';
import { uploadQueue, type UploadItem } from './upload-store';
import type * as SessionStorage from './upload-session-storage';

const MAX_PARALLEL = 3;
const MAX_FILENAME = 120;

const running = new Map<string, AbortController>();
/** Items whose bytes are on their way: the concurrency limit counts these, not classifies. */
const sending = new Set<string>();
const preparing = new Set<string>();

/**
 * The name init is sent: valid whatever the user's file is called (no control characters or
 * path separators, at most 120 characters, the extension of the bytes actually sent). The
 * original name is kept for display.
 */
export function initFilename(name: string, extension: string): string {
  const dot = name.lastIndexOf('.');
  const base = (dot >= 0 ? name.slice(0, dot) : name)
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const suffix = `.${extension}`;
  const safeBase = base || 'image';
  // Cut whole code points while they fit, so an emoji is never split in half.
  const room = MAX_FILENAME - suffix.length;
  let cut = '';
  for (const codePoint of safeBase) {
    if (cut.length + codePoint.length > room) break;
    cut += codePoint;
  }
  return cut + suffix;
}

async function prepare(item: UploadItem & { file: File }) {
  preparing.add(item.id);
  const actions = uploadQueue.actions();
  try {
    const steps = prepareFile({ id: item.id, file: item.file, convertHeic: item.convertHeic });
    const result = await steps.inspected;
    if (!uploadQueue.item(item.id)) return; // removed meanwhile
    if (!result.ok) {
      actions.itemRefused(item.id, result.reason === 'heic-conversion' ? messages.refusals.heicConversion : messages.refusals.couldNotRead);
      return;
    }
    const mismatch = contentMismatch(item.contentType, result.sniffed);
    if (mismatch) {
      actions.itemRefused(item.id, mismatch);
      return;
    }
    const converted = result.converted
      ? new File([result.converted], item.name.replace(/\.(heic|heif)$/i, '') + '.jpg', { type: 'image/jpeg' })
      : null;
    // The upload starts now; the thumbnail follows when it is decoded.
    actions.itemPrepared(item.id, { hash: result.hash, converted });
    mark('prepared', item.id);
    void steps.thumbnail.then(({ thumbnail, decodable }) => {
      if (!uploadQueue.item(item.id)) return;
      if (!decodable) {
        // The bytes look like an image but do not decode: stop its upload and say so.
        actions.itemRefused(item.id, messages.refusals.damaged);
        return;
      }
      actions.thumbnailReady(item.id, thumbnail);
    });
  } finally {
    preparing.delete(item.id);
  }
}

/** A PUT refused because its signed URL expired is re-minted this many times before giving up. */
const MAX_REMINTS = 3;

/** Stage marks for the bench's upload breakdown (performance.mark costs next to nothing). */
const mark = (stage: 'prepared' | 'upload-start' | 'init' | 'put' | 'classified', id: string) =>
  performance.mark(`aurous:${stage}`, { detail: id });

const isExpiredUrl = (error: unknown) =>
  error instanceof AurousApiError && error.status === 403 && error.code === 'upload_url_expired';

async function upload(item: UploadItem) {
  const controller = new AbortController();
  const { signal } = controller;
  running.set(item.id, controller);
  const actions = uploadQueue.actions();
  const onWait = (delayMs: number, error: unknown) =>
    actions.retryScheduled(item.id, Date.now() + delayMs, retryingMessage(error) ?? describeError(error));
  try {
    let uploadId = item.uploadedId;
    if (!uploadId) {
      sending.add(item.id);
      actions.uploadStarted(item.id);
      mark('upload-start', item.id);
      for (let remint = 0; ; remint++) {
        // init only mints a ticket: repeating it leaves an unused ticket behind, nothing more.
        const ticket = await withRetry(
          () =>
            aurous.initUpload({ filename: initFilename(item.name, item.extension), extension: item.extension, content_type: item.contentType }, signal),
          { safe: true, signal, onWait },
        );
        mark('init', item.id);
        try {
          await withRetry(() => putOnce(item, ticket.upload_url, ticket.upload_headers, signal), { safe: true, signal, onWait });
        } catch (error) {
          // The signed URL expired (a slow connection, a laptop lid): mint a new one, transparently.
          if (isExpiredUrl(error) && remint < MAX_REMINTS) continue;
          throw error;
        }
        uploadId = ticket.upload_id;
        mark('put', item.id);
        // The bytes have landed: the next file may start sending while this one is classified.
        sending.delete(item.id);
        actions.uploadLanded(item.id, uploadId, Date.now());
        break;
      }
    } else {
      actions.classifyStarted(item.id);
    }
    const landedId = uploadId;
    const classification = await withRetry(() => aurous.classifyUpload(landedId, signal), { safe: true, signal, onWait });
    actions.itemClassified(item.id, classification.pose, classification.confidence);
    mark('classified', item.id);
    emitConsoleEvent({
      type: 'upload.classified',
      fileName: item.name,
      uploadId: landedId,
      pose: classification.pose,
      confidence: classification.confidence,
    });
  } catch (error) {
    if (signal.aborted) return;
    actions.itemFailed(item.id, describeError(error));
    emitConsoleEvent({
      type: 'error',
      code: error instanceof AurousApiError ? error.code : 'upload_failed',
      message: `${item.name}: ${describeError(error)}`,
    });
  } finally {
    if (running.get(item.id) === controller) running.delete(item.id);
    sending.delete(item.id);
  }
}

function putOnce(item: UploadItem, url: string, headers: Record<string, string>, signal: AbortSignal) {
  const actions = uploadQueue.actions();
  if (!item.file) throw new Error(messages.item.mustChooseAgain(item.name));
  actions.uploadProgressed(item.id, 0);
  let lastReported = 0;
  return putWithProgress({
    url,
    body: item.file,
    headers: { ...headers, ...embedHeaders() },
    signal,
    onProgress: (loaded) => {
      // A progress event per network chunk is far more than a person can see; report ~1 %.
      if (loaded - lastReported >= item.size / 100 || loaded === item.size) {
        lastReported = loaded;
        actions.uploadProgressed(item.id, loaded);
      }
    },
  });
}

function pump() {
  const items = uploadQueue.items();
  for (const item of items) {
    if (item.stage.phase === 'preparing' && item.file && !preparing.has(item.id)) void prepare({ ...item, file: item.file });
  }
  for (const [id, controller] of running) {
    if (!items.some((item) => item.id === id)) {
      controller.abort(new DOMException('Removed', 'AbortError'));
      running.delete(id);
      sending.delete(id);
    }
  }
  // Offline, nothing new starts; the 'online' event pumps again.
  if (!navigator.onLine) return;
  for (const item of items) {
    if (sending.size >= MAX_PARALLEL) break;
    if (item.stage.phase === 'waiting' && !running.has(item.id)) void upload(item);
  }
}

type SessionStorageModule = typeof SessionStorage;
let restored: Promise<SessionStorageModule> | null = null;

/**
 * Once per page load: bring back the session a reload interrupted. The storage code (and
 * IndexedDB's wrapper) is loaded here rather than with the first screen: reading it back is
 * asynchronous anyway.
 */
function restoreOnce(): Promise<SessionStorageModule> {
  restored ??= import('./upload-session-storage').then(
    async (storage) => {
      const { items, refusals } = storage.fromStored(await storage.uploadSessionStorage.load(), Date.now());
      if (items.length || refusals.length) uploadQueue.actions().sessionRestored(items, refusals);
      return storage;
    },
    (error: unknown) => {
      // The code did not arrive (offline at load): try again on the next start; uploads go on.
      restored = null;
      throw error;
    },
  );
  return restored;
}

/** Start watching the queue; returns the function that stops watching. */
export function startUploadRunner(): () => void {
  warmUpPreparation();
  let stopped = false;
  let storage: SessionStorageModule | null = null;
  let saved = '';
  const onChange = () => {
    if (stopped) return;
    pump();
    // Until the stored session has been read back, saving would overwrite it.
    if (!storage) return;
    const items = uploadQueue.items();
    const signature = storage.sessionSignature(items);
    if (signature !== saved) {
      saved = signature;
      void storage.uploadSessionStorage.save(items);
    }
  };
  const unsubscribe = uploadQueue.subscribe(onChange);
  window.addEventListener('online', onChange);
  void restoreOnce().then(
    (loaded) => {
      storage = loaded;
      onChange();
    },
    () => {},
  );
  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener('online', onChange);
  };
}
