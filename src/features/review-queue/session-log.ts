/** The reviewer's record of this session: decisions, their export, and throughput. */
import type { Pose } from '../../../contract/constants';

/** What the reviewer decided: only a regenerate names a pose. */
export type DecisionChoice =
  { decision: 'approve' } | { decision: 'delete' } | { decision: 'regenerate'; pose: Pose } | { decision: 'resynthesize' };
export type Decision = DecisionChoice['decision'];

/** Sent at once, or after the grace period: where a decision goes from there. */
type SettlingPhase = { phase: 'sending' } | { phase: 'done' } | { phase: 'failed'; error: string } | { phase: 'undone' };
/** A decision's lifecycle: an approve, a delete and a regenerate wait out a grace period (undoable) before they are sent. */
export type DecisionPhase = { phase: 'waiting'; dueAt: number } | SettlingPhase;
/** The decisions that wait out the grace period; a resynthesize is sent at once. */
export const GRACED_DECISIONS = ['approve', 'delete', 'regenerate'] as const satisfies readonly Decision[];
type Graced = (typeof GRACED_DECISIONS)[number];

interface EntryBase {
  id: string;
  characterId: string;
  characterName: string;
  /** Epoch milliseconds when the reviewer decided. */
  at: number;
}

export type LogEntry = EntryBase &
  (
    | ({ decision: 'regenerate'; pose: Pose } & DecisionPhase)
    | ({ decision: Exclude<Graced, 'regenerate'> } & DecisionPhase)
    | ({ decision: Exclude<Decision, Graced> } & SettlingPhase)
  );

/** The decision an entry carries, without its phase. */
export function choiceOf(entry: LogEntry): DecisionChoice {
  return entry.decision === 'regenerate' ? { decision: 'regenerate', pose: entry.pose } : { decision: entry.decision };
}

/** The same entry in another phase of its lifecycle. */
export function inPhase(entry: LogEntry, phase: SettlingPhase): LogEntry {
  const { id, characterId, characterName, at } = entry;
  return { id, characterId, characterName, at, ...choiceOf(entry), ...phase };
}

const COLUMNS = ['decided_at', 'character_id', 'character_name', 'decision', 'pose', 'outcome', 'error'] as const;

function row(entry: LogEntry): Record<(typeof COLUMNS)[number], string> {
  return {
    decided_at: new Date(entry.at).toISOString(),
    character_id: entry.characterId,
    character_name: entry.characterName,
    decision: entry.decision,
    pose: entry.decision === 'regenerate' ? entry.pose : '',
    outcome: entry.phase,
    error: entry.phase === 'failed' ? entry.error : '',
  };
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
export function csvField(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet; a quote mark defuses it.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(entries: readonly LogEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const entry of entries) {
    const values = row(entry);
    lines.push(COLUMNS.map((column) => csvField(values[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(entries: readonly LogEntry[]): string {
  return JSON.stringify(entries.map(row), null, 2);
}

export interface Throughput {
  reviewed: number;
  /** Average seconds per character, or null before the first decision. */
  averageSeconds: number | null;
}

/**
 * Characters decided (undone decisions do not count; two decisions on one character count once),
 * and the reviewer's time per character: from the start of the session to the latest decision.
 */
export function throughput(entries: readonly LogEntry[], startedAt: number | null): Throughput {
  const counted = entries.filter((entry) => entry.phase !== 'undone');
  const reviewed = new Set(counted.map((entry) => entry.characterId)).size;
  if (reviewed === 0 || startedAt === null) return { reviewed, averageSeconds: null };
  const last = Math.max(...counted.map((entry) => entry.at));
  return { reviewed, averageSeconds: Math.max(0, last - startedAt) / 1000 / reviewed };
}
