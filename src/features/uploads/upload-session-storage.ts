/**
 * The upload session survives a reload: what is needed to carry on is kept in IndexedDB (the
 * thumbnail Blob included). Items whose bytes had landed keep their upload id and classification
 * and are never uploaded again; items whose bytes had not are restored asking for the file, which
 * a browser cannot keep. Tickets older than 24 h are dropped with a message.
 */
import { del, get, set } from 'idb-keyval';
import { UPLOAD_TICKET_TTL_MS } from '../../../contract/constants';
import type { Refusal } from './file-rules';
import { messages } from './messages';
import type { UploadItem, UploadStage } from './upload-store';

const KEY = 'aurous-console/upload-session/v1';

export interface StoredItem {
  id: string;
  name: string;
  size: number;
  extension: UploadItem['extension'];
  contentType: UploadItem['contentType'];
  convertHeic: boolean;
  hash: string | null;
  thumbnail: Blob | null;
  uploadedId: string | null;
  ticketMintedAt: number | null;
  stage: UploadStage;
}

export interface StoredSession {
  version: 1;
  items: StoredItem[];
}

export function toStored(items: readonly UploadItem[]): StoredSession {
  return {
    version: 1,
    items: items.map(({ id, name, size, extension, contentType, convertHeic, hash, thumbnail, uploadedId, ticketMintedAt, stage }) => ({
      id,
      name,
      size,
      extension,
      contentType,
      convertHeic,
      hash,
      thumbnail,
      uploadedId,
      ticketMintedAt,
      stage,
    })),
  };
}

/** Back from storage: what can carry on, and a message for each item that cannot. */
export function fromStored(session: StoredSession | undefined, now: number): { items: UploadItem[]; refusals: Refusal[] } {
  const items: UploadItem[] = [];
  const refusals: Refusal[] = [];
  if (session?.version !== 1) return { items, refusals };
  for (const stored of session.items) {
    if (stored.uploadedId && stored.ticketMintedAt !== null && now - stored.ticketMintedAt > UPLOAD_TICKET_TTL_MS) {
      refusals.push({ fileName: stored.name, reason: messages.refusals.expired });
      continue;
    }
    const stage: UploadStage = stored.uploadedId
      ? stored.stage.phase === 'classified'
        ? stored.stage
        : { phase: 'waiting' } // landed but not classified: classify it, never upload again
      : { phase: 'needs-file' };
    items.push({
      ...stored,
      file: null,
      thumbnailUrl: stored.thumbnail ? URL.createObjectURL(stored.thumbnail) : null,
      stage,
      retry: null,
    });
  }
  return { items, refusals };
}

export const uploadSessionStorage = {
  load: (): Promise<StoredSession | undefined> => get<StoredSession>(KEY).catch(() => undefined),
  save: (items: readonly UploadItem[]) => (items.length ? set(KEY, toStored(items)) : del(KEY)).catch(() => undefined),
};

/** What changes when an item moves on (not on every progress tick): only then is it saved. */
export function sessionSignature(items: readonly UploadItem[]): string {
  return items.map((item) => `${item.id}:${item.stage.phase}:${item.uploadedId ?? ''}:${item.hash ?? ''}:${item.thumbnail ? 't' : ''}`).join('|');
}
