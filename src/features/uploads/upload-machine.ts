/**
 * The upload lifecycle as one state machine, with no I/O: what an item is (each phase carries
 * exactly its own data), which events move it on (`transition`), and what the runner should do
 * next for the whole queue (`schedule`). The runner carries out `schedule`'s decisions and feeds
 * the outcomes back as events; the store applies them with `transition`.
 */
import type { Pose, UploadContentType, UploadExtension } from '../../../contract/constants';
import type { Adjustments } from './prepare-core';

/**
 * At most this many PUTs are open at once (classifies are not counted). How many of them may be
 * sending bytes at the same time is the runner's `sendLimit`, from the link it measures.
 */
export const MAX_PARALLEL = 3;
/** A PUT refused because its signed URL expired is re-minted this many times before giving up. */
export const MAX_REMINTS = 3;

/** An upload ticket whose bytes have fully landed in storage: it lives 24 h from `mintedAt`. */
export interface LandedUpload {
  id: string;
  mintedAt: number;
}

export type UploadStage =
  /** Converting, sniffing and hashing the file (in a worker). */
  | { phase: 'preparing'; file: File; convertHeic: boolean }
  /** Ready to send, waiting for a slot (or for the connection). */
  | { phase: 'waiting'; file: File; hash: string }
  /** Minting a ticket and sending the bytes; `remints` counts URLs that expired on the way. */
  | { phase: 'uploading'; file: File; hash: string; remints: number }
  /** The bytes have landed: the file is not needed any more, only the upload. */
  | { phase: 'classifying'; hash: string; upload: LandedUpload }
  | { phase: 'classified'; hash: string; upload: LandedUpload; pose: Pose; confidence: number }
  /** What a retry resumes: sending the bytes again, or only classifying those that landed. */
  | { phase: 'failed'; hash: string; message: string; resume: { step: 'send'; file: File } | { step: 'classify'; upload: LandedUpload } }
  /** Restored after a reload before its bytes were sent: the browser cannot keep the file. */
  | { phase: 'needs-file'; hash: string | null; convertHeic: boolean };

export type UploadPhase = UploadStage['phase'];

/** What the browser changed before sending a file (its row says so, with the size as chosen). */
export interface Adjusted extends Adjustments {
  originalSize: number;
  /** Named as one format, its bytes another: sent as what it is. The format its name said. */
  renamedFrom?: UploadContentType;
}

export interface UploadItem {
  id: string;
  /** The name shown; init is sent a sanitised one. */
  name: string;
  size: number;
  extension: UploadExtension;
  contentType: UploadContentType;
  thumbnail: Blob | null;
  thumbnailUrl: string | null;
  stage: UploadStage;
  /** Set once prepared, if anything was changed: the row says what (and why the size changed). */
  adjusted?: Adjusted | undefined;
}

/** An item known to be in one phase, so its stage's data can be read without checking again. */
export type ItemIn<P extends UploadPhase> = UploadItem & { stage: Extract<UploadStage, { phase: P }> };

export const isIn = <P extends UploadPhase>(item: UploadItem, phase: P): item is ItemIn<P> => item.stage.phase === phase;

export type UploadEvent =
  | {
      type: 'prepared';
      hash: string;
      /** What to send: the file as chosen, or the image made from it. */
      file: File;
      /** The format the bytes are, when the name said another. */
      kind?: { extension: UploadExtension; contentType: UploadContentType };
      adjusted?: Adjusted;
    }
  | { type: 'file-chosen'; file: File }
  | { type: 'send-started' }
  | { type: 'url-expired'; message: string }
  | { type: 'landed'; upload: LandedUpload }
  | { type: 'classified'; pose: Pose; confidence: number }
  | { type: 'failed'; message: string }
  | { type: 'retry' };

const withStage = (item: UploadItem, stage: UploadStage, size = item.size): UploadItem => ({ ...item, size, stage });

/**
 * The item after `event`, or the very same item when its phase does not allow that event
 * (progress from a request that was already removed, a retry of an item that has not failed):
 * callers test `next === item` to know it was refused.
 */
