/**
 * The upload queue: client-only state for the files a user is preparing to turn into a
 * character. Two slices that change at different speeds:
 * - `items`, each in one phase of the state machine (upload-machine.ts), changed only by an
 *   event its phase allows. The runner schedules on it and the session is saved from it.
 * - `progress`, bytes sent and the retry being waited for: many ticks a second while sending,
 *   read only by the rows and the total. A tick never touches `items`, so it never wakes the
 *   runner or the session storage.
 * The classify answer is kept here because the API can never give it again once the upload is
 * consumed (the docs say to cache it client-side).
 */
import { create } from 'zustand';
import type { UploadContentType } from '../../../contract/constants';
import { kindOf, sortDroppedFiles, type Refusal } from './file-rules';
import { messages } from './messages';
import type { Adjustments } from './prepare-core';
import { hashOf, transition, type Adjusted, type UploadEvent, type UploadItem } from './upload-machine';

export interface RetryWait {
  until: number;
  reason: string;
  /** Queued behind the team's rate budget: said as "Waiting for the API (N s)". */
  waiting?: boolean | undefined;
  /** The automatic try this wait leads to, of how many ("try 2 of 6"). */
  tries?: { next: number; of: number } | undefined;
  /** Ends the wait now ("Retry now"). */
  wake?: (() => void) | undefined;
}

export interface ItemProgress {
  /** Bytes of the current PUT that have left (uploading only). */
  loaded: number;
  /** A retry is waiting: until when, and why. Cleared by any progress or phase change. */
  retry: RetryWait | null;
}

const IDLE: ItemProgress = { loaded: 0, retry: null };

export interface Notice extends Refusal {
  id: string;
}

interface UploadState {
  items: UploadItem[];
  progress: Readonly<Record<string, ItemProgress>>;
  notices: Notice[];
  actions: {
    /** Files from any source (drop, browse, paste, samples) join the queue through the same rules. */
    filesAdded: (files: readonly File[]) => void;
    filesRefused: (refusals: Refusal[]) => void;
    itemPrepared: (
      id: string,
      prepared: { hash: string; converted: File | null; adjustments?: Adjustments; actual?: UploadContentType | null },
    ) => void;
    thumbnailReady: (id: string, thumbnail: Blob | null) => void;
    sessionRestored: (items: UploadItem[], notices: Refusal[]) => void;
    fileReselected: (id: string, file: File) => void;
    itemRefused: (id: string, reason: string) => void;
    /** What the runner reports: applied only if the item's phase allows it. */
    itemEvent: (id: string, event: UploadEvent) => void;
    uploadProgressed: (id: string, loaded: number) => void;
    retryScheduled: (id: string, wait: RetryWait) => void;
    retryRequested: (id: string) => void;
    itemRemoved: (id: string) => void;
    noticeDismissed: (id: string) => void;
    noticesDismissed: () => void;
    sessionCleared: () => void;
  };
}

let nextId = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;

function releaseThumbnail(item: UploadItem | undefined) {
  if (item?.thumbnailUrl) URL.revokeObjectURL(item.thumbnailUrl);
}

const withoutKey = <T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> =>
  key in record ? Object.fromEntries(Object.entries(record).filter(([candidate]) => candidate !== key)) : record;

const toNotices = (refusals: readonly Refusal[]): Notice[] => refusals.map((refusal) => ({ ...refusal, id: newId('notice') }));

