import { useEffect, useMemo } from 'react';
import { POSE_LABEL } from '../../characters/pose-labels';
import { throughput, toCsv, toJson, type LogEntry } from '../session-log';

interface SessionLogPanelProps {
  entries: LogEntry[];
  startedAt: number | null;
}

const OUTCOME: Record<LogEntry['phase'], string> = {
  waiting: 'waiting (U undoes)',
  sending: 'sending…',
  done: 'done',
  failed: 'failed',
  undone: 'undone',
};

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A download link for `text`, as a Blob URL revoked when the text changes or the panel goes. */
function useBlobUrl(text: string, type: string): string {
  const url = useMemo(() => URL.createObjectURL(new Blob([text], { type })), [text, type]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

/** The reviewer's record: throughput, every decision, and the exports. */
export function SessionLogPanel({ entries, startedAt }: SessionLogPanelProps) {
  const { reviewed, averageSeconds } = throughput(entries, startedAt);
  const csvUrl = useBlobUrl(toCsv(entries), 'text/csv');
  const jsonUrl = useBlobUrl(toJson(entries), 'application/json');
  const stamp = new Date(startedAt ?? 0).toISOString().slice(0, 19).replaceAll(':', '-');

  return (
    <section aria-labelledby="session-log-title" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="session-log-title" className="text-lg font-semibold text-slate-900">
          Session log
        </h2>
        <dl className="flex gap-4 text-sm text-slate-900">
          <div className="flex gap-1">
            <dt>Reviewed this session:</dt>
            <dd className="font-semibold" data-testid="reviewed-count">
              {reviewed}
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Average per character:</dt>
            <dd className="font-semibold" data-testid="average-seconds">
              {averageSeconds === null ? '—' : `${averageSeconds.toFixed(1)} s`}
            </dd>
          </div>
        </dl>
        <div className="flex gap-3 text-sm">
          <a href={csvUrl} download={`review-session-${stamp}.csv`} className="text-indigo-800 underline">
            Export CSV
          </a>
          <a href={jsonUrl} download={`review-session-${stamp}.json`} className="text-indigo-800 underline">
            Export JSON
          </a>
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">No decisions yet.</p>
      ) : (
        <table className="text-sm">
          <thead>
            <tr className="text-left text-slate-700">
              <th scope="col" className="pr-3 font-medium">
                When
              </th>
              <th scope="col" className="pr-3 font-medium">
                Character
              </th>
              <th scope="col" className="pr-3 font-medium">
                Decision
              </th>
              <th scope="col" className="font-medium">
                Outcome
              </th>
            </tr>
          </thead>
          <tbody>
            {[...entries].reverse().map((entry) => (
              <tr key={entry.id} className="border-t border-slate-100 text-slate-900">
                <td className="py-1 pr-3 tabular-nums">{time(entry.at)}</td>
                <td className="py-1 pr-3">{entry.characterName}</td>
                <td className="py-1 pr-3">
                  {entry.decision}
                  {entry.pose ? ` ${POSE_LABEL[entry.pose].toLowerCase()}` : ''}
                </td>
                <td className="py-1">{entry.phase === 'failed' ? `failed: ${entry.error}` : OUTCOME[entry.phase]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
