/**
 * The upload session survives a reload: what is needed to carry on is kept in IndexedDB (the
 * thumbnail Blob included). Items whose bytes had landed keep their upload id and classification
 * and are never uploaded again; items whose bytes had not are restored asking for the file, which
 * a browser cannot keep. Tickets older than 24 h are dropped with a message.
 */
import { del, get, set } from 'idb-keyval';
import { UPLOAD_TICKET_TTL_MS, type Pose } from '../../../contract/constants';
import type { Refusal } from './file-rules';
import { messages } from './messages';
import { hashOf, landedUpload, type UploadItem, type UploadPhase } from './upload-machine';

const KEY = 'aurous-console/upload-session/v1';

/** The stored shape is flat (as sessions saved before the state machine are): no File in it. */
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
  /** What was done to the photo before it was sent (absent in sessions saved before this was kept). */
  adjusted?: UploadItem['adjusted'];
  stage: { phase: 'classified'; pose: Pose; confidence: number } | { phase: Exclude<UploadPhase, 'classified'> };
}

export interface StoredSession {
  version: 1;
  items: StoredItem[];
}

function toStoredItem(item: UploadItem): StoredItem {
  const { id, name, size, extension, contentType, thumbnail, stage, adjusted } = item;
  const upload = landedUpload(item);
  return {
    ...(adjusted ? { adjusted } : {}),
    id,
    name,
    size,
    extension,
    contentType,
    convertHeic: stage.phase === 'preparing' || stage.phase === 'needs-file' ? stage.convertHeic : false,
    hash: hashOf(item),
    thumbnail,
    uploadedId: upload?.id ?? null,
    ticketMintedAt: upload?.mintedAt ?? null,
    stage: stage.phase === 'classified' ? { phase: 'classified', pose: stage.pose, confidence: stage.confidence } : { phase: stage.phase },
  };
}

export function toStored(items: readonly UploadItem[]): StoredSession {
  return { version: 1, items: items.map(toStoredItem) };
}

/** Back from storage: what can carry on, and a message for each item that cannot. */
export function fromStored(session: StoredSession | undefined, now: number): { items: UploadItem[]; refusals: Refusal[] } {
  const items: UploadItem[] = [];
  const refusals: Refusal[] = [];
  if (session?.version !== 1) return { items, refusals };
  for (const stored of session.items) {
    const { id, name, size, extension, contentType, thumbnail, hash, uploadedId, ticketMintedAt } = stored;
    const upload = uploadedId ? { id: uploadedId, mintedAt: ticketMintedAt ?? now } : null;
    if (upload && now - upload.mintedAt > UPLOAD_TICKET_TTL_MS) {
      refusals.push({ fileName: name, reason: messages.refusals.expired });
      continue;
    }
    const base = {
      id,
      name,
      size,
      extension,
      contentType,
      thumbnail,
      thumbnailUrl: thumbnail ? URL.createObjectURL(thumbnail) : null,
      // Only for bytes that landed: a file chosen again is prepared (and described) afresh.
      ...(upload && stored.adjusted ? { adjusted: stored.adjusted } : {}),
    };
    if (upload && hash !== null) {
      // Landed but not classified: classify it, never upload again.
      items.push({
        ...base,
        stage:
          stored.stage.phase === 'classified'
            ? { phase: 'classified', hash, upload, pose: stored.stage.pose, confidence: stored.stage.confidence }
            : { phase: 'classifying', hash, upload },
      });
    } else {
      items.push({ ...base, stage: { phase: 'needs-file', hash, convertHeic: stored.convertHeic } });
    }
  }
  return { items, refusals };
}

export const uploadSessionStorage = {
  load: (): Promise<StoredSession | undefined> => get<StoredSession>(KEY).catch(() => undefined),
  save: (items: readonly UploadItem[]) => (items.length ? set(KEY, toStored(items)) : del(KEY)).catch(() => undefined),
};

export type UploadSessionStorage = typeof uploadSessionStorage;
