/**
 * The upload queue: client-only state for the files a user is preparing to turn into a
 * character. Each item's lifecycle is a discriminated union, so impossible states (a pose on an
 * item still uploading) cannot be written. The classify answer is kept here because the API can
 * never give it again once the upload is consumed (the docs say to cache it client-side).
 */
import { create } from 'zustand';
import type { Pose, UploadContentType, UploadExtension } from '../../../contract/constants';
import type { AcceptedFile, Refusal } from './file-rules';
import { messages } from './messages';

export type UploadStage =
  | { phase: 'preparing' }
  | { phase: 'waiting' }
  | { phase: 'uploading'; loaded: number }
  | { phase: 'classifying' }
  | { phase: 'classified'; pose: Pose; confidence: number }
  | { phase: 'failed'; message: string }
  /** Restored after a reload before its bytes were sent: the browser cannot keep the file. */
  | { phase: 'needs-file' };

export interface UploadItem {
  id: string;
  /** Null only for an item restored after a reload that needs its file chosen again. */
  file: File | null;
  name: string;
  size: number;
  extension: UploadExtension;
  contentType: UploadContentType;
  /** A HEIC photo still to be converted to JPEG (false once converted). */
  convertHeic: boolean;
  /** SHA-256 of the bytes, to catch the same image dropped twice. */
  hash: string | null;
  thumbnail: Blob | null;
  thumbnailUrl: string | null;
  /** The upload ticket whose bytes have fully landed in storage (set after a successful PUT). */
  uploadedId: string | null;
  /** When the ticket was minted: tickets live 24 h. */
  ticketMintedAt: number | null;
  stage: UploadStage;
  /** A retry is waiting: until when, and why. Cleared by any progress. */
  retry: { until: number; reason: string } | null;
}

export interface Notice extends Refusal {
  id: string;
}

interface UploadState {
  items: UploadItem[];
  notices: Notice[];
  actions: {
    filesAccepted: (files: AcceptedFile[]) => void;
    filesRefused: (refusals: Refusal[]) => void;
    itemPrepared: (id: string, prepared: { hash: string; converted: File | null }) => void;
    thumbnailReady: (id: string, thumbnail: Blob | null) => void;
    sessionRestored: (items: UploadItem[], notices: Refusal[]) => void;
    fileReselected: (id: string, file: File) => void;
    itemRefused: (id: string, reason: string) => void;
    uploadStarted: (id: string) => void;
    uploadProgressed: (id: string, loaded: number) => void;
    uploadLanded: (id: string, uploadId: string, mintedAt: number) => void;
    retryScheduled: (id: string, until: number, reason: string) => void;
    classifyStarted: (id: string) => void;
    itemClassified: (id: string, pose: Pose, confidence: number) => void;
    itemFailed: (id: string, message: string) => void;
    retryRequested: (id: string) => void;
    itemRemoved: (id: string) => void;
    noticeDismissed: (id: string) => void;
    sessionCleared: () => void;
  };
}

let nextId = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;

function releaseThumbnail(item: UploadItem | undefined) {
  if (item?.thumbnailUrl) URL.revokeObjectURL(item.thumbnailUrl);
}

