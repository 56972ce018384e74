import { describe, expect, it } from 'vitest';
import type { UploadItem } from './upload-machine';
import { fromStored, toStored, type StoredItem } from './upload-session-storage';

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
      {
        version: 1,
        items: [stored({ uploadedId: 'upl_1', ticketMintedAt: 0, stage: { phase: 'classified', pose: 'front', confidence: 0.9 } })],
      },
      HOUR,
    );
    expect(items[0]?.stage).toEqual({
      phase: 'classified',
      hash: 'h',
      upload: { id: 'upl_1', mintedAt: 0 },
      pose: 'front',
      confidence: 0.9,
    });
  });

  it('classifies an upload whose bytes landed but whose classify had not finished', () => {
    const { items } = fromStored(
      { version: 1, items: [stored({ uploadedId: 'upl_1', ticketMintedAt: 0, stage: { phase: 'classifying' } })] },
      HOUR,
    );
    // Classifying, and not in flight: the runner's schedule classifies it (upload-machine.test).
    expect(items[0]?.stage).toEqual({ phase: 'classifying', hash: 'h', upload: { id: 'upl_1', mintedAt: 0 } });
  });

  it('asks for the file again when its bytes had not been sent', () => {
    const { items } = fromStored({ version: 1, items: [stored({ stage: { phase: 'uploading' } })] }, HOUR);
    expect(items[0]?.stage).toEqual({ phase: 'needs-file', hash: 'h', convertHeic: false });
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

  it('stores what a reload needs and no File: a landed upload with its id, a sending one as it was', () => {
    const file = new File(['x'], 'front.png');
    const base = {
      id: 'i1',
      name: 'front.png',
      size: 1,
      extension: 'png',
      contentType: 'image/png',
      thumbnail: null,
      thumbnailUrl: null,
    } as const;
    const items: UploadItem[] = [
      { ...base, stage: { phase: 'uploading', file, hash: 'h', remints: 0 } },
      {
        ...base,
        id: 'i2',
        stage: { phase: 'failed', hash: 'h2', message: 'x', resume: { step: 'classify', upload: { id: 'upl_2', mintedAt: 5 } } },
      },
    ];
    const [sending, landed] = toStored(items).items;
    expect(sending).toEqual({
      ...base,
      thumbnailUrl: undefined,
      convertHeic: false,
      hash: 'h',
      uploadedId: null,
      ticketMintedAt: null,
      stage: { phase: 'uploading' },
    });
    expect(landed).toMatchObject({ uploadedId: 'upl_2', ticketMintedAt: 5, stage: { phase: 'failed' } });
  });
});
