/**
 * The stall watchdog keeps watching after the last byte: storage (or the relay) that never
 * answers ends in a retryable error, not an upload stuck at 100 %.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AurousApiError } from './aurous/api-error';
import { putWithProgress } from './put-with-progress';

/** Just enough of XMLHttpRequest: the test plays the network by calling the handlers. */
class FakeXhr {
  static last: FakeXhr | null = null;
  upload: {
    onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;
    onload: (() => void) | null;
  } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onloadend: (() => void) | null = null;
  status = 0;
  responseText = '';
  aborted = false;
  constructor() {
    FakeXhr.last = this;
  }
  open() {}
  setRequestHeader() {}
  send() {}
  getResponseHeader() {
    return null;
  }
  abort() {
    this.aborted = true;
    this.onloadend?.();
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal('window', globalThis);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const start = () =>
  putWithProgress({
    url: '/api/uploads/t',
    body: new Blob([new Uint8Array(100)]),
    headers: {},
    signal: new AbortController().signal,
    onProgress: () => undefined,
    stallTimeoutMs: 1_000,
    answerTimeoutMs: 5_000,
  });

describe('putWithProgress after the last byte', () => {
  it('fails with a retryable network error when no answer comes within the answer timeout', async () => {
    const put = start();
    const outcome = put.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const xhr = FakeXhr.last!;
    xhr.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
    xhr.upload.onload?.();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(xhr.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(xhr.aborted).toBe(true);
    expect(error).toBeInstanceOf(AurousApiError);
    expect((error as AurousApiError).message).toMatch(/storage did not confirm the upload within 5/);
  });

  it('an answer in time resolves, and the watchdog never fires afterwards', async () => {
    const put = start();
    const xhr = FakeXhr.last!;
    xhr.upload.onload?.();
    await vi.advanceTimersByTimeAsync(2_000);
    xhr.status = 200;
    xhr.onload?.();
    xhr.onloadend?.();
    await expect(put).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(xhr.aborted).toBe(false);
  });
});