const useUploadStore = create<UploadState>()((set, get) => {
  const patch = (id: string, change: (item: UploadItem) => Partial<UploadItem>) =>
    set((state) => ({ items: state.items.map((item) => (item.id === id ? { ...item, ...change(item) } : item)) }));
  const stage = (id: string, next: UploadStage) => patch(id, () => ({ stage: next, retry: null }));
  const refuse = (id: string, reason: string) => {
    const item = get().items.find((candidate) => candidate.id === id);
    if (!item) return;
    releaseThumbnail(item);
    set((state) => ({
      items: state.items.filter((candidate) => candidate.id !== id),
      notices: [...state.notices, { id: newId('notice'), fileName: item.name, reason }],
    }));
  };

  return {
    items: [],
    notices: [],
    actions: {
      filesAccepted: (files) =>
        set((state) => ({
          items: [
            ...state.items,
            ...files.map(({ file, extension, contentType, convertHeic }) => ({
              id: newId('item'),
              file,
              name: file.name,
              size: file.size,
              extension,
              contentType,
              convertHeic,
              hash: null,
              thumbnail: null,
              thumbnailUrl: null,
              uploadedId: null,
              ticketMintedAt: null,
              stage: { phase: 'preparing' } as const,
              retry: null,
            })),
          ],
        })),
      filesRefused: (refusals) =>
        set((state) => ({ notices: [...state.notices, ...refusals.map((refusal) => ({ ...refusal, id: newId('notice') }))] })),
      itemPrepared: (id, { hash, converted }) => {
        const twin = get().items.find((item) => item.id !== id && item.hash === hash);
        if (twin) {
          refuse(id, messages.refusals.duplicate(twin.name));
          return;
        }
        patch(id, () => ({
          hash,
          ...(converted ? { file: converted, size: converted.size, convertHeic: false } : {}),
          stage: { phase: 'waiting' },
          retry: null,
        }));
      },
      thumbnailReady: (id, thumbnail) =>
        patch(id, (item) => {
          releaseThumbnail(item);
          return { thumbnail, thumbnailUrl: thumbnail ? URL.createObjectURL(thumbnail) : null };
        }),
      sessionRestored: (restored, refusals) =>
        set((state) => ({
          // Anything added since the page loaded stays; restored items go first, as they were.
          items: [...restored.filter((item) => !state.items.some((existing) => existing.id === item.id)), ...state.items],
          notices: [...state.notices, ...refusals.map((refusal) => ({ ...refusal, id: newId('notice') }))],
        })),
      fileReselected: (id, file) =>
        patch(id, (item) => (item.stage.phase === 'needs-file' ? { file, size: file.size, stage: { phase: 'preparing' } } : {})),
      itemRefused: refuse,
      uploadStarted: (id) => stage(id, { phase: 'uploading', loaded: 0 }),
      uploadProgressed: (id, loaded) =>
        patch(id, (item) => (item.stage.phase === 'uploading' ? { stage: { phase: 'uploading', loaded }, retry: null } : {})),
      uploadLanded: (id, uploadId, mintedAt) =>
        patch(id, () => ({ uploadedId: uploadId, ticketMintedAt: mintedAt, stage: { phase: 'classifying' }, retry: null })),
      retryScheduled: (id, until, reason) => patch(id, () => ({ retry: { until, reason } })),
      classifyStarted: (id) => stage(id, { phase: 'classifying' }),
      itemClassified: (id, pose, confidence) => stage(id, { phase: 'classified', pose, confidence }),
      itemFailed: (id, message) => stage(id, { phase: 'failed', message }),
      retryRequested: (id) =>
        patch(id, (item) => (item.stage.phase === 'failed' ? { stage: { phase: 'waiting' } } : {})),
      itemRemoved: (id) => {
        releaseThumbnail(get().items.find((item) => item.id === id));
        set((state) => ({ items: state.items.filter((item) => item.id !== id) }));
      },
      noticeDismissed: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
      sessionCleared: () => {
        get().items.forEach(releaseThumbnail);
        set({ items: [], notices: [] });
      },
    },
  };
});

export const useUploadItems = () => useUploadStore((state) => state.items);
export const useUploadNotices = () => useUploadStore((state) => state.notices);
export const useUploadActions = () => useUploadStore((state) => state.actions);

/** For the upload runner, which works outside React. */
export const uploadQueue = {
  items: () => useUploadStore.getState().items,
  item: (id: string) => useUploadStore.getState().items.find((item) => item.id === id),
  notices: () => useUploadStore.getState().notices,
  actions: () => useUploadStore.getState().actions,
  subscribe: (listener: () => void) => useUploadStore.subscribe(listener),
};
