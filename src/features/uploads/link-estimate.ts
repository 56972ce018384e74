/**
 * How fast the uplink is, from the PUTs' own progress, and so how many files should share it.
 * On a slow uplink several PUTs at once only share the same bytes a second: every file lands later
 * and the first badge waits (the link bench: three 9 MB PUTs on 50 Mbit/s put the first badge at
 * 5.4 s). There one file at a time, the next starting as soon as the last byte is out, lands each
 * file sooner without slowing the whole. On a fast link the PUTs' round trips are what count,
 * and three at once hide them.
 */
import { MAX_PARALLEL } from './upload-machine';

/** The rate is trusted after this long of sending, or once one file's bytes are all out. */
export const TRUST_AFTER_MS = 500;
/** Before anything is measured: one (starting with two put the link bench's first badge at 5.0 s, with one at 3.5 s). */
export const UNMEASURED_LIMIT = 1;
/** Another file may share the link when a file alone would take less than this to send. */
export const SEND_ALONE_S = 0.5;

export interface LinkEstimate {
  /** A PUT starts sending (again). */
  started: (id: string) => void;
  /** Bytes of that PUT out so far. */
  progressed: (id: string, loaded: number, size: number) => void;
  /** The PUT is over (its bytes are out, it failed, or it was aborted). */
  ended: (id: string) => void;
  /** How many PUTs may send at once, for files of about `size` bytes next. */
  limit: (size: number) => number;
  /** Bytes a second, once trusted; null before. */
  rate: () => number | null;
}

export function createLinkEstimate(now: () => number): LinkEstimate {
  const loaded = new Map<string, number>();
  /** The window being measured: since the first PUT of this busy spell started, the bytes out since. */
  let since: number | null = null;
  let bytes = 0;
  let trusted = false;
  let estimate: number | null = null;

  const measure = () => {
    if (since === null || !trusted) return;
    estimate = bytes / Math.max(0.001, (now() - since) / 1000);
  };

  return {
    started(id) {
      since ??= now();
      loaded.set(id, 0);
    },
    progressed(id, sent, size) {
      const before = loaded.get(id);
      if (before === undefined) return;
      bytes += Math.max(0, sent - before);
      loaded.set(id, sent);
      if (since !== null && (sent >= size || now() - since >= TRUST_AFTER_MS)) trusted = true;
      measure();
    },
    ended(id) {
      if (!loaded.delete(id) || loaded.size > 0) return;
      // Idle: the next spell is measured afresh (the time between is not the link's), this one's rate stands meanwhile.
      measure();
      since = null;
      bytes = 0;
      trusted = false;
    },
    limit(size) {
      if (estimate === null) return UNMEASURED_LIMIT;
      return Math.max(1, Math.min(MAX_PARALLEL, Math.round((estimate * SEND_ALONE_S) / Math.max(1, size))));
    },
    rate: () => estimate,
  };
}
