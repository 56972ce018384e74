import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { ReviewerStats, TeamQaReport } from '../../../../contract/review';
import { buttonVariants } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { Notice } from '../../../components/ui/notice';
import { PageHeader } from '../../../components/ui/page-header';
import { fieldVariants, linkVariants } from '../../../components/ui/text-variants';
import { describeError } from '../../../lib/aurous/api-error';
import { formatNumber } from '../../../lib/i18n/format';
import { useNow } from '../../../lib/use-now';
import { decisionQueries, exportUrl } from '../api/decision-queries';
import { claimMessages as messages } from '../claim-messages';

const RANGES = { '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
type RangeName = keyof typeof RANGES;

/** /review/team: the team's QA figures from the decision log (server/review/), and its exports. */
export function TeamQaPage() {
  const [name, setName] = useState<RangeName>('24h');
  const pickerId = useId();
  // The period ends at the next whole minute (so the query key holds still between renders).
  const now = useNow(60_000);
  const range = useMemo(() => {
    const to = Math.ceil((now + 1) / 60_000) * 60_000;
    return { from: new Date(to - RANGES[name]).toISOString(), to: new Date(to).toISOString() };
  }, [name, now]);
  const report = useQuery(decisionQueries.stats(range));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={messages.teamTitle}
        description={messages.teamDescription}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={exportUrl(range, 'csv')} download className={buttonVariants({ variant: 'secondary' })}>
              {messages.exportCsv}
            </a>
            <a href={exportUrl(range, 'json')} download className={buttonVariants({ variant: 'secondary' })}>
              {messages.exportJson}
            </a>
          </div>
        }
      />
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={pickerId} className="text-sm font-medium text-fg">
          {messages.rangeLabel}
        </label>
        <select
          id={pickerId}
          className={fieldVariants({ width: 'auto' })}
          value={name}
          onChange={(event) => setName(event.target.value as RangeName)}
        >
          {(Object.keys(RANGES) as RangeName[]).map((each) => (
            <option key={each} value={each}>
              {messages.ranges[each]}
            </option>
          ))}
        </select>
        <Link href="/review" className={linkVariants()}>
          {messages.backToQueue}
        </Link>
      </div>
      {report.data ? (
        <Report report={report.data} />
      ) : report.isError ? (
        <Notice tone="danger" role="alert">
          {messages.loadFailed(describeError(report.error))}
        </Notice>
      ) : (
        <p role="status" className="text-fg-muted">
          {messages.loading}
        </p>
      )}
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-surface-muted px-3 py-2">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="text-lg font-semibold text-fg tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

const busiest = (reviewer: ReviewerStats) => Math.max(0, ...reviewer.hours.map((hour) => hour.decided));

function Report({ report }: { report: TeamQaReport }) {
  const { totals } = report;
  if (report.reviewers.length === 0) return <p className="text-fg-muted">{messages.empty}</p>;
  return (
    <>
      <Card aria-labelledby="qa-totals" className="flex flex-col gap-3">
        <h2 id="qa-totals" className="text-lg font-semibold text-fg">
          {messages.totalsTitle}
        </h2>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          <Figure label={messages.decisions} value={formatNumber(totals.decisions)} testId="qa-decisions" />
          <Figure label={messages.approved} value={formatNumber(totals.approved)} testId="qa-approved" />
          <Figure
            label={messages.regenerateRate}
            value={totals.regenerate_rate === null ? messages.noValue : messages.percent(totals.regenerate_rate)}
            testId="qa-regenerate-rate"
          />
          <Figure
            label={messages.creditsPerApproved}
            value={totals.credits_per_approved === null ? messages.noValue : messages.number(totals.credits_per_approved)}
            testId="qa-credits-per-approved"
          />
          <Figure label={messages.credits} value={formatNumber(totals.credits)} testId="qa-credits" />
          <Figure label={messages.refused} value={formatNumber(totals.refused)} testId="qa-refused" />
        </dl>
      </Card>
      <Card aria-labelledby="qa-reviewers" className="flex flex-col gap-3 overflow-x-auto">
        <h2 id="qa-reviewers" className="text-lg font-semibold text-fg">
          {messages.reviewersTitle}
        </h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-fg-muted">
              {[
                messages.reviewerColumn,
                messages.decisionsColumn,
                messages.approvedColumn,
                messages.regeneratesColumn,
                messages.creditsColumn,
                messages.perHourColumn,
              ].map((column) => (
                <th key={column} scope="col" className="pr-3 pb-1 font-medium">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.reviewers.map((reviewer) => (
              <tr key={reviewer.actor.id ?? reviewer.actor.name} className="border-t border-line text-fg">
                <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                  {reviewer.actor.name}
                </th>
                <td className="py-1.5 pr-3 tabular-nums">{formatNumber(reviewer.decisions)}</td>
                <td className="py-1.5 pr-3 tabular-nums">{formatNumber(reviewer.approved)}</td>
                <td className="py-1.5 pr-3 tabular-nums">{formatNumber(reviewer.regenerates + reviewer.resynthesizes)}</td>
                <td className="py-1.5 pr-3 tabular-nums">{formatNumber(reviewer.credits)}</td>
                <td className="py-1.5 tabular-nums">{formatNumber(busiest(reviewer))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card aria-labelledby="qa-hours" className="flex flex-col gap-3 overflow-x-auto">
        <h2 id="qa-hours" className="text-lg font-semibold text-fg">
          {messages.hoursTitle}
        </h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-fg-muted">
              <th scope="col" className="pr-3 pb-1 font-medium">
                {messages.reviewerColumn}
              </th>
              <th scope="col" className="pr-3 pb-1 font-medium">
                {messages.hourColumn}
              </th>
              <th scope="col" className="pb-1 font-medium">
                {messages.decidedColumn}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.reviewers.flatMap((reviewer) =>
              reviewer.hours.map((hour) => (
                <tr key={`${reviewer.actor.id ?? reviewer.actor.name}-${hour.hour}`} className="border-t border-line text-fg">
                  <td className="py-1.5 pr-3">{reviewer.actor.name}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{hour.hour.replace('T', ' ').replace(':00Z', ':00')}</td>
                  <td className="py-1.5 tabular-nums">{formatNumber(hour.decided)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </Card>
    </>
  );
}
