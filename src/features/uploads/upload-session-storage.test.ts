import { describe, expect, it } from 'vitest';
import { fromStored, sessionSignature, toStored, type StoredItem } from './upload-session-storage';

const HOUR = 60 * 60 * 1000;
const stored = (overrides: Partial<StoredItem>): StoredItem => ({
  id: 'i1',
  name: 'front.png',
  size: 10,
  extension: 'png',
  contentType: 'image/png',
  convertHeic: false,
  hash: 'h',
  thumbnail: null,
  uploadedId: null,
  ticketMintedAt: null,
  stage: { phase: 'waiting' },
  ...overrides,
});

describe('restoring an upload session after a reload', () => {
  it('keeps a classified upload as it was, never to be uploaded again', () => {
    const { items } = fromStored(
      { version: 1, items: [stored({ uploadedId: 'upl_1', ticketMintedAt: 0, stage: { phase: 'classified', pose: 'front', confidence: 0.9 } })] },
      HOUR,
    );
    expect(items[0]).toMatchObject({ uploadedId: 'upl_1', file: null, stage: { phase: 'classified', pose: 'front' } });
  });

  it('classifies an upload whose bytes landed but whose classify had not finished', () => {
    const { items } = fromStored({ version: 1, items: [stored({ uploadedId: 'upl_1', ticketMintedAt: 0, stage: { phase: 'classifying' } })] }, HOUR);
    expect(items[0]?.stage).toEqual({ phase: 'waiting' });
  });

  it('asks for the file again when its bytes had not been sent', () => {
    const { items } = fromStored({ version: 1, items: [stored({ stage: { phase: 'uploading', loaded: 5 } })] }, HOUR);
    expect(items[0]?.stage).toEqual({ phase: 'needs-file' });
  });

  it('drops uploads older than 24 hours, with a message naming the file', () => {
    const { items, refusals } = fromStored({ version: 1, items: [stored({ uploadedId: 'upl_1', ticketMintedAt: 0 })] }, 24 * HOUR + 1);
    expect(items).toEqual([]);
    expect(refusals).toEqual([{ fileName: 'front.png', reason: expect.stringContaining('more than 24 hours ago') }]);
  });

  it('ignores nothing stored, or another version', () => {
    expect(fromStored(undefined, 0)).toEqual({ items: [], refusals: [] });
    expect(fromStored({ version: 2 } as unknown as Parameters<typeof fromStored>[0], 0)).toEqual({ items: [], refusals: [] });
  });

  it('saves only when an item moves on, not on each progress tick', () => {
    const base = { ...stored({}), file: null, thumbnailUrl: null, retry: null };
    const a = sessionSignature([{ ...base, stage: { phase: 'uploading', loaded: 1 } }]);
    const b = sessionSignature([{ ...base, stage: { phase: 'uploading', loaded: 2 } }]);
    expect(a).toBe(b);
    expect(sessionSignature([{ ...base, stage: { phase: 'classifying' } }])).not.toBe(a);
    expect(toStored([{ ...base }]).items[0]).not.toHaveProperty('file');
  });
});
