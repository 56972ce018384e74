/**
 * This session's decisions (client-only; the API has no notes field) and the grace period that
 * makes a decision undoable. The `decided` action sends: a resynthesize at once; an approve, a
 * delete or a regenerate after `DECISION_GRACE_MS` in `waiting` unless undone first. Each entry is
 * sent exactly once, by the action that moves it to `sending`, never by a render.
 *
 * Leaving the page within the grace keeps the decision pending, as a regenerate always was: the
 * store outlives the queue page, so the decision is still sent when its grace ends while the
 * reviewer is on another page of the console. Closing or reloading the tab would end it unsent,
 * so while one is waiting the browser asks before the page goes (`beforeunload`), rather than
 * losing it silently.
 */
import { create } from 'zustand';
import type { Pose } from '../../../../contract/constants';
import { describeError } from '../../../lib/aurous/api-error';
import { choiceOf, GRACED_DECISIONS, inPhase, type Decision, type DecisionChoice, type LogEntry } from '../session-log';

export const DECISION_GRACE_MS = 4000;
/** The regenerate's grace, as it was named before approve and delete had one too. */
export const REGENERATE_GRACE_MS = DECISION_GRACE_MS;

/** What an undo request did, for the status line to put into words. */
export type UndoOutcome =
  | { kind: 'nothing' }
  | { kind: 'undone'; name: string; decision: Decision; pose?: Pose }
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
    /** Undo the latest decision (or the one `entryId` names); answers what happened, for the status line. */
    undoRequested: (entryId?: string) => UndoOutcome;
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
          const graced = (GRACED_DECISIONS as readonly Decision[]).includes(decided.decision);
          const entry = {
            id,
            at,
            ...decided,
            ...(graced ? { phase: 'waiting', dueAt: at + DECISION_GRACE_MS } : { phase: 'sending' }),
          } as LogEntry;
          set((state) => ({ entries: [...state.entries, entry] }));
          if (entry.phase !== 'waiting') dispatch(entry, send);
          else
            timers.set(
              id,
              setTimeout(() => {
                timers.delete(id);
                const due = get().entries.find((each) => each.id === id);
                if (due?.phase === 'waiting') dispatch(due, send);
              }, DECISION_GRACE_MS),
            );
          return entry;
        },
        undoRequested: (entryId) => {
          const last = entryId
            ? get().entries.find((entry) => entry.id === entryId && entry.phase !== 'undone')
            : get().entries.findLast((entry) => entry.phase !== 'undone');
          if (!last) return { kind: 'nothing' };
          const name = last.characterName;
          if (last.phase === 'waiting') {
            clearTimeout(timers.get(last.id));
            timers.delete(last.id);
            patch(last.id, (entry) => inPhase(entry, { phase: 'undone' }));
            return { kind: 'undone', name, decision: last.decision, ...(last.decision === 'regenerate' ? { pose: last.pose } : {}) };
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

/** While a decision waits out its grace, closing or reloading the tab asks first (it would end unsent). */
function holdPageWhileWaiting(event: BeforeUnloadEvent) {
  event.preventDefault();
}
if (typeof window !== 'undefined') {
  let holding = false;
  useSessionStore.subscribe((state) => {
    const waiting = state.entries.some((entry) => entry.phase === 'waiting');
    if (waiting === holding) return;
    holding = waiting;
    if (waiting) window.addEventListener('beforeunload', holdPageWhileWaiting);
    else window.removeEventListener('beforeunload', holdPageWhileWaiting);
  });
}

export const useSessionEntries = () => useSessionStore((state) => state.entries);
export const useSessionStartedAt = () => useSessionStore((state) => state.startedAt);
export const usePaidConfirmed = () => useSessionStore((state) => state.paidConfirmed);
export const useSentBackAt = () => useSessionStore((state) => state.sentBackAt);
export const useSessionActions = () => useSessionStore((state) => state.actions);
