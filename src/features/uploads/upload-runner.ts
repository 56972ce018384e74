/**
 * Carries out what `schedule` (upload-machine.ts) decides: prepare, send (init → PUT), re-mint
 * an expired URL, classify, abort. It keeps no state machine of its own: what is running is one
 * map of job per item, handed to `schedule`; every outcome goes back to the queue as an event.
 * It schedules again only when the items change (never on a progress tick), when the browser
 * comes back online, and when a job ends. The app starts it (start-uploads.ts, which fetches
 * this code after the first screen) and the session a reload interrupted is brought back then.
 */
import type { ClassifyResponse, UploadInitBody, UploadInitResponse } from '../../../contract/aurous';
import { AurousApiError, describeError } from '../../lib/aurous/api-error';
import { aurous } from '../../lib/aurous/client';
import { embedHeaders } from '../../lib/aurous/embed-auth';
import { realClock, type Clock } from '../../lib/aurous/limiter';
import { apiWaitSeconds } from '../../lib/aurous/retry-policy';
import { browserWaitForOnline, withRetry } from '../../lib/aurous/with-retry';
import { emitConsoleEvent } from '../../lib/console-events';
import { putWithProgress, type PutOptions } from '../../lib/put-with-progress';
import { kindOf, type Refusal } from './file-rules';
import { createLinkEstimate, UNMEASURED_LIMIT } from './link-estimate';
import { messages } from './messages';
import { rowMessages } from './row-messages';
import { prepareFile, warmUpPreparation, type PreparedSteps } from './prepare-file';
import { isIn, MAX_PARALLEL, schedule, type Decisions, type ItemIn, type Job, type UploadItem } from './upload-machine';
import { uploadQueue, type UploadQueue } from './upload-store';
import type { StoredSession } from './upload-session-storage';

const MAX_FILENAME = 120;

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

/** The session storage, loaded with the runner's start rather than with the first screen. */
export interface SessionStore {
  load: () => Promise<StoredSession | undefined>;
  save: (items: readonly UploadItem[]) => Promise<unknown>;
  fromStored: (session: StoredSession | undefined, now: number) => { items: UploadItem[]; refusals: Refusal[] };
}

type Stage = 'prepared' | 'upload-start' | 'init' | 'put' | 'classified';

/** Everything the runner touches outside itself, so tests can run it on a fake clock and API. */
export interface RunnerDeps {
  queue: UploadQueue;
  api: {
    initUpload: (body: UploadInitBody, signal: AbortSignal) => Promise<UploadInitResponse>;
    put: (options: PutOptions) => Promise<void>;
    classifyUpload: (uploadId: string, signal: AbortSignal) => Promise<ClassifyResponse>;
  };
  prepare: (request: { id: string; file: File; convertHeic: boolean }) => PreparedSteps;
  warmUp: () => void;
  clock: Clock;
  online: { isOnline: () => boolean; subscribe: (listener: () => void) => () => void; wait: (signal: AbortSignal) => Promise<void> };
  loadStorage: () => Promise<SessionStore>;
  /**
   * Runs `run` in a task of its own, soon: the pass an item change asks for is not done inside the
   * task that changed it (a drop's, a worker message's), which also renders the rows. Tests run it at once.
   */
  defer: (run: () => void) => void;
  /** Stage marks for the bench's upload breakdown (performance.mark costs next to nothing). */
  mark: (stage: Stage, id: string) => void;
  /** Watches each scheduling pass (tests count them). */
  onSchedule?: (decisions: Decisions) => void;
}

export interface UploadRunner {
  /** Start carrying out the queue's work (again); bring back the interrupted session once. */
  start: () => void;
  /** Stop starting work and abort what runs; the items keep their phases, so start resumes them. */
  stop: () => void;
}

/** The refusal said when preparation fails, by the worker's reason. */
const PREPARE_REFUSAL = { 'heic-conversion': 'heicConversion', unreadable: 'couldNotRead', shrink: 'couldNotShrink' } as const;

