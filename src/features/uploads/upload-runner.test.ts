import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassifyResponse } from '../../../contract/aurous';
import { AurousApiError } from '../../lib/aurous/api-error';
import { createFakeClock } from '../../../tests/helpers/fake-clock';
import { onConsoleEvent } from '../../lib/console-events';
import type { PutOptions } from '../../lib/put-with-progress';
import { messages } from './messages';
import { MAX_PARALLEL } from './upload-machine';
import { createUploadRunner, initFilename, type UploadRunner } from './upload-runner';
import { fromStored, type StoredSession } from './upload-session-storage';
import { uploadQueue } from './upload-store';

it('shortens a long filename to init’s 120 characters, keeping the extension', () => {
  const short = initFilename(`${'a'.repeat(200)}.jpeg`, 'jpeg');
  expect(short).toHaveLength(120);
  expect(short.endsWith('.jpeg')).toBe(true);
  expect(initFilename('front.png', 'png')).toBe('front.png');
});

it('makes unusual names valid: control characters, separators, leading dots, empty names', () => {
  expect(initFilename('a/b\\c:d*?.png', 'png')).toBe('a_b_c_d__.png');
  expect(initFilename('tab\there\nnew.png', 'png')).toBe('tab here new.png');
  expect(initFilename('...hidden.png', 'png')).toBe('hidden.png');
  expect(initFilename('.png', 'png')).toBe('image.png');
  expect(initFilename('   .png', 'png')).toBe('image.png');
});

it('keeps non-Latin names and never splits an emoji', () => {
  expect(initFilename('портрет 🙂.jpg', 'jpg')).toBe('портрет 🙂.jpg');
  const emojis = initFilename(`${'🙂'.repeat(130)}.png`, 'png');
  expect(emojis.length).toBeLessThanOrEqual(120);
  expect(emojis.endsWith('🙂.png')).toBe(true);
  // No half of a surrogate pair is left behind.
  expect(emojis).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
});

it('names a converted HEIC photo with the extension of the JPEG actually sent', () => {
  expect(initFilename('IMG_0001.HEIC', 'jpg')).toBe('IMG_0001.jpg');
});