const useUploadStore = create<UploadState>()((set, get) => {
  const find = (id: string) => get().items.find((item) => item.id === id);
  /** Apply an event; a refused one changes nothing at all (no new array, no listener woken). */
  const apply = (id: string, event: UploadEvent) => {
    const item = find(id);
    if (!item) return;
    const next = transition(item, event);
    if (next === item) return;
    set((state) => ({
      items: state.items.map((candidate) => (candidate.id === id ? next : candidate)),
      progress: withoutKey(state.progress, id),
    }));
  };
  const setProgress = (id: string, change: Partial<ItemProgress>) =>
    set((state) => ({ progress: { ...state.progress, [id]: { ...(state.progress[id] ?? IDLE), ...change } } }));
  const removeItem = (id: string, notice?: string) => {
    const item = find(id);
    if (!item) return;
    releaseThumbnail(item);
    set((state) => ({
      items: state.items.filter((candidate) => candidate.id !== id),
      progress: withoutKey(state.progress, id),
      notices: notice === undefined ? state.notices : [...state.notices, { id: newId('notice'), fileName: item.name, reason: notice }],
    }));
  };

  return {
    items: [],
    progress: {},
    notices: [],
    actions: {
      filesAdded: (files) => {
        const { accepted, refused } = sortDroppedFiles(files, get().items.length);
        if (accepted.length) {
          const added = accepted.map(({ file, extension, contentType, convertHeic }): UploadItem => ({
            id: newId('item'),
            name: file.name,
            size: file.size,
            extension,
            contentType,
            thumbnail: null,
            thumbnailUrl: null,
            stage: { phase: 'preparing', file, convertHeic },
          }));
          set((state) => ({ items: [...state.items, ...added] }));
        }
        if (refused.length) set((state) => ({ notices: [...state.notices, ...toNotices(refused)] }));
      },
      filesRefused: (refusals) => set((state) => ({ notices: [...state.notices, ...toNotices(refusals)] })),
      itemPrepared: (id, { hash, converted, adjustments = {}, actual = null }) => {
        const item = find(id);
        if (item?.stage.phase !== 'preparing') return;
        const twin = get().items.find((other) => other.id !== id && hashOf(other) === hash);
        if (twin) {
          removeItem(id, messages.refusals.duplicate(twin.name, item.name));
          return;
        }
        const renamed = actual !== null && actual !== item.contentType;
        const changed = renamed || Object.keys(adjustments).length > 0;
        const adjusted: Adjusted | undefined = changed
          ? { ...adjustments, originalSize: item.size, ...(renamed ? { renamedFrom: item.contentType } : {}) }
          : undefined;
        apply(id, {
          type: 'prepared',
          hash,
          file: converted ?? item.stage.file,
          ...(renamed ? { kind: kindOf(actual) } : {}),
          ...(adjusted ? { adjusted } : {}),
        });
      },
      thumbnailReady: (id, thumbnail) => {
        const item = find(id);
        if (!item) return;
        releaseThumbnail(item);
        const next = { ...item, thumbnail, thumbnailUrl: thumbnail ? URL.createObjectURL(thumbnail) : null };
        set((state) => ({ items: state.items.map((candidate) => (candidate.id === id ? next : candidate)) }));
      },
      sessionRestored: (restored, refusals) =>
        set((state) => ({
          // Anything added since the page loaded stays; restored items go first, as they were.
          items: [...restored.filter((item) => !state.items.some((existing) => existing.id === item.id)), ...state.items],
          notices: [...state.notices, ...toNotices(refusals)],
        })),
      fileReselected: (id, file) => apply(id, { type: 'file-chosen', file }),
      itemRefused: (id, reason) => removeItem(id, reason),
      itemEvent: apply,
      uploadProgressed: (id, loaded) => {
        if (find(id)?.stage.phase === 'uploading') setProgress(id, { loaded, retry: null });
      },
      retryScheduled: (id, wait) => {
        if (find(id)) setProgress(id, { retry: wait });
      },
      retryRequested: (id) => apply(id, { type: 'retry' }),
      itemRemoved: (id) => removeItem(id),
      noticeDismissed: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
      noticesDismissed: () => set({ notices: [] }),
      sessionCleared: () => {
        get().items.forEach(releaseThumbnail);
        set({ items: [], progress: {}, notices: [] });
      },
    },
  };
});

export const useUploadItems = () => useUploadStore((state) => state.items);
export const useUploadNotices = () => useUploadStore((state) => state.notices);
export const useUploadActions = () => useUploadStore((state) => state.actions);
/** One item's bytes sent and retry wait: only its own row re-renders on a tick. */
export const useItemProgress = (id: string) => useUploadStore((state) => state.progress[id] ?? IDLE);
export const useUploadProgress = () => useUploadStore((state) => state.progress);

/** For the upload runner and other code outside React. */
export const uploadQueue = {
  items: () => useUploadStore.getState().items,
  item: (id: string) => useUploadStore.getState().items.find((item) => item.id === id),
  progress: (id: string): ItemProgress => useUploadStore.getState().progress[id] ?? IDLE,
  notices: () => useUploadStore.getState().notices,
  actions: () => useUploadStore.getState().actions,
  /** Called when the items change (a phase, a thumbnail, an item added or removed): never on a progress tick. */
  subscribeItems: (listener: (items: readonly UploadItem[]) => void) =>
    useUploadStore.subscribe((state, previous) => {
      if (state.items !== previous.items) listener(state.items);
    }),
};

export type UploadQueue = typeof uploadQueue;
