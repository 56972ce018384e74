/**
 * This session's decisions (client-only; the API has no notes field) and the grace period that
 * makes a regenerate undoable. The `decided` action sends: approve, delete and resynthesize at
 * once, a regenerate after `REGENERATE_GRACE_MS` in `waiting` unless undone first. Each entry is
 * sent exactly once, by the action that moves it to `sending`, never by a render.
 */
import { create } from 'zustand';
import type { Pose } from '../../../../contract/constants';
import { describeError } from '../../../lib/aurous/api-error';
import { choiceOf, inPhase, type Decision, type DecisionChoice, type LogEntry } from '../session-log';

export const REGENERATE_GRACE_MS = 4000;

/** What an undo request did, for the status line to put into words. */
export type UndoOutcome =
  | { kind: 'nothing' }
  | { kind: 'undone'; name: string; pose: Pose }
  | { kind: 'final'; decision: 'approve' | 'delete'; name: string }
  | { kind: 'tooLate'; decision: Decision; name: string };

export type Decided = { characterId: string; characterName: string } & DecisionChoice;

/**
 * Sends one decision to the API. Answers the `updated_at` of the answer when it sent the
 * character back to synthesizing, so the queue knows when it has returned.
 */
export type DecisionSender = (decision: Decided) => Promise<string | undefined>;

interface SessionState {
  entries: LogEntry[];
  startedAt: number | null;
  /** The reviewer agreed to paid actions once; not asked again this session. */
  paidConfirmed: boolean;
  /** Character ids sent back to synthesizing, with the updated_at of the API's answer. */
  sentBackAt: Record<string, string>;
  actions: {
    sessionStarted: (at: number) => void;
    /** Record a decision and send it (now, or after the grace period) with `send`. */
    decided: (decision: Decided, send: DecisionSender) => LogEntry;
    /** Undo the latest decision; answers what happened, for the status line. */
    undoRequested: () => UndoOutcome;
    paidConfirmed: () => void;
  };
}

export function createReviewSession(now: () => number = Date.now) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let sequence = 0;

  return create<SessionState>()((set, get) => {
    const patch = (entryId: string, change: (entry: LogEntry) => LogEntry) =>
      set((state) => ({ entries: state.entries.map((entry) => (entry.id === entryId ? change(entry) : entry)) }));

    const dispatch = (entry: LogEntry, send: DecisionSender) => {
      patch(entry.id, (each) => inPhase(each, { phase: 'sending' }));
      send({ characterId: entry.characterId, characterName: entry.characterName, ...choiceOf(entry) }).then(
        (sentBackAt) => {
          patch(entry.id, (each) => inPhase(each, { phase: 'done' }));
          if (sentBackAt) set((state) => ({ sentBackAt: { ...state.sentBackAt, [entry.characterId]: sentBackAt } }));
        },
        (error: unknown) => patch(entry.id, (each) => inPhase(each, { phase: 'failed', error: describeError(error) })),
      );
    };

    return {
      entries: [],
      startedAt: null,
      paidConfirmed: false,
      sentBackAt: {},
      actions: {
        sessionStarted: (at) => set((state) => (state.startedAt === null ? { startedAt: at } : state)),
        decided: (decided, send) => {
          const at = now();
          const id = `d${++sequence}`;
          const { characterId, characterName } = decided;
          const entry: LogEntry =
            decided.decision === 'regenerate'
              ? {
                  id,
                  characterId,
                  characterName,
                  at,
                  decision: 'regenerate',
                  pose: decided.pose,
                  phase: 'waiting',
                  dueAt: at + REGENERATE_GRACE_MS,
                }
              : { id, characterId, characterName, at, decision: decided.decision, phase: 'sending' };
          set((state) => ({ entries: [...state.entries, entry] }));
          if (entry.phase !== 'waiting') dispatch(entry, send);
          else
            timers.set(
              id,
              setTimeout(() => {
                timers.delete(id);
                const due = get().entries.find((each) => each.id === id);
                if (due?.phase === 'waiting') dispatch(due, send);
              }, REGENERATE_GRACE_MS),
            );
          return entry;
        },
        undoRequested: () => {
          const last = get().entries.findLast((entry) => entry.phase !== 'undone');
          if (!last) return { kind: 'nothing' };
          const name = last.characterName;
          if (last.phase === 'waiting') {
            clearTimeout(timers.get(last.id));
            timers.delete(last.id);
            patch(last.id, (entry) => inPhase(entry, { phase: 'undone' }));
            return { kind: 'undone', name, pose: last.pose };
          }
          if (last.decision === 'approve' || last.decision === 'delete') return { kind: 'final', decision: last.decision, name };
          return { kind: 'tooLate', decision: last.decision, name };
        },
        paidConfirmed: () => set({ paidConfirmed: true }),
      },
    };
  });
}

const useSessionStore = createReviewSession();

export const useSessionEntries = () => useSessionStore((state) => state.entries);
export const useSessionStartedAt = () => useSessionStore((state) => state.startedAt);
export const usePaidConfirmed = () => useSessionStore((state) => state.paidConfirmed);
export const useSentBackAt = () => useSessionStore((state) => state.sentBackAt);
export const useSessionActions = () => useSessionStore((state) => state.actions);
