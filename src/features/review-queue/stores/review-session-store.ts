/**
 * This session's decisions (client-only; the API has no notes field) and the grace period that
 * makes a regenerate undoable: it waits `REGENERATE_GRACE_MS` in `waiting`, then turns `sending`
 * and the page's dispatcher sends it. Approve and delete are sent at once.
 */
import { create } from 'zustand';
import type { Pose } from '../../../../contract/constants';
import type { Decision, LogEntry } from '../session-log';

export const REGENERATE_GRACE_MS = 4000;

/** What an undo request did, for the status line to put into words. */
export type UndoOutcome =
  | { kind: 'nothing' }
  | { kind: 'undone'; name: string; pose: Pose | null }
  | { kind: 'final'; decision: 'approve' | 'delete'; name: string }
  | { kind: 'tooLate'; decision: Decision; name: string };

interface Decided {
  characterId: string;
  characterName: string;
  decision: Decision;
  pose?: Pose;
}

interface SessionState {
  entries: LogEntry[];
  startedAt: number | null;
  /** The reviewer agreed to paid actions once; not asked again this session. */
  paidConfirmed: boolean;
  /** Character ids sent back to synthesizing, with the updated_at of the API's answer. */
  sentBackAt: Record<string, string>;
  actions: {
    sessionStarted: (at: number) => void;
    decided: (decision: Decided) => LogEntry;
    decisionDue: (entryId: string) => void;
    decisionSent: (entryId: string, sentBackAt?: string) => void;
    decisionFailed: (entryId: string, error: string) => void;
    /** Undo the latest decision; answers what happened, for the status line. */
    undoRequested: () => UndoOutcome;
    paidConfirmed: () => void;
  };
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
let sequence = 0;

const useSessionStore = create<SessionState>()((set, get) => {
  const patch = (entryId: string, change: (entry: LogEntry) => LogEntry) =>
    set((state) => ({ entries: state.entries.map((entry) => (entry.id === entryId ? change(entry) : entry)) }));
  const base = (entry: LogEntry) => ({
    id: entry.id,
    characterId: entry.characterId,
    characterName: entry.characterName,
    decision: entry.decision,
    pose: entry.pose,
    at: entry.at,
  });

  return {
    entries: [],
    startedAt: null,
    paidConfirmed: false,
    sentBackAt: {},
    actions: {
      sessionStarted: (at) => set((state) => (state.startedAt === null ? { startedAt: at } : state)),
      decided: ({ characterId, characterName, decision, pose }) => {
        const at = Date.now();
        const id = `d${++sequence}`;
        const entry: LogEntry =
          decision === 'regenerate'
            ? { id, characterId, characterName, decision, pose: pose ?? null, at, phase: 'waiting', dueAt: at + REGENERATE_GRACE_MS }
            : { id, characterId, characterName, decision, pose: pose ?? null, at, phase: 'sending' };
        set((state) => ({ entries: [...state.entries, entry] }));
        if (entry.phase === 'waiting') timers.set(id, setTimeout(() => get().actions.decisionDue(id), REGENERATE_GRACE_MS));
        return entry;
      },
      decisionDue: (entryId) => {
        timers.delete(entryId);
        patch(entryId, (entry) => (entry.phase === 'waiting' ? { ...base(entry), phase: 'sending' } : entry));
      },
      decisionSent: (entryId, sentBackAt) => {
        const entry = get().entries.find((each) => each.id === entryId);
        patch(entryId, (each) => ({ ...base(each), phase: 'done' }));
        if (entry && sentBackAt) set((state) => ({ sentBackAt: { ...state.sentBackAt, [entry.characterId]: sentBackAt } }));
      },
      decisionFailed: (entryId, error) => patch(entryId, (entry) => ({ ...base(entry), phase: 'failed', error })),
      undoRequested: () => {
        const last = get().entries.findLast((entry) => entry.phase !== 'undone');
        if (!last) return { kind: 'nothing' };
        const name = last.characterName;
        if (last.phase === 'waiting') {
          clearTimeout(timers.get(last.id));
          timers.delete(last.id);
          patch(last.id, (entry) => ({ ...base(entry), phase: 'undone' }));
          return { kind: 'undone', name, pose: last.pose };
        }
        if (last.decision === 'approve' || last.decision === 'delete') return { kind: 'final', decision: last.decision, name };
        return { kind: 'tooLate', decision: last.decision, name };
      },
      paidConfirmed: () => set({ paidConfirmed: true }),
    },
  };
});

export const useSessionEntries = () => useSessionStore((state) => state.entries);
export const useSessionStartedAt = () => useSessionStore((state) => state.startedAt);
export const usePaidConfirmed = () => useSessionStore((state) => state.paidConfirmed);
export const useSentBackAt = () => useSessionStore((state) => state.sentBackAt);
export const useSessionActions = () => useSessionStore((state) => state.actions);
