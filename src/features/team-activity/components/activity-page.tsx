import { useEffect, useId, useState } from 'react';
import { isAuditAction, type ActivityDay, type ActivityReport, type ActivityRow } from '../../../../contract/activity';
import { Button, buttonVariants } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { EmptyState } from '../../../components/ui/empty-state';
import { Notice } from '../../../components/ui/notice';
import { PageHeader } from '../../../components/ui/page-header';
import { fieldVariants, linkVariants } from '../../../components/ui/text-variants';
import { ActivityLoadError, activityCsvHref, useActivity } from '../api/use-activity';
import { formatNumber } from '../../../lib/i18n/format';
import { messages } from '../messages';
import { formatDay, formatShortDay, isReversed, rangeFromSearch, rangeQuery, type DayRange } from '../range';

/** /team/activity: spend per person per day from the audit log, for owners and admins. */
export function ActivityPage() {
  const [range, setRange] = useState<DayRange>(() => rangeFromSearch(window.location.search));
  const reversed = isReversed(range);
  const activity = useActivity(range);

  // The range lives in the address too, so a reload or a shared link shows the same days.
  useEffect(() => {
    const search = `?${rangeQuery(range)}`;
    if (window.location.search !== search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
  }, [range]);

  return (
    <div>
      <PageHeader
        title={messages.title}
        description={messages.description}
        actions={
          !reversed && (
            <a href={activityCsvHref(range)} download className={buttonVariants({ variant: 'secondary' })}>
              {messages.exportCsv}
            </a>
          )
        }
      />
      <RangePicker range={range} onChange={setRange} reversed={reversed} />
      {reversed ? null : activity.isPending ? (
        <p role="status" className="text-fg-muted">
          {messages.loading}
        </p>
      ) : activity.isError ? (
        <ActivityError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : (
        <Report report={activity.data} />
      )}
    </div>
  );
}

function RangePicker({ range, onChange, reversed }: { range: DayRange; onChange: (range: DayRange) => void; reversed: boolean }) {
  const id = useId();
  const field = (name: keyof DayRange, label: string) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="mb-1 block text-sm font-medium text-fg">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        type="date"
        value={range[name]}
        required
        aria-invalid={reversed || undefined}
        aria-describedby={reversed ? `${id}-error` : undefined}
        onChange={(event) => {
          if (event.target.value) onChange({ ...range, [name]: event.target.value });
        }}
        className={fieldVariants({ width: 'auto' })}
      />
    </div>
  );
  return (
    <fieldset className="mb-6">
      <legend className="sr-only">{messages.range}</legend>
      <div className="flex flex-wrap items-end gap-3">
        {field('from', messages.from)}
        {field('to', messages.to)}
      </div>
      {reversed && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-danger-fg">
          {messages.rangeReversed}
        </p>
      )}
    </fieldset>
  );
}

function ActivityError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const status = error instanceof ActivityLoadError ? error.status : 0;
  if (status === 401) {
    return (
      <Notice tone="warning" role="alert">
        {messages.errors.signedOut}{' '}
        <a href="/sign-in" className={linkVariants()}>
          {messages.errors.signIn}
        </a>
      </Notice>
    );
  }
  if (status === 403) {
    return (
      <Notice tone="warning" role="alert">
        {messages.errors.forbidden}
      </Notice>
    );
  }
  return (
    <Notice tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-3">
      <span>
        {messages.errors.failed} {error.message}
      </span>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {messages.errors.retry}
      </Button>
    </Notice>
  );
}

function Report({ report }: { report: ActivityReport }) {
  if (report.days.length === 0) {
    return (
      <EmptyState title={messages.empty}>
        <p>{messages.emptyBody}</p>
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm font-medium text-fg">
        {messages.summary(report.totals.action_count, report.totals.credits, formatShortDay(report.from), formatShortDay(report.to))}
      </p>
      {report.days.map((day) => (
        <DayTable key={day.day} day={day} />
      ))}
    </div>
  );
}

const cell = 'border-t border-line px-3 py-2 align-top';

function DayTable({ day }: { day: ActivityDay }) {
  const headingId = useId();
  const title = formatDay(day.day);
  return (
    <Card aria-labelledby={headingId} className="p-0 sm:p-0">
      <h2 id={headingId} className="px-4 pt-4 text-base font-semibold text-fg sm:px-5">
        <time dateTime={day.day}>{title}</time>
      </h2>
      <div className="overflow-x-auto px-1 pb-2 sm:px-2">
        <table className="mt-2 w-full border-collapse text-left text-sm">
          <caption className="sr-only">{messages.dayCaption(title, day.rows.length)}</caption>
          <thead>
            <tr className="text-fg-muted">
              <th scope="col" className="px-3 py-2 font-medium">
                {messages.columns.who}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {messages.columns.actions}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {messages.columns.credits}
              </th>
            </tr>
          </thead>
          <tbody>
            {day.rows.map((row) => (
              <ActorRow key={`${row.actor.kind}:${row.actor.id ?? row.actor.label}`} row={row} />
            ))}
          </tbody>
          <tfoot>
            <tr className="font-semibold text-fg">
              <th scope="row" className={cell}>
                {messages.dayTotal}
              </th>
              <td className={cell}>{formatNumber(day.action_count)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatNumber(day.credits)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}

function ActorRow({ row }: { row: ActivityRow }) {
  const kinds = Object.entries(row.actions).sort(([, a], [, b]) => b - a);
  return (
    <tr>
      <th scope="row" className={`${cell} font-normal`}>
        <span className="block break-all font-medium text-fg">{row.actor.label}</span>
        <span className="block text-xs text-fg-muted">
          {messages.actorKind[row.actor.kind]}
          {row.actor.kind === 'person' && row.actor.id === null ? ` ${messages.removed}` : ''}
        </span>
      </th>
      <td className={cell}>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-fg">
          {kinds.map(([action, n]) => (
            <li key={action}>{messages.actionCount(isAuditAction(action) ? messages.action[action] : action, n)}</li>
          ))}
        </ul>
      </td>
      <td className={`${cell} text-right tabular-nums text-fg`}>{formatNumber(row.credits)}</td>
    </tr>
  );
}
