import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'wouter';
import type { Pose } from '../../../../contract/constants';
import type { DecisionEntry, ReviewAction } from '../../../../contract/review';
import { Card } from '../../../components/ui/card';
import { cn } from '../../../components/ui/cn';
import { linkVariants } from '../../../components/ui/text-variants';
import { toneText } from '../../../components/ui/notice';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../../lib/i18n/format';
import { useNow } from '../../../lib/use-now';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { decisionQueries, exportUrl } from '../api/decision-queries';
import { claimMessages } from '../claim-messages';
import type { Decision, LogEntry } from '../session-log';

/** Room for the browser's clock being a little ahead of the database's. */
const SESSION_SLACK_MS = 5_000;

interface SessionLogPanelProps {
  entries: LogEntry[];
  startedAt: number | null;
}

// The shared link look, with room for a finger (32 px).
const LINK = cn(linkVariants(), 'inline-flex min-h-8 items-center text-sm');

type Tone = 'danger' | 'success' | 'muted';
interface Row {
  key: string;
  at: number;
  characterName: string;
  decision: string;
  outcome: string;
  tone: Tone;
}

const DECISION_OF: Record<ReviewAction, Decision> = {
  save: 'approve',
  regenerate: 'regenerate',
  resynthesize: 'resynthesize',
  delete: 'delete',
};

const decisionText = (decision: Decision, pose: string | null) =>
  decision === 'regenerate' && pose
    ? messages.decisionWithPose(messages.decision[decision], apiMessages.poseWord[pose as Pose])
    : messages.decision[decision];

/** A decision the team's log has: what this reviewer decided, as the server recorded it. */
function serverRow(entry: DecisionEntry): Row {
  const failed = entry.outcome !== 'done';
  return {
    key: `s${entry.id}`,
    at: Date.parse(entry.at),
    characterName: entry.character_name ?? entry.character_id,
    decision: decisionText(DECISION_OF[entry.action], entry.pose),
    outcome: failed ? messages.failedOutcome(entry.message ?? entry.outcome) : messages.outcome.done,
    tone: failed ? 'danger' : 'success',
  };
}

/** A decision not in the log (yet): waiting out its grace, on its way, or taken back. */
function localRow(entry: LogEntry): Row {
  return {
    key: entry.id,
    at: entry.at,
    characterName: entry.characterName,
    decision: decisionText(entry.decision, entry.decision === 'regenerate' ? entry.pose : null),
    outcome: messages.outcome[entry.phase],
    tone: 'muted',
  };
}

const unsettled = (entry: LogEntry) => entry.phase !== 'done' && entry.phase !== 'failed';

/**
 * The reviewer's record, a view of the team's decision log (server/review/): this reviewer's
 * decisions since the session began, read again whenever one settles, with what is still waiting
 * or sending shown on top; throughput from the log; exports from the server.
 */
export function SessionLogPanel({ entries, startedAt }: SessionLogPanelProps) {
  const now = useNow(30_000);
  const queryClient = useQueryClient();
  const from = new Date((startedAt ?? now) - SESSION_SLACK_MS).toISOString();
  const range = { from, mine: true };
  const log = useQuery({ ...decisionQueries.log(range), enabled: startedAt !== null });
  const settled = entries.length - entries.filter(unsettled).length;
  useEffect(() => {
    if (settled > 0) void queryClient.invalidateQueries({ queryKey: decisionQueries.all() });
  }, [settled, queryClient]);

  const logged = log.data?.data ?? [];
  const done = logged.filter((entry) => entry.outcome === 'done');
  const reviewed = new Set(done.map((entry) => entry.character_id)).size;
  const last = done.length > 0 ? Math.max(...done.map((entry) => Date.parse(entry.at))) : null;
  const averageSeconds = reviewed > 0 && startedAt !== null && last !== null ? Math.max(0, last - startedAt) / 1000 / reviewed : null;
  const perHour = averageSeconds ? Math.round(3600 / averageSeconds) : null;
  const rows = [...entries.filter(unsettled).map(localRow).reverse(), ...logged.map(serverRow)];

  return (
    <Card aria-labelledby="session-log-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <h2 id="session-log-title" className="text-lg font-semibold text-fg">
          {messages.logTitle}
        </h2>
        <div className="flex flex-wrap gap-x-3">
          <a href={exportUrl(range, 'csv')} download className={LINK}>
            {messages.exportCsv}
          </a>
          <a href={exportUrl(range, 'json')} download className={LINK}>
            {messages.exportJson}
          </a>
          <Link href="/review/team" className={LINK}>
            {claimMessages.teamLink}
          </Link>
        </div>
      </div>
      <dl className="grid grid-cols-1 gap-2 text-sm min-[400px]:grid-cols-3">
        <div className="rounded-lg bg-surface-muted px-3 py-2">
          <dt className="text-fg-muted">{messages.reviewed}</dt>
          <dd className="text-lg font-semibold text-fg tabular-nums" data-testid="reviewed-count">
            {formatNumber(reviewed)}
          </dd>
        </div>
        <div className="rounded-lg bg-surface-muted px-3 py-2">
          <dt className="text-fg-muted">{messages.average}</dt>
          <dd className="text-lg font-semibold text-fg tabular-nums" data-testid="average-seconds">
            {averageSeconds === null ? messages.noValue : messages.averageValue(averageSeconds)}
          </dd>
        </div>
        <div className="rounded-lg bg-surface-muted px-3 py-2">
          <dt className="text-fg-muted">{messages.perHour}</dt>
          <dd className="text-lg font-semibold text-fg tabular-nums">
            {perHour === null ? messages.noValue : messages.perHourValue(perHour)}
          </dd>
        </div>
      </dl>
      {rows.length === 0 ? (
        <p className="text-sm text-fg-muted">{messages.logEmpty}</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-fg-muted">
              <th scope="col" className="pr-3 pb-1 font-medium">
                {messages.whenColumn}
              </th>
              <th scope="col" className="pr-3 pb-1 font-medium">
                {messages.characterColumn}
              </th>
              <th scope="col" className="pr-3 pb-1 font-medium">
                {messages.decisionColumn}
              </th>
              <th scope="col" className="pb-1 font-medium">
                {messages.outcomeColumn}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-line align-top text-fg">
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  <time dateTime={new Date(row.at).toISOString()} title={formatDateTime(row.at)}>
                    {formatRelativeTime(row.at, Math.max(now, row.at))}
                  </time>
                </td>
                <td className="py-1.5 pr-3 break-words">{row.characterName}</td>
                <td className="py-1.5 pr-3">{row.decision}</td>
                <td className={toneText({ tone: row.tone, className: 'py-1.5 break-words' })}>{row.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
