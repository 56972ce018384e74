/**
 * The team QA page's figures, computed from the decision log's rows (so they always match it):
 * throughput per reviewer per hour, the regenerate rate, credits per approved character; and the
 * log as CSV or JSON for the export.
 */
import type { DecisionEntry, ReviewerStats, TeamQaReport } from '../../contract/review';

/** UTC hour of an ISO time, `YYYY-MM-DDTHH:00Z`. */
export const hourOf = (at: string) => `${at.slice(0, 13)}:00Z`;

export function qaReport(entries: readonly DecisionEntry[], range: { from: Date; to: Date }): TeamQaReport {
  const byActor = new Map<string, { stats: ReviewerStats; hours: Map<string, Set<string>> }>();
  const approved = new Set<string>();
  const creditsByCharacter = new Map<string, number>();
  let decisions = 0;
  let regenerates = 0;
  let resynthesizes = 0;
  let refused = 0;
  let credits = 0;
  for (const entry of entries) {
    const key = entry.actor.id ?? `label:${entry.actor.name}`;
    let actor = byActor.get(key);
    if (!actor) {
      actor = {
        stats: {
          actor: entry.actor,
          decisions: 0,
          approved: 0,
          regenerates: 0,
          resynthesizes: 0,
          deletes: 0,
          refused: 0,
          credits: 0,
          hours: [],
        },
        hours: new Map(),
      };
      byActor.set(key, actor);
    }
    const { stats } = actor;
    if (entry.outcome === 'stale' || entry.outcome === 'busy') {
      stats.refused += 1;
      refused += 1;
      continue;
    }
    if (entry.outcome !== 'done') continue;
    decisions += 1;
    stats.decisions += 1;
    stats.credits += entry.credits;
    credits += entry.credits;
    creditsByCharacter.set(entry.character_id, (creditsByCharacter.get(entry.character_id) ?? 0) + entry.credits);
    if (entry.action === 'save') {
      stats.approved += 1;
      approved.add(entry.character_id);
    } else if (entry.action === 'regenerate') {
      stats.regenerates += 1;
      regenerates += 1;
    } else if (entry.action === 'resynthesize') {
      stats.resynthesizes += 1;
      resynthesizes += 1;
    } else stats.deletes += 1;
    const hour = hourOf(entry.at);
    const seen = actor.hours.get(hour) ?? new Set<string>();
    seen.add(entry.character_id);
    actor.hours.set(hour, seen);
  }
  const reviewers = [...byActor.values()].map(({ stats, hours }) => ({
    ...stats,
    hours: [...hours.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, ids]) => ({ hour, decided: ids.size })),
  }));
  reviewers.sort((a, b) => b.decisions - a.decisions || a.actor.name.localeCompare(b.actor.name));
  const approvedCredits = [...approved].reduce((sum, id) => sum + (creditsByCharacter.get(id) ?? 0), 0);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    reviewers,
    totals: {
      decisions,
      approved: approved.size,
      regenerates,
      resynthesizes,
      refused,
      credits,
      regenerate_rate: decisions > 0 ? (regenerates + resynthesizes) / decisions : null,
      credits_per_approved: approved.size > 0 ? approvedCredits / approved.size : null,
    },
  };
}

const COLUMNS = [
  'id',
  'at',
  'reviewer',
  'reviewer_id',
  'character_id',
  'character_name',
  'action',
  'pose',
  'seen_version',
  'result_version',
  'outcome',
  'credits',
  'message',
] as const;

/** RFC 4180, with a leading =, +, - or @ defused (a spreadsheet would run it as a formula). */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function rowOf(entry: DecisionEntry): Record<(typeof COLUMNS)[number], string> {
  return {
    id: String(entry.id),
    at: entry.at,
    reviewer: entry.actor.name,
    reviewer_id: entry.actor.id ?? '',
    character_id: entry.character_id,
    character_name: entry.character_name ?? '',
    action: entry.action,
    pose: entry.pose ?? '',
    seen_version: entry.seen_version ?? '',
    result_version: entry.result_version ?? '',
    outcome: entry.outcome,
    credits: String(entry.credits),
    message: entry.message ?? '',
  };
}

export function decisionsCsv(entries: readonly DecisionEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const entry of entries) {
    const row = rowOf(entry);
    lines.push(COLUMNS.map((column) => csvField(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
