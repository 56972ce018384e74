/**
 * Whether this tab's live stream (`GET /api/events`) is up: while it is, pages do not poll, the
 * stream tells them what changed. On the first screen, so tiny; the stream's code is lazy
 * (live-events.ts).
 */
import { create } from 'zustand';

export const useLiveStream = create<{ up: boolean }>(() => ({ up: false }));

export const setLiveStreamUp = (up: boolean): void => {
  if (useLiveStream.getState().up !== up) useLiveStream.setState({ up });
};

/** A poll interval, or none while the stream is up. */
export const unlessLive = <T>(interval: T): T | false => (useLiveStream.getState().up ? false : interval);
