/** Every word the team's Activity page shows (CSV column names stay data). */
import { formatCredits } from '../../lib/aurous/cost';
import { formatNumber } from '../../lib/i18n/format';
import { defineMessages, plural } from '../../lib/i18n/messages';
import type { ActivityActorKind, AuditAction } from '../../../contract/activity';

const count = (n: number, one: string, other: string) =>
  plural(n, { one: `${formatNumber(n)} ${one}`, other: `${formatNumber(n)} ${other}` });

export const messages = defineMessages({
  title: 'Activity',
  description: 'What each person (or embedded end user) did and spent, per day, from the audit log. Days are UTC.',
  range: 'Date range',
  from: 'From',
  to: 'To',
  rangeReversed: 'The start date is after the end date.',
  exportCsv: 'Export CSV',
  loading: 'Loading the activity…',
  /** "42 actions · 17 credits from 1 Mar 2026 to 30 Mar 2026" */
  summary: (actions: number, credits: number, from: string, to: string) =>
    `${count(actions, 'action', 'actions')} · ${formatCredits(credits)} from ${from} to ${to}`,
  empty: 'Nothing was logged in these days',
  emptyBody: 'Sign-ins, character actions and team changes appear here as they happen. Try a wider date range.',
  columns: { who: 'Who', actions: 'Actions', credits: 'Credits' },
  dayTotal: 'Day total',
  /** "Monday, 2 March 2026: 3 people" (the table's caption). */
  dayCaption: (day: string, actors: number) => `${day}: ${count(actors, 'actor', 'actors')}`,
  actorKind: { person: 'Person', subject: 'Embedded end user', other: 'Other' } satisfies Record<ActivityActorKind, string>,
  removed: '(removed)',
  /** Action kinds as the log names them; an unknown kind is shown as it is. */
  action: {
    create: 'Create',
    synthesize: 'Synthesize',
    regenerate: 'Regenerate',
    resynthesize: 'Resynthesize',
    save: 'Save',
    delete: 'Delete',
    rename: 'Rename',
    edit: 'Edit details',
    sign_in: 'Sign-in',
    role_change: 'Role change',
    person_add: 'Person added',
    person_remove: 'Person removed',
    invite: 'Invitation',
  } satisfies Record<AuditAction, string>,
  /** "Synthesize × 2" */
  actionCount: (label: string, n: number) => `${label} × ${formatNumber(n)}`,
  errors: {
    forbidden: 'Only owners and admins can see the team’s activity.',
    signedOut: 'Sign in as an owner or admin to see the team’s activity.',
    signIn: 'Sign in',
    failed: 'The activity could not be loaded.',
    retry: 'Try again',
    unreachable: 'The console server did not answer. Check your connection.',
    status: (status: number) => `The console server answered ${status}.`,
  },
});
