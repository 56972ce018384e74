import { beforeEach, describe, expect, it } from 'vitest';
import { uploadQueue } from './upload-store';

const accept = (name: string) =>
  uploadQueue.actions().filesAccepted([{ file: new File(['x'], name), extension: 'png', contentType: 'image/png', convertHeic: false }]);

describe('upload queue', () => {
  beforeEach(() => uploadQueue.actions().sessionCleared());

  it('skips the same bytes dropped twice, naming the first file, and keeps the first', () => {
    accept('a.png');
    accept('b.png');
    const [a, b] = uploadQueue.items();
    uploadQueue.actions().itemPrepared(a!.id, { hash: 'same', converted: null });
    uploadQueue.actions().itemPrepared(b!.id, { hash: 'same', converted: null });
    expect(uploadQueue.items().map((item) => item.name)).toEqual(['a.png']);
    expect(uploadQueue.items()[0]?.stage).toEqual({ phase: 'waiting' });
    expect(uploadQueue.notices()).toEqual([expect.objectContaining({ fileName: 'b.png', reason: 'is the same image as a.png, so it was skipped.' })]);
  });

  it('walks an item through its stages and lets a failed one be retried', () => {
    accept('a.png');
    const id = uploadQueue.items()[0]!.id;
    const actions = uploadQueue.actions();
    actions.itemPrepared(id, { hash: 'h', converted: null });
    actions.uploadStarted(id);
    actions.uploadProgressed(id, 1);
    expect(uploadQueue.item(id)?.stage).toEqual({ phase: 'uploading', loaded: 1 });
    actions.uploadLanded(id, 'upl_1', 0);
    expect(uploadQueue.item(id)).toMatchObject({ uploadedId: 'upl_1', stage: { phase: 'classifying' } });
    actions.itemFailed(id, 'classify failed');
    actions.retryRequested(id);
    // The bytes already landed: a retry goes back to the queue keeping its upload id.
    expect(uploadQueue.item(id)).toMatchObject({ uploadedId: 'upl_1', stage: { phase: 'waiting' } });
  });

  it('ignores progress that arrives after an item left the uploading stage', () => {
    accept('a.png');
    const id = uploadQueue.items()[0]!.id;
    uploadQueue.actions().itemClassified(id, 'side', 0.7);
    uploadQueue.actions().uploadProgressed(id, 50);
    expect(uploadQueue.item(id)?.stage).toEqual({ phase: 'classified', pose: 'side', confidence: 0.7 });
  });
});
