import { beforeEach, describe, expect, it } from 'vitest';
import { uploadQueue } from './upload-store';

const accept = (name: string) => uploadQueue.actions().filesAdded([new File(['x'], name, { type: 'image/png' })]);

describe('upload queue', () => {
  beforeEach(() => uploadQueue.actions().sessionCleared());

  it('skips the same bytes dropped twice, naming the first file, and keeps the first', () => {
    accept('a.png');
    accept('b.png');
    const [a, b] = uploadQueue.items();
    uploadQueue.actions().itemPrepared(a!.id, { hash: 'same', converted: null });
    uploadQueue.actions().itemPrepared(b!.id, { hash: 'same', converted: null });
    expect(uploadQueue.items().map((item) => item.name)).toEqual(['a.png']);
    expect(uploadQueue.items()[0]?.stage).toMatchObject({ phase: 'waiting', hash: 'same' });
    expect(uploadQueue.notices()).toEqual([expect.objectContaining({ fileName: 'b.png', reason: 'is already added, as a.png.' })]);
  });

  it('words a duplicate by what the person did: the same file added twice is "already added"', () => {
    accept('astronaut.png');
    accept('astronaut.png');
    const [first, second] = uploadQueue.items();
    uploadQueue.actions().itemPrepared(first!.id, { hash: 'same', converted: null });
    uploadQueue.actions().itemPrepared(second!.id, { hash: 'same', converted: null });
    expect(uploadQueue.notices()).toEqual([expect.objectContaining({ fileName: 'astronaut.png', reason: 'is already added.' })]);
  });

  it('takes a JPEG named .png as the JPEG it is, and keeps what was changed with the size as chosen', () => {
    accept('really-a-jpeg.png');
    const [item] = uploadQueue.items();
    const upright = new File(['upright'], 'really-a-jpeg.jpg', { type: 'image/jpeg' });
    uploadQueue.actions().itemPrepared(item!.id, { hash: 'h', converted: upright, adjustments: { rotated: true }, actual: 'image/jpeg' });
    expect(uploadQueue.items()[0]).toMatchObject({
      name: 'really-a-jpeg.png',
      extension: 'jpg',
      contentType: 'image/jpeg',
      size: upright.size,
      adjusted: { rotated: true, originalSize: 1, renamedFrom: 'image/png' },
      stage: { phase: 'waiting', file: upright },
    });
  });

  it('refuses a file that is not an image by name, adding only the good ones', () => {
    uploadQueue.actions().filesAdded([new File(['x'], 'notes.txt', { type: 'text/plain' }), new File(['x'], 'a.png')]);
    expect(uploadQueue.items().map((item) => item.name)).toEqual(['a.png']);
    expect(uploadQueue.notices()).toEqual([expect.objectContaining({ fileName: 'notes.txt' })]);
  });

  it('walks an item through its stages and lets a failed one be retried', () => {
    accept('a.png');
    const id = uploadQueue.items()[0]!.id;
    const actions = uploadQueue.actions();
    actions.itemPrepared(id, { hash: 'h', converted: null });
    actions.itemEvent(id, { type: 'send-started' });
    actions.uploadProgressed(id, 1);
    expect(uploadQueue.item(id)?.stage.phase).toBe('uploading');
    expect(uploadQueue.progress(id).loaded).toBe(1);
    actions.itemEvent(id, { type: 'landed', upload: { id: 'upl_1', mintedAt: 0 } });
    expect(uploadQueue.item(id)?.stage).toMatchObject({ phase: 'classifying', upload: { id: 'upl_1' } });
    actions.itemEvent(id, { type: 'failed', message: 'classify failed' });
    actions.retryRequested(id);
    // The bytes already landed: a retry only classifies again, keeping its upload id.
    expect(uploadQueue.item(id)?.stage).toMatchObject({ phase: 'classifying', upload: { id: 'upl_1' } });
  });

  it('ignores progress and events that arrive after an item left the phase they belong to', () => {
    accept('a.png');
    const id = uploadQueue.items()[0]!.id;
    const before = uploadQueue.items();
    uploadQueue.actions().itemEvent(id, { type: 'classified', pose: 'side', confidence: 0.7 });
    uploadQueue.actions().uploadProgressed(id, 50);
    expect(uploadQueue.items()).toBe(before);
    expect(uploadQueue.item(id)?.stage.phase).toBe('preparing');
    expect(uploadQueue.progress(id).loaded).toBe(0);
  });

  it('a phase change clears the retry wait shown for the step before', () => {
    accept('a.png');
    const id = uploadQueue.items()[0]!.id;
    uploadQueue.actions().itemPrepared(id, { hash: 'h', converted: null });
    uploadQueue.actions().itemEvent(id, { type: 'send-started' });
    uploadQueue.actions().retryScheduled(id, { until: 5_000, reason: 'The server is busy.' });
    expect(uploadQueue.progress(id).retry).toEqual({ until: 5_000, reason: 'The server is busy.' });
    uploadQueue.actions().itemEvent(id, { type: 'landed', upload: { id: 'upl_1', mintedAt: 0 } });
    expect(uploadQueue.progress(id).retry).toBeNull();
  });
});
