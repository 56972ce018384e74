import { describe, expect, it } from 'vitest';
import type { UploadItem, UploadStage } from './upload-store';
import { createBlocker, duplicateFronts, stageLabel, totalBytes } from './upload-summary';

let n = 0;
const item = (stage: UploadStage, size = 100, uploadedId: string | null = null): UploadItem => ({
  id: `i${n++}`,
  file: new File([], 'x.png'),
  name: `file-${n}.png`,
  size,
  extension: 'png',
  contentType: 'image/png',
  convertHeic: false,
  hash: null,
  thumbnail: null,
  thumbnailUrl: null,
  uploadedId,
  ticketMintedAt: null,
  stage,
  retry: null,
});

describe('upload summary', () => {
  it('counts landed bytes in full and in-flight bytes as sent so far', () => {
    const items = [
      item({ phase: 'classified', pose: 'front', confidence: 0.9 }, 100, 'upl_1'),
      item({ phase: 'uploading', loaded: 25 }, 100),
      item({ phase: 'waiting' }, 50),
    ];
    expect(totalBytes(items)).toEqual({ total: 250, sent: 125 });
  });

  it('warns only when two or more items are classified front', () => {
    const one = [item({ phase: 'classified', pose: 'front', confidence: 0.9 }), item({ phase: 'classified', pose: 'side', confidence: 0.9 })];
    expect(duplicateFronts(one)).toEqual([]);
    const two = [...one, item({ phase: 'classified', pose: 'front', confidence: 0.4 })];
    expect(duplicateFronts(two)).toHaveLength(2);
  });

  it('says why create must wait: nothing added, failures, then uploads in flight', () => {
    expect(createBlocker([])).toBe('Add at least one reference image.');
    expect(createBlocker([item({ phase: 'failed', message: 'x' }), item({ phase: 'uploading', loaded: 0 })])).toBe(
      'Retry or remove the failed upload first.',
    );
    expect(createBlocker([item({ phase: 'uploading', loaded: 0 }), item({ phase: 'waiting' })])).toBe('Wait for 2 uploads to finish.');
    expect(createBlocker([item({ phase: 'classified', pose: 'other', confidence: 0.3 }, 1, 'upl_1')])).toBeNull();
    expect(createBlocker([item({ phase: 'needs-file' })])).toBe('Choose 1 file again (its upload was interrupted by a reload) or remove it.');
  });

  it('labels the stages honestly, with a whole-number percentage while uploading', () => {
    expect(stageLabel(item({ phase: 'uploading', loaded: 999 }, 1000))).toBe('Uploading 99%');
    expect(stageLabel(item({ phase: 'classifying' }))).toBe('Classifying');
    expect(stageLabel(item({ phase: 'waiting' }))).toBe('Waiting');
  });
});
