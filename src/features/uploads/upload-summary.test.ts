import { describe, expect, it } from 'vitest';
import type { UploadItem, UploadStage } from './upload-machine';
import { createBlocker, duplicateFronts, stageLabel, totalBytes } from './upload-summary';

let n = 0;
const file = new File([], 'x.png');
const upload = { id: 'upl_1', mintedAt: 0 };
const item = (stage: UploadStage, size = 100): UploadItem => ({
  id: `i${n++}`,
  name: `file-${n}.png`,
  size,
  extension: 'png',
  contentType: 'image/png',
  thumbnail: null,
  thumbnailUrl: null,
  stage,
});
const classified = (pose: 'front' | 'side' | 'other', confidence = 0.9, size = 100) =>
  item({ phase: 'classified', hash: 'h', upload, pose, confidence }, size);
const uploading = (size = 100) => item({ phase: 'uploading', file, hash: 'h', remints: 0 }, size);
const waiting = (size = 100) => item({ phase: 'waiting', file, hash: 'h' }, size);

describe('upload summary', () => {
  it('counts landed bytes in full and in-flight bytes as sent so far', () => {
    const items = [classified('front'), uploading(), waiting(50)];
    expect(totalBytes(items, (id) => (id === items[1]!.id ? 25 : 0))).toEqual({ total: 250, sent: 125 });
  });

  it('warns only when two or more items are classified front', () => {
    const one = [classified('front'), classified('side')];
    expect(duplicateFronts(one)).toEqual([]);
    const two = [...one, classified('front', 0.4)];
    expect(duplicateFronts(two)).toHaveLength(2);
  });

  it('says why create must wait: nothing added, failures, then uploads in flight', () => {
    expect(createBlocker([])).toBe('Add at least one reference image.');
    expect(createBlocker([item({ phase: 'failed', hash: 'h', message: 'x', resume: { step: 'send', file } }), uploading()])).toBe(
      'Retry or remove the failed upload first.',
    );
    expect(createBlocker([uploading(), waiting()])).toBe('Wait for 2 uploads to finish.');
    expect(createBlocker([classified('other', 0.3, 1)])).toBeNull();
    expect(createBlocker([item({ phase: 'needs-file', hash: null, convertHeic: false })])).toBe(
      'Choose 1 file again (its upload was interrupted by a reload) or remove it.',
    );
  });

  it('labels the stages honestly, with a whole-number percentage while uploading', () => {
    expect(stageLabel(uploading(1000), 999)).toBe('Uploading 99%');
    expect(stageLabel(item({ phase: 'classifying', hash: 'h', upload }))).toBe('Classifying');
    expect(stageLabel(waiting())).toBe('Waiting');
  });
});
