import { describe, expect, it } from 'vitest';
import { adjustmentNote, rowState, rowStateLabel, speedAndRemaining, transferRate } from './row-state';
import type { Adjusted, UploadItem, UploadStage } from './upload-machine';
import type { ItemProgress } from './upload-store';

const file = new File(['bytes'], 'a.png', { type: 'image/png' });
const item = (stage: UploadStage, extra: Partial<UploadItem> = {}): UploadItem => ({
  id: 'i',
  name: 'a.png',
  size: 1000,
  extension: 'png',
  contentType: 'image/png',
  thumbnail: null,
  thumbnailUrl: null,
  stage,
  ...extra,
});
const uploading = item({ phase: 'uploading', file, hash: 'h', remints: 0 });
const idle: ItemProgress = { loaded: 0, retry: null };
const label = (target: UploadItem, progress: ItemProgress = idle, now = 0) => rowStateLabel(rowState(target, progress, now));

describe('rowState', () => {
  it('says uploading with the share sent, rounded down', () => {
    expect(label(uploading, { loaded: 999, retry: null })).toBe('Uploading 99%');
  });

  it('while a retry is waited for, says only that — with the try it leads to — never "Uploading 100 %"', () => {
    const retry = { until: 4_000, reason: 'The connection dropped.', tries: { next: 2, of: 6 } };
    const state = rowState(uploading, { loaded: 1000, retry }, 0);
    expect(state).toEqual({ kind: 'retrying', seconds: 4, reason: 'The connection dropped.', tries: { next: 2, of: 6 } });
    expect(rowStateLabel(state)).toBe('Retrying in 4 sec (try 2 of 6)');
    expect(label(uploading, { loaded: 1000, retry }, 4_000)).toBe('Retrying now (try 2 of 6)');
  });

  it('a wait for the team’s rate budget counts down, as a wait, not a retry', () => {
    expect(label(uploading, { loaded: 0, retry: { until: 12_000, reason: '', waiting: true } })).toBe('Waiting for the API (12 sec)');
  });

  it('a failure is only a failure: a leftover retry wait is not shown beside it', () => {
    const failed = item({ phase: 'failed', hash: 'h', message: 'The connection dropped.', resume: { step: 'send', file } });
    const state = rowState(failed, { loaded: 1000, retry: { until: 4_000, reason: 'x', tries: { next: 6, of: 6 } } }, 0);
    expect(state).toEqual({ kind: 'failed', message: 'The connection dropped.' });
    expect(rowStateLabel(state)).toBe('Failed');
  });
});

describe('adjustmentNote', () => {
  it('says nothing when the file was sent as chosen', () => {
    expect(adjustmentNote(item({ phase: 'waiting', file, hash: 'h' }))).toBeNull();
  });
  it('says how a shrunk photo changed, in the unit that mattered', () => {
    const shrunkBytes: Adjusted = { originalSize: 13_002_342, shrunk: { from: [6000, 4000], to: [4096, 2731] } };
    expect(adjustmentNote({ size: 8_493_465, contentType: 'image/jpeg', adjusted: { ...shrunkBytes } })).toBe(
      'Shrunk from 12.4 MB to 8.1 MB to fit the API’s limits.',
    );
    const shrunkPixels: Adjusted = { originalSize: 4_000, shrunk: { from: [5000, 100], to: [4096, 82] } };
    expect(adjustmentNote({ size: 5_000, contentType: 'image/png', adjusted: shrunkPixels })).toBe(
      'Shrunk from 5000 × 100 to 4096 × 82 px to fit the API’s limits.',
    );
    // Within the byte limit but too many pixels: smaller in bytes afterwards too, yet pixels were the reason.
    const widePhoto: Adjusted = { originalSize: 1_307_718, shrunk: { from: [6000, 4000], to: [4096, 2731] } };
    expect(adjustmentNote({ size: 762_777, contentType: 'image/jpeg', adjusted: widePhoto })).toBe(
      'Shrunk from 6000 × 4000 to 4096 × 2731 px to fit the API’s limits.',
    );
  });
  it('says a HEIC photo’s size changed because it was converted, and that a photo was turned upright', () => {
    expect(adjustmentNote({ size: 2_400_000, contentType: 'image/jpeg', adjusted: { originalSize: 1_250_000, converted: true } })).toBe(
      'Converted from HEIC (1.2 MB) to JPEG (2.3 MB).',
    );
    expect(adjustmentNote({ size: 900, contentType: 'image/jpeg', adjusted: { originalSize: 1000, rotated: true } })).toBe(
      'Turned upright, as the camera recorded it.',
    );
  });
  it('says a file named as one format was sent as the other it is', () => {
    expect(adjustmentNote({ size: 1000, contentType: 'image/jpeg', adjusted: { originalSize: 1000, renamedFrom: 'image/png' } })).toBe(
      'Named as a PNG, but it is a JPEG: sent as the JPEG it is.',
    );
  });
});

describe('transferRate and speedAndRemaining', () => {
  it('measures bytes a second over the samples, and what is left at that speed', () => {
    const rate = transferRate([
      [0, 0],
      [1000, 500_000],
      [2000, 1_000_000],
    ]);
    expect(rate).toBe(500_000);
    expect(speedAndRemaining(rate, 1_000_000, 3_500_000)).toBe('488.3 kB/s · about 5 sec left');
    expect(speedAndRemaining(10_000, 0, 3_000_000)).toBe('9.8 kB/s · about 5 min left');
  });
  it('says nothing before there is a span to measure, or once everything is sent', () => {
    expect(transferRate([[0, 0]])).toBeNull();
    expect(speedAndRemaining(null, 0, 10)).toBeNull();
    expect(speedAndRemaining(100, 10, 10)).toBeNull();
  });
});
