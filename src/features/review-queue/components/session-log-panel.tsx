import { useEffect, useMemo } from 'react';
import { Card } from '../../../components/ui/card';
import { cn } from '../../../components/ui/cn';
import { linkVariants } from '../../../components/ui/text-variants';
import { toneText } from '../../../components/ui/notice';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../../lib/i18n/format';
import { useNow } from '../../../lib/use-now';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { throughput, toCsv, toJson, type LogEntry } from '../session-log';

interface SessionLogPanelProps {
  entries: LogEntry[];
  startedAt: number | null;
}

// The shared link look, with room for a finger (32 px).
const LINK = cn(linkVariants(), 'inline-flex min-h-8 items-center text-sm');

/** A download link for `text`, as a Blob URL revoked when the text changes or the panel goes. */
function useBlobUrl(text: string, type: string): string {
  const url = useMemo(() => URL.createObjectURL(new Blob([text], { type })), [text, type]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

const outcomeTone = (entry: LogEntry) => (entry.phase === 'failed' ? 'danger' : entry.phase === 'done' ? 'success' : 'muted');

/** The reviewer's record: throughput, every decision, and the exports. */
export function SessionLogPanel({ entries, startedAt }: SessionLogPanelProps) {
  const now = useNow(30_000);
  const { reviewed, averageSeconds } = throughput(entries, startedAt);
  const csvUrl = useBlobUrl(toCsv(entries), 'text/csv');
  const jsonUrl = useBlobUrl(toJson(entries), 'application/json');
  const stamp = new Date(startedAt ?? 0).toISOString().slice(0, 19).replaceAll(':', '-');
  const perHour = averageSeconds ? Math.round(3600 / averageSeconds) : null;

  return (
    <Card aria-labelledby="session-log-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <h2 id="session-log-title" className="text-lg font-semibold text-fg">
          {messages.logTitle}
        </h2>
        <div className="flex flex-wrap gap-x-3">
          <a href={csvUrl} download={`review-session-${stamp}.csv`} className={LINK}>
            {messages.exportCsv}
          </a>
          <a href={jsonUrl} download={`review-session-${stamp}.json`} className={LINK}>
            {messages.exportJson}
          </a>
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
      {entries.length === 0 ? (
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
            {[...entries].reverse().map((entry) => (
              <tr key={entry.id} className="border-t border-line align-top text-fg">
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at)}>
                    {formatRelativeTime(entry.at, Math.max(now, entry.at))}
                  </time>
                </td>
                <td className="py-1.5 pr-3 break-words">{entry.characterName}</td>
                <td className="py-1.5 pr-3">
                  {entry.decision === 'regenerate'
                    ? messages.decisionWithPose(messages.decision[entry.decision], apiMessages.poseWord[entry.pose])
                    : messages.decision[entry.decision]}
                </td>
                <td className={toneText({ tone: outcomeTone(entry), className: 'py-1.5 break-words' })}>
                  {entry.phase === 'failed' ? messages.failedOutcome(entry.error) : messages.outcome[entry.phase]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