interface PendingPut {
  options: PutOptions;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const expiredUrl = () =>
  new AurousApiError({ status: 403, type: 'invalid_request', code: 'upload_url_expired', message: 'The upload link expired.' });
const unreachable = () => AurousApiError.network('The connection dropped.');

/** The real queue and machine, with a fake API, clock, connection and storage around the runner. */
function harness({ stored, link = 'fast' }: { stored?: StoredSession; link?: 'fast' | 'slow' } = {}) {
  const clock = createFakeClock(1_000);
  let online = true;
  const onlineListeners = new Set<() => void>();
  const puts: PendingPut[] = [];
  const counts = { init: 0, schedules: 0, saves: 0 };
  const classified: string[] = [];
  let classify = (uploadId: string): Promise<ClassifyResponse> => Promise.resolve({ upload_id: uploadId, pose: 'front', confidence: 0.9 });
  const runner: UploadRunner = createUploadRunner({
    queue: uploadQueue,
    api: {
      initUpload: () => {
        counts.init += 1;
        return Promise.resolve({
          upload_id: `upl_${counts.init}`,
          upload_url: `https://storage.test/${counts.init}`,
          upload_headers: {},
          expires_at: '',
        });
      },
      put: (options) =>
        new Promise((resolve, reject) => {
          puts.push({ options, resolve, reject });
          options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
          // A fast link: every byte is out at once, and the answer is awaited. A slow one: the test sends them.
          if (link === 'fast') options.onProgress(options.body.size, options.body.size);
        }),
      classifyUpload: (uploadId) => {
        classified.push(uploadId);
        return classify(uploadId);
      },
    },
    // The file's name stands in for its hash, so two different names are two different images.
    prepare: ({ id, file }) => ({
      inspected: Promise.resolve({
        id,
        step: 'inspected',
        ok: true,
        hash: file.name,
        sniffed: 'image/png',
        converted: null,
        adjustments: {},
      }),
      thumbnail: Promise.resolve({ id, step: 'thumbnail', thumbnail: null, decodable: true }),
    }),
    warmUp: () => {},
    clock,
    online: {
      isOnline: () => online,
      subscribe: (listener) => {
        onlineListeners.add(listener);
        return () => onlineListeners.delete(listener);
      },
      wait: () => Promise.resolve(),
    },
    loadStorage: () =>
      Promise.resolve({
        load: () => Promise.resolve(stored),
        save: () => {
          counts.saves += 1;
          return Promise.resolve();
        },
        fromStored,
      }),
    defer: (run) => run(),
    mark: () => {},
    onSchedule: () => (counts.schedules += 1),
  });
  return {
    runner,
    clock,
    puts,
    counts,
    classified,
    /** Let every promise the runner is waiting on settle (no time passes). */
    settle: () => clock.advance(0),
    drop: (...names: string[]) =>
      uploadQueue.actions().filesAdded(names.map((name) => new File([new Uint8Array(1000)], name, { type: 'image/png' }))),
    phases: () => uploadQueue.items().map((item) => item.stage.phase),
    setOnline: (value: boolean) => {
      online = value;
      if (value) onlineListeners.forEach((listener) => listener());
    },
    failClassifyOnce: (error: unknown) => {
      const original = classify;
      classify = () => {
        classify = original;
        return Promise.reject(error);
      };
    },
  };
}

describe('the upload runner', () => {
  let current: ReturnType<typeof harness> | null = null;
  const start = (options?: Parameters<typeof harness>[0]) => {
    current = harness(options);
    current.runner.start();
    return current;
  };
  beforeEach(() => uploadQueue.actions().sessionCleared());
  afterEach(() => current?.runner.stop());

  it('takes a dropped file through prepare, send and classify to its pose', async () => {
    const { drop, settle, puts, classified } = start();
    drop('front.png');
    await settle();
    expect(puts).toHaveLength(1);
    expect(uploadQueue.items()[0]?.stage.phase).toBe('uploading');
    puts[0]!.resolve();
    await settle();
    expect(classified).toEqual(['upl_1']);
    expect(uploadQueue.items()[0]?.stage).toMatchObject({ phase: 'classified', pose: 'front', upload: { id: 'upl_1' } });
  });

  it(`sends at most ${MAX_PARALLEL} files at once; the next starts when one lands`, async () => {
    const { drop, settle, puts, phases } = start();
    drop('1.png', '2.png', '3.png', '4.png', '5.png');
    await settle();
    expect(puts).toHaveLength(MAX_PARALLEL);
    expect(phases()).toEqual(['uploading', 'uploading', 'uploading', 'waiting', 'waiting']);
    puts[0]!.resolve();
    await settle();
    expect(puts).toHaveLength(MAX_PARALLEL + 1);
    expect(phases()).toEqual(['classified', 'uploading', 'uploading', 'uploading', 'waiting']);
  });

  it('mints the tickets of the files next in line while they wait, and their sends use them: one init per file', async () => {
    const { drop, settle, puts, counts } = start();
    drop('1.png', '2.png', '3.png', '4.png', '5.png');
    await settle();
    // Three sending, and the two waiting already hold a ticket.
    expect([puts.length, counts.init]).toEqual([MAX_PARALLEL, 5]);
    puts[0]!.resolve();
    await settle();
    expect(puts[MAX_PARALLEL]?.options).toMatchObject({
      url: expect.stringMatching(/^https:\/\/storage\.test\/[45]$/),
      body: { name: '4.png' },
    });
    for (let index = 1; index < 5; index++) {
      puts[index]!.resolve();
      await settle();
    }
    expect(uploadQueue.items().map((item) => item.stage.phase)).toEqual(Array(5).fill('classified'));
    expect(counts.init).toBe(5);
  });

  it('a duplicate is still refused, by name, though a ticket was minted for it while it was hashed; it is never sent', async () => {
    const { drop, settle, puts } = start();
    drop('same.png', 'same.png');
    await settle();
    expect(uploadQueue.items()).toHaveLength(1);
    expect(puts).toHaveLength(1);
    expect(uploadQueue.notices().map((notice) => notice.reason)).toEqual([messages.refusals.duplicate('same.png', 'same.png')]);
  });

  it('on a slow link sends one file at a time, the next as soon as the last byte of the one before is out', async () => {
    const { drop, settle, puts, clock, phases } = start({ link: 'slow' });
    drop('1.png', '2.png', '3.png');
    await settle();
    // Nothing measured yet: one file.
    expect(puts).toHaveLength(1);
    // 100 of 1000 bytes in half a second: a file alone takes 5 s, so no second shares the link.
    await clock.advance(500);
    puts[0]!.options.onProgress(100, 1000);
    await settle();
    expect(puts).toHaveLength(1);
    // Its bytes are out (the answer not yet in): the next file takes the link.
    puts[0]!.options.onProgress(1000, 1000);
    await settle();
    expect(puts).toHaveLength(2);
    expect(phases()).toEqual(['uploading', 'uploading', 'waiting']);
    puts[0]!.resolve();
    await settle();
    expect(phases()).toEqual(['classified', 'uploading', 'waiting']);
  });

  it('on a fast link the first file measures it, and the others then send beside it', async () => {
    const { drop, settle, puts, clock } = start({ link: 'slow' });
    drop('1.png', '2.png', '3.png');
    await settle();
    expect(puts).toHaveLength(1);
    await clock.advance(10);
    puts[0]!.options.onProgress(600, 1000);
    await settle();
    expect(puts).toHaveLength(1); // not trusted yet: a burst into the socket's buffer is not the link
    puts[0]!.options.onProgress(1000, 1000);
    await settle();
    expect(puts).toHaveLength(MAX_PARALLEL);
  });

  it('mints a new URL when the PUT finds its URL expired, and sends the bytes there', async () => {
    const { drop, settle, puts, counts } = start();
    drop('slow.png');
    await settle();
    puts[0]!.reject(expiredUrl());
    await settle();
    expect(counts.init).toBe(2);
    expect(puts[1]?.options.url).toBe('https://storage.test/2');
    puts[1]!.resolve();
    await settle();
    expect(uploadQueue.items()[0]?.stage).toMatchObject({ phase: 'classified', upload: { id: 'upl_2' } });
  });

  it('removing a file aborts its PUT, reports no error, and frees its slot', async () => {
    const errors: string[] = [];
    const stopListening = onConsoleEvent((event) => event.type === 'error' && errors.push(event.message));
    const { drop, settle, puts } = start();
    drop('1.png', '2.png', '3.png', '4.png');
    await settle();
    uploadQueue.actions().itemRemoved(uploadQueue.items()[0]!.id);
    await settle();
    expect(puts[0]!.options.signal.aborted).toBe(true);
    expect(puts).toHaveLength(MAX_PARALLEL + 1);
    expect(puts[MAX_PARALLEL]!.options.body).toMatchObject({ name: '4.png' });
    expect(errors).toEqual([]);
    stopListening();
  });

  it('offline, a dropped file is prepared but nothing is sent until the connection is back', async () => {
    const { drop, settle, puts, counts, phases, setOnline } = start();
    setOnline(false);
    drop('offline.png');
    await settle();
    expect(phases()).toEqual(['waiting']);
    expect(counts.init).toBe(0);
    setOnline(true);
    await settle();
    expect(puts).toHaveLength(1);
  });

  it('a PUT that keeps failing shows each retry wait, fails, and sends again on Retry', async () => {
    const { drop, settle, clock, puts, counts } = start();
    drop('flaky.png');
    await settle();
    const id = uploadQueue.items()[0]!.id;
    puts[0]!.reject(unreachable());
    await settle();
    // Waiting to retry, on the clock: the row says until when and why.
    expect(uploadQueue.progress(id).retry).toEqual({
      until: expect.any(Number),
      reason: 'The connection dropped.',
      tries: { next: 2, of: 6 },
      wake: expect.any(Function),
    });
    expect(uploadQueue.progress(id).retry!.until).toBeGreaterThan(clock.now());
    for (let attempt = 1; attempt <= 5; attempt++) {
      await clock.advance(10_000);
      puts[attempt]!.reject(unreachable());
    }
    await settle();
    expect(uploadQueue.item(id)?.stage).toMatchObject({ phase: 'failed', message: 'The connection dropped.', resume: { step: 'send' } });
    uploadQueue.actions().retryRequested(id);
    await settle();
    expect(counts.init).toBe(2);
    puts[6]!.resolve();
    await settle();
    expect(uploadQueue.item(id)?.stage.phase).toBe('classified');
  });

  it('"Retry now" ends the wait before an automatic retry: the next try starts at once, counted', async () => {
    const { drop, settle, clock, puts } = start();
    drop('flaky.png');
    await settle();
    const id = uploadQueue.items()[0]!.id;
    puts[0]!.reject(unreachable());
    await settle();
    const wait = uploadQueue.progress(id).retry!;
    expect(wait.tries).toEqual({ next: 2, of: 6 });
    const before = clock.now();
    wait.wake!();
    await settle();
    // The second PUT went out without the clock moving.
    expect(puts).toHaveLength(2);
    expect(clock.now()).toBe(before);
    puts[1]!.reject(unreachable());
    await settle();
    expect(uploadQueue.progress(id).retry!.tries).toEqual({ next: 3, of: 6 });
  });

  it('a failed classify is retried without sending the bytes again', async () => {
    const { drop, settle, puts, counts, classified, failClassifyOnce } = start();
    failClassifyOnce(new AurousApiError({ status: 400, type: 'invalid_request', code: 'upload_invalid', message: 'Not ready.' }));
    drop('front.png');
    await settle();
    puts[0]!.resolve();
    await settle();
    const id = uploadQueue.items()[0]!.id;
    expect(uploadQueue.item(id)?.stage).toMatchObject({ phase: 'failed', resume: { step: 'classify', upload: { id: 'upl_1' } } });
    uploadQueue.actions().retryRequested(id);
    await settle();
    expect(classified).toEqual(['upl_1', 'upl_1']);
    expect([counts.init, puts.length]).toEqual([1, 1]);
    expect(uploadQueue.item(id)?.stage.phase).toBe('classified');
  });

  it('after a reload, classifies an upload whose bytes had landed, never sending it again', async () => {
    const stored: StoredSession = {
      version: 1,
      items: [
        {
          id: 'kept',
          name: 'kept.png',
          size: 1000,
          extension: 'png',
          contentType: 'image/png',
          convertHeic: false,
          hash: 'kept',
          thumbnail: null,
          uploadedId: 'upl_landed',
          ticketMintedAt: 0,
          stage: { phase: 'uploading' },
        },
      ],
    };
    const { settle, counts, classified } = start({ stored });
    await settle();
    expect(classified).toEqual(['upl_landed']);
    expect(counts.init).toBe(0);
    expect(uploadQueue.item('kept')?.stage).toMatchObject({ phase: 'classified', upload: { id: 'upl_landed' } });
  });

  it('99 progress ticks neither schedule again nor save the session', async () => {
    const { drop, settle, puts, counts } = start({ link: 'slow' });
    drop('big.png');
    await settle();
    const id = uploadQueue.items()[0]!.id;
    const before = { ...counts, items: uploadQueue.items() };
    for (let tick = 1; tick < 100; tick++) puts[0]!.options.onProgress(tick * 10, 1000);
    await settle();
    expect(uploadQueue.progress(id).loaded).toBe(990);
    expect(counts.schedules).toBe(before.schedules);
    expect(counts.saves).toBe(before.saves);
    expect(uploadQueue.items()).toBe(before.items);
    // A phase change does both.
    puts[0]!.resolve();
    await settle();
    expect(counts.schedules).toBeGreaterThan(before.schedules);
    expect(counts.saves).toBeGreaterThan(before.saves);
  });

  it('stop aborts what runs; start again resumes from the phases', async () => {
    const { runner, drop, settle, puts, counts } = start();
    drop('front.png');
    await settle();
    runner.stop();
    expect(puts[0]!.options.signal.aborted).toBe(true);
    runner.start();
    await settle();
    expect(counts.init).toBe(2);
    puts[1]!.resolve();
    await settle();
    expect(uploadQueue.items()[0]?.stage.phase).toBe('classified');
  });
});
