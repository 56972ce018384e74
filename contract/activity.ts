/**
 * The team's activity, from the console's audit log: what GET /api/team/activity answers (the
 * admin "Activity" page reads it) and the raw entries GET /api/team/activity.json pages through.
 * Days are UTC calendar days, `YYYY-MM-DD`.
 */

/** Every action the audit log records, in the order reports and the CSV list them. */
export const AUDIT_ACTIONS = [
  'create',
  'synthesize',
  'regenerate',
  'resynthesize',
  'save',
  'delete',
  'rename',
  /** A PATCH that changes attributes but not the name. */
  'edit',
  'sign_in',
  'role_change',
  'person_add',
  'person_remove',
  'invite',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** A kind read back from the log may be one a newer console wrote: check before naming it. */
export const isAuditAction = (kind: string): kind is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(kind);

/** Who acted: a person on the team (or one since removed), an embed session's end user, or something else (a seed, a script). */
export type ActivityActorKind = 'person' | 'subject' | 'other';

export interface ActivityActor {
  kind: ActivityActorKind;
  /** The person's id, or the embed subject; null for `other` and for people since removed. */
  id: string | null;
  /** The person's email (as it is now, or as it was), the subject, or what the log names. */
  label: string;
}

/** One actor's day. */
export interface ActivityRow {
  day: string;
  actor: ActivityActor;
  /** How many of each action (`create`, `synthesize`, `sign_in`, …); absent kinds are 0. */
  actions: Record<string, number>;
  action_count: number;
  credits: number;
}

export interface ActivityDay {
  day: string;
  /** Most credits first. */
  rows: ActivityRow[];
  action_count: number;
  credits: number;
}

export interface ActivityReport {
  /** Inclusive. */
  from: string;
  to: string;
  /** Newest day first; days with nothing logged are left out. */
  days: ActivityDay[];
  totals: { action_count: number; credits: number };
}

/** One audit-log entry, as the JSON export gives it. */
export interface ActivityEntry {
  id: number;
  at: string;
  actor: ActivityActor;
  action: string;
  character_id: string | null;
  credits: number | null;
  details: Record<string, unknown>;
}

export interface ActivityEntryPage {
  object: 'list';
  data: ActivityEntry[];
  has_more: boolean;
  next_cursor: string | null;
}

/** The most days one report may span. */
export const ACTIVITY_MAX_DAYS = 366;
/** The range the page shows first: the last 30 days, today included. */
export const ACTIVITY_DEFAULT_DAYS = 30;