export function transition(item: UploadItem, event: UploadEvent): UploadItem {
  const { stage } = item;
  switch (event.type) {
    case 'prepared':
      // A converted, turned or shrunk photo sends the image made from it, whose size is what the
      // queue shows from now on (the row says it changed, and from what).
      return stage.phase === 'preparing'
        ? {
            ...withStage(item, { phase: 'waiting', file: event.file, hash: event.hash }, event.file.size),
            ...event.kind,
            adjusted: event.adjusted,
          }
        : item;
    case 'file-chosen':
      return stage.phase === 'needs-file'
        ? withStage(item, { phase: 'preparing', file: event.file, convertHeic: stage.convertHeic }, event.file.size)
        : item;
    case 'send-started':
      return stage.phase === 'waiting' ? withStage(item, { phase: 'uploading', file: stage.file, hash: stage.hash, remints: 0 }) : item;
    case 'url-expired':
      if (stage.phase !== 'uploading') return item;
      return stage.remints < MAX_REMINTS
        ? withStage(item, { ...stage, remints: stage.remints + 1 })
        : withStage(item, { phase: 'failed', hash: stage.hash, message: event.message, resume: { step: 'send', file: stage.file } });
    case 'landed':
      return stage.phase === 'uploading' ? withStage(item, { phase: 'classifying', hash: stage.hash, upload: event.upload }) : item;
    case 'classified':
      return stage.phase === 'classifying'
        ? withStage(item, { phase: 'classified', hash: stage.hash, upload: stage.upload, pose: event.pose, confidence: event.confidence })
        : item;
    case 'failed':
      if (stage.phase === 'uploading') {
        return withStage(item, { phase: 'failed', hash: stage.hash, message: event.message, resume: { step: 'send', file: stage.file } });
      }
      if (stage.phase === 'classifying') {
        return withStage(item, {
          phase: 'failed',
          hash: stage.hash,
          message: event.message,
          resume: { step: 'classify', upload: stage.upload },
        });
      }
      return item;
    case 'retry':
      if (stage.phase !== 'failed') return item;
      // Bytes that landed are never sent again: only their classify is repeated.
      return stage.resume.step === 'send'
        ? withStage(item, { phase: 'waiting', file: stage.resume.file, hash: stage.hash })
        : withStage(item, { phase: 'classifying', hash: stage.hash, upload: stage.resume.upload });
  }
}

/** The SHA-256 of an item's bytes, once known: the same image dropped twice is refused. */
export function hashOf(item: UploadItem): string | null {
  return item.stage.phase === 'preparing' ? null : item.stage.hash;
}

/** The upload whose bytes landed, if they did (a classified item, or one being or to be classified). */
export function landedUpload(item: UploadItem): LandedUpload | null {
  const { stage } = item;
  if (stage.phase === 'classifying' || stage.phase === 'classified') return stage.upload;
  if (stage.phase === 'failed' && stage.resume.step === 'classify') return stage.resume.upload;
  return null;
}

/**
 * The work the runner does for one item; each kind belongs to exactly one phase. `landing`: a
 * send whose bytes are all out, waiting for the storage's answer — it no longer shares the link.
 */
export type Job = 'prepare' | 'send' | 'landing' | 'classify';
const JOB_PHASE = { prepare: 'preparing', send: 'uploading', landing: 'uploading', classify: 'classifying' } as const satisfies Record<
  Job,
  UploadPhase
>;

export interface Decisions {
  prepare: ItemIn<'preparing'>[];
  /** Start sending: mint a ticket, then PUT the bytes. */
  send: ItemIn<'waiting'>[];
  /** Its signed URL expired mid-send: mint another and send again, ahead of new sends. */
  remint: ItemIn<'uploading'>[];
  classify: ItemIn<'classifying'>[];
  /** Work whose item was removed, or has moved to a phase that work does not belong to. */
  abort: string[];
}

/**
 * What to start and what to stop, from the items' phases and the work already running. Pure:
 * call it as often as you like; it decides the same thing twice. At most `sendLimit` PUTs send
 * bytes at once, and at most MAX_PARALLEL are open (sending, or landing: bytes out, answer awaited).
 */
export function schedule(
  items: readonly UploadItem[],
  inFlight: ReadonlyMap<string, Job>,
  online: boolean,
  sendLimit: number = MAX_PARALLEL,
): Decisions {
  const decisions: Decisions = { prepare: [], send: [], remint: [], classify: [], abort: [] };
  const byId = new Map(items.map((item) => [item.id, item]));
  let sending = 0;
  let open = 0;
  for (const [id, job] of inFlight) {
    const item = byId.get(id);
    if (!item || item.stage.phase !== JOB_PHASE[job]) decisions.abort.push(id);
    else if (job === 'send' || job === 'landing') {
      open += 1;
      if (job === 'send') sending += 1;
    }
  }
  const idle = items.filter((item) => !inFlight.has(item.id));
  // Preparing needs no network, so it goes on offline.
  decisions.prepare = idle.filter((item) => isIn(item, 'preparing'));
  // Offline, nothing new starts: coming back online schedules again.
  if (!online) return decisions;
  let slots = Math.min(Math.min(sendLimit, MAX_PARALLEL) - sending, MAX_PARALLEL - open);
  for (const item of idle) {
    if (slots > 0 && isIn(item, 'uploading')) {
      decisions.remint.push(item);
      slots -= 1;
    }
  }
  for (const item of idle) {
    if (slots > 0 && isIn(item, 'waiting')) {
      decisions.send.push(item);
      slots -= 1;
    }
  }
  decisions.classify = idle.filter((item) => isIn(item, 'classifying'));
  return decisions;
}
