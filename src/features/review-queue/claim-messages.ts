/** Words for the queue as a team: claims, the team QA page (kept apart from messages.ts, which the queue's other work edits). */
import { formatNumber } from '../../lib/i18n/format';
import { defineMessages, plural } from '../../lib/i18n/messages';

export const claimMessages = defineMessages({
  teamLink: 'Team QA',
  othersTitle: 'Being reviewed by others',
  /** "Ana is reviewing “QA 03”". */
  isReviewing: (person: string, character: string) => `${person} is reviewing “${character}”`,
  release: 'Release',
  releaseName: (person: string, character: string) => `Release ${person}’s claim on “${character}”`,
  skipped: (count: number) =>
    plural(count, {
      one: `${formatNumber(count)} character is left out of your queue while someone else reviews it.`,
      other: `${formatNumber(count)} characters are left out of your queue while others review them.`,
    }),

  // The team QA page
  teamTitle: 'Team QA',
  teamDescription: 'Every decision the team made in the queue, from the console’s decision log.',
  rangeLabel: 'Period',
  ranges: { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' },
  loading: 'Loading the decision log…',
  loadFailed: (error: string) => `The decision log could not be loaded: ${error}`,
  totalsTitle: 'The team',
  decisions: 'Decisions',
  approved: 'Approved characters',
  regenerateRate: 'Regenerate rate',
  creditsPerApproved: 'Credits per approved character',
  credits: 'Credits spent',
  refused: 'Refused (stale or in flight)',
  noValue: '—',
  percent: (value: number) => `${formatNumber(Math.round(value * 100))}%`,
  number: (value: number) => formatNumber(Math.round(value * 100) / 100),
  reviewersTitle: 'Per reviewer',
  reviewerColumn: 'Reviewer',
  decisionsColumn: 'Decisions',
  approvedColumn: 'Approved',
  regeneratesColumn: 'Regenerates',
  creditsColumn: 'Credits',
  perHourColumn: 'Per hour (busiest)',
  hoursTitle: 'Throughput per reviewer per hour',
  hourColumn: 'Hour (UTC)',
  decidedColumn: 'Characters decided',
  empty: 'No decisions in this period.',
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  backToQueue: 'Back to the queue',
});