const isExpiredUrl = (error: unknown) => error instanceof AurousApiError && error.status === 403 && error.code === 'upload_url_expired';

/** What init is sent for an item: a ticket minted ahead is used only if it was minted for exactly this. */
const initBodyOf = (item: UploadItem): UploadInitBody => ({
  filename: initFilename(item.name, item.extension),
  extension: item.extension,
  content_type: item.contentType,
});
const sameBody = (a: UploadInitBody, b: UploadInitBody) =>
  a.filename === b.filename && a.extension === b.extension && a.content_type === b.content_type;

/**
 * Tickets are minted this many files ahead of the ones sending, while those files are still being
 * hashed or wait for a slot: init is a round trip through the console that the PUT need not wait
 * for (the latency bench's "init" stage). Not more: each is a call on the team's budget.
 */
const MINT_AHEAD = MAX_PARALLEL;

export function createUploadRunner(deps: RunnerDeps): UploadRunner {
  const { queue, api, clock } = deps;
  const inFlight = new Map<string, { job: Job; controller: AbortController }>();
  let running = false;
  let unsubscribe: (() => void) | null = null;
  let storage: SessionStore | null = null;
  let restoring: Promise<void> | null = null;
  let saved: readonly UploadItem[] | null = null;
  let pumping = false;
  let again = false;

  const actions = () => queue.actions();
  const link = createLinkEstimate(clock.now);
  let sendLimit = UNMEASURED_LIMIT;
  /** How many may send at once now: from the link, for the size of the next file waiting. */
  const currentLimit = (items: readonly UploadItem[]) => {
    const next = items.find((item) => isIn(item, 'waiting'));
    return next ? link.limit(next.size) : sendLimit;
  };

  /**
   * Tickets minted ahead, by item: started while the file is prepared or waits for a slot, used by
   * its send if still for the same name and type. A ticket nobody uses (the file was a duplicate,
   * or removed) is simply never PUT to; it expires on its own.
   */
  const minted = new Map<
    string,
    { body: UploadInitBody; ticket: Promise<{ response: UploadInitResponse; at: number }>; controller: AbortController }
  >();

  function mintAhead(items: readonly UploadItem[], online: boolean) {
    for (const [id, { controller }] of minted) {
      const item = items.find((candidate) => candidate.id === id);
      if (!item || !(isIn(item, 'preparing') || isIn(item, 'waiting'))) {
        // Gone, refused, or its send took the ticket (it is no longer here then).
        controller.abort(new DOMException('Not needed', 'AbortError'));
        minted.delete(id);
      }
    }
    if (!online) return;
    let room = MINT_AHEAD - minted.size;
    for (const item of items) {
      if (room <= 0) break;
      if (minted.has(item.id)) continue;
      // A HEIC photo is sent as the JPEG made from it: its name and type are known only then.
      const ready = isIn(item, 'waiting') || (isIn(item, 'preparing') && !item.stage.convertHeic);
      if (!ready) continue;
      const controller = new AbortController();
      const body = initBodyOf(item);
      const ticket = api.initUpload(body, controller.signal).then((response) => ({ response, at: clock.now() }));
      ticket.catch(() => {}); // its send mints its own then
      minted.set(item.id, { body, ticket, controller });
      room -= 1;
    }
  }

  /** The ticket minted ahead for this send, if it is for the same name and type and was minted; else null. */
  async function takeMinted(item: UploadItem): Promise<{ response: UploadInitResponse; at: number } | null> {
    const ahead = minted.get(item.id);
    minted.delete(item.id);
    if (!ahead) return null;
    if (!sameBody(ahead.body, initBodyOf(item))) {
      ahead.controller.abort(new DOMException('Not needed', 'AbortError'));
      return null;
    }
    return ahead.ticket.catch(() => null);
  }

  /** Take the job off the map, then report its outcome (which schedules again if it moved the item on). */
  const finish = (id: string, controller: AbortController, report: () => void) => {
    if (inFlight.get(id)?.controller !== controller) return; // aborted or replaced meanwhile
    inFlight.delete(id);
    const before = queue.items();
    report();
    // The outcome was refused (nothing changed): the slot it freed must still be used.
    if (queue.items() === before) pump();
  };

  const begin = (id: string, job: Job) => {
    const controller = new AbortController();
    inFlight.set(id, { job, controller });
    return controller;
  };

  /** Each item's wait before an automatic retry, to be cut short by "Retry now". */
  const wakers = new Map<string, () => void>();
  const wakeableClock = (id: string): Clock => ({
    now: clock.now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        wakers.set(id, resolve);
        clock.sleep(ms, signal).then(resolve, reject);
      }).finally(() => wakers.delete(id)),
  });

  const onWait = (id: string) => (delayMs: number, error: unknown, tries: { next: number; of: number }) => {
    const until = clock.now() + delayMs;
    // Queued behind the team's rate budget: a short moment is not worth a word, a longer one counts down.
    if (error instanceof AurousApiError && error.code === 'waiting_for_api') {
      if (apiWaitSeconds(error, clock.now()) !== null) actions().retryScheduled(id, { until, reason: '', waiting: true });
      return;
    }
    // What happened, not what comes next: the row says that ("Retrying in 4 s, try 2 of 6").
    const reason = error instanceof AurousApiError && error.type === 'rate_limit' ? rowMessages.item.rateLimited : describeError(error);
    actions().retryScheduled(id, { until, reason, tries, wake: () => wakers.get(id)?.() });
  };

  /** Whoever embeds the console hears of each upload that failed for good. */
  const reportFailure = (item: UploadItem, error: unknown) =>
    emitConsoleEvent({
      type: 'error',
      code: error instanceof AurousApiError ? error.code : 'upload_failed',
      message: `${item.name}: ${describeError(error)}`,
    });

  const failed = (item: UploadItem, controller: AbortController, error: unknown) => {
    if (controller.signal.aborted) return;
    finish(item.id, controller, () => actions().itemEvent(item.id, { type: 'failed', message: describeError(error) }));
    reportFailure(item, error);
  };

  async function prepare(item: ItemIn<'preparing'>) {
    const controller = begin(item.id, 'prepare');
    const { file, convertHeic } = item.stage;
    const steps = deps.prepare({ id: item.id, file, convertHeic });
    const result = await steps.inspected;
    if (controller.signal.aborted) return; // removed meanwhile
    finish(item.id, controller, () => {
      if (!result.ok) {
        actions().itemRefused(item.id, messages.refusals[PREPARE_REFUSAL[result.reason]]);
        return;
      }
      if (result.sniffed === null) {
        actions().itemRefused(item.id, messages.refusals.unreadable);
        return;
      }
      // Sent as what the bytes are, under the extension of that format.
      const { extension, contentType } = kindOf(result.sniffed);
      const converted = result.converted
        ? new File([result.converted], item.name.replace(/\.[^.]*$/, '') + '.' + extension, { type: contentType })
        : null;
      // The upload starts now; the thumbnail follows when it is decoded.
      actions().itemPrepared(item.id, { hash: result.hash, converted, adjustments: result.adjustments, actual: result.sniffed });
      deps.mark('prepared', item.id);
    });
    if (!result.ok) return;
    void steps.thumbnail.then(({ thumbnail, decodable }) => {
      if (!queue.item(item.id)) return;
      // The bytes look like an image but do not decode: stop its upload and say so.
      if (!decodable) actions().itemRefused(item.id, messages.refusals.damaged);
      else actions().thumbnailReady(item.id, thumbnail);
    });
  }

  /** The send's job: `landing` once its bytes are all out (it stops sharing the link), `send` while sending. */
  const setSendJob = (id: string, signal: AbortSignal, job: 'send' | 'landing') => {
    const running = inFlight.get(id);
    if (!running || running.controller.signal !== signal || running.job === job) return;
    running.job = job;
    if (job === 'landing') pump();
  };

  function putOnce(item: ItemIn<'uploading'>, url: string, headers: Record<string, string>, signal: AbortSignal) {
    const { file } = item.stage;
    actions().uploadProgressed(item.id, 0);
    setSendJob(item.id, signal, 'send');
    link.started(item.id);
    let lastReported = 0;
    return api
      .put({
        url,
        body: file,
        headers,
        signal,
        onProgress: (loaded) => {
          link.progressed(item.id, loaded, file.size);
          // A progress event per network chunk is far more than a person can see; report ~1 %.
          if (loaded - lastReported >= item.size / 100 || loaded === item.size) {
            lastReported = loaded;
            actions().uploadProgressed(item.id, loaded);
          }
          if (loaded >= file.size) {
            link.ended(item.id);
            setSendJob(item.id, signal, 'landing');
          } else if (currentLimit(queue.items()) !== sendLimit) pump(); // the link's measure lets more (or fewer) send
        },
      })
      .finally(() => link.ended(item.id));
  }

  /** Mint a ticket (or take the one minted ahead) and PUT the bytes: for a waiting item (send) or one whose URL expired (remint). */
  async function send(decided: ItemIn<'waiting'> | ItemIn<'uploading'>) {
    const controller = begin(decided.id, 'send');
    const { signal } = controller;
    const fresh = decided.stage.phase === 'waiting';
    // Taken before the item moves on, so mintAhead does not drop it; a remint never uses one.
    const ahead = fresh ? takeMinted(decided) : Promise.resolve(null);
    if (fresh) {
      actions().itemEvent(decided.id, { type: 'send-started' });
      deps.mark('upload-start', decided.id);
    }
    const item = queue.item(decided.id);
    if (!item || !isIn(item, 'uploading')) {
      finish(decided.id, controller, () => {});
      return;
    }
    const retry = { safe: true, signal, onWait: onWait(item.id), clock: wakeableClock(item.id), waitForOnline: deps.online.wait };
    try {
      // init only mints a ticket: repeating it leaves an unused ticket behind, nothing more.
      const body = initBodyOf(item);
      const early = await ahead;
      if (signal.aborted) return;
      const mintedAt = early?.at ?? clock.now();
      const ticket = early?.response ?? (await withRetry(() => api.initUpload(body, signal), retry));
      deps.mark('init', item.id);
      await withRetry(() => putOnce(item, ticket.upload_url, ticket.upload_headers, signal), retry);
      deps.mark('put', item.id);
      // The bytes have landed: the next file may start sending while this one is classified.
      finish(item.id, controller, () => actions().itemEvent(item.id, { type: 'landed', upload: { id: ticket.upload_id, mintedAt } }));
    } catch (error) {
      // The signed URL expired (a slow connection, a laptop lid): the machine decides whether to re-mint.
      if (isExpiredUrl(error) && !signal.aborted) {
        finish(item.id, controller, () => actions().itemEvent(item.id, { type: 'url-expired', message: describeError(error) }));
        if (queue.item(item.id)?.stage.phase === 'failed') reportFailure(item, error);
        return;
      }
      failed(item, controller, error);
    }
  }

  async function classify(item: ItemIn<'classifying'>) {
    const controller = begin(item.id, 'classify');
    const { signal } = controller;
    const { upload } = item.stage;
    try {
      const classification = await withRetry(() => api.classifyUpload(upload.id, signal), {
        safe: true,
        signal,
        onWait: onWait(item.id),
        clock: wakeableClock(item.id),
        waitForOnline: deps.online.wait,
      });
      finish(item.id, controller, () =>
        actions().itemEvent(item.id, { type: 'classified', pose: classification.pose, confidence: classification.confidence }),
      );
      deps.mark('classified', item.id);
      emitConsoleEvent({
        type: 'upload.classified',
        fileName: item.name,
        uploadId: upload.id,
        pose: classification.pose,
        confidence: classification.confidence,
      });
    } catch (error) {
      failed(item, controller, error);
    }
  }

  function carryOut(decisions: Decisions) {
    for (const id of decisions.abort) {
      inFlight.get(id)?.controller.abort(new DOMException('Removed', 'AbortError'));
      inFlight.delete(id);
    }
    decisions.prepare.forEach((item) => void prepare(item));
    decisions.remint.forEach((item) => void send(item));
    decisions.send.forEach((item) => void send(item));
    decisions.classify.forEach((item) => void classify(item));
  }

  /** One scheduling pass; a pass asked for while one runs (a job's first event) runs right after. */
  function pump() {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const jobs = new Map([...inFlight].map(([id, { job }]) => [id, job]));
        sendLimit = currentLimit(queue.items());
        const decisions = schedule(queue.items(), jobs, deps.online.isOnline(), sendLimit);
        deps.onSchedule?.(decisions);
        carryOut(decisions);
        mintAhead(queue.items(), deps.online.isOnline());
      } while (again);
    } finally {
      pumping = false;
    }
    save();
  }

  function save() {
    // Until the stored session has been read back, saving would overwrite it.
    const items = queue.items();
    if (!storage || items === saved) return;
    saved = items;
    void storage.save(items);
  }

  /** Once per runner: bring back the session a reload interrupted (again later if its code did not arrive). */
  function restore() {
    restoring ??= deps.loadStorage().then(
      async (loaded) => {
        const { items, refusals } = loaded.fromStored(await loaded.load(), clock.now());
        if (items.length || refusals.length) actions().sessionRestored(items, refusals);
        storage = loaded;
        pump();
      },
      () => {
        // The code did not arrive (offline at load): try again when back online; uploads go on.
        restoring = null;
      },
    );
  }

  /** One pass after the items changed, in the next task; many changes in one task ask for one pass. */
  let passAsked = false;
  const pumpSoon = () => {
    if (passAsked) return;
    passAsked = true;
    deps.defer(() => {
      passAsked = false;
      pump();
    });
  };

  const onOnline = () => {
    if (!storage) restore();
    pump();
  };

  return {
    start() {
      if (running) return;
      running = true;
      deps.warmUp();
      const stopItems = queue.subscribeItems(pumpSoon);
      const stopOnline = deps.online.subscribe(onOnline);
      unsubscribe = () => {
        stopItems();
        stopOnline();
      };
      restore();
      pump();
    },
    stop() {
      running = false;
      unsubscribe?.();
      unsubscribe = null;
      for (const { controller } of inFlight.values()) controller.abort(new DOMException('Stopped', 'AbortError'));
      inFlight.clear();
      for (const { controller } of minted.values()) controller.abort(new DOMException('Stopped', 'AbortError'));
      minted.clear();
    },
  };
}

/** The console's runner: the real API, the XHR PUT with embed auth, the browser's clock and connection. */
export const uploadRunner = createUploadRunner({
  queue: uploadQueue,
  api: {
    initUpload: (body, signal) => aurous.initUpload(body, signal),
    put: (options) => putWithProgress({ ...options, headers: { ...options.headers, ...embedHeaders() } }),
    classifyUpload: (uploadId, signal) => aurous.classifyUpload(uploadId, signal),
  },
  prepare: prepareFile,
  warmUp: warmUpPreparation,
  clock: realClock,
  online: {
    isOnline: () => navigator.onLine,
    subscribe: (listener) => {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
    wait: browserWaitForOnline,
  },
  loadStorage: () =>
    import('./upload-session-storage').then(({ uploadSessionStorage, fromStored }) => ({ ...uploadSessionStorage, fromStored })),
  defer: (() => {
    // A message to itself is the next task without setTimeout's clamping.
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.splice(0).forEach((run) => run());
    return (run: () => void) => {
      waiting.push(run);
      if (waiting.length === 1) channel.port2.postMessage(null);
    };
  })(),
  mark: (stage, id) => performance.mark(`aurous:${stage}`, { detail: id }),
});
