/**
 * The console's own database: one Drizzle schema for PGlite (the embedded default) and
 * PostgreSQL (DATABASE_URL). `npm run db:generate` turns changes here into a new SQL migration in
 * server/db/migrations/, which every copy applies at start (server/db/migrate.ts).
 *
 * The first four tables are Better Auth's, in the shape its CLI generates for the Drizzle adapter
 * (`provider: 'pg'`, snake_case columns), plus the person's team role as a Better Auth
 * additional field. The rest belong to the console. Tables for later features (claims, the rate
 * budget, pose history) are added the same way, in new migrations.
 */
import { sql } from 'drizzle-orm';
import type { AuditAction } from '../../contract/activity';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** A person's role on the team, strongest first. */
export const ROLES = ['owner', 'admin', 'creator', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

const roleCheck = (column: string) => sql.raw(`${column} in (${ROLES.map((role) => `'${role}'`).join(', ')})`);

// ── Better Auth ────────────────────────────────────────────────────────────────────────────────

export const user = pgTable(
  'user',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').default(false).notNull(),
    image: text('image'),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at')
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
    /** The person's team role (a Better Auth additional field, never settable by sign-up). */
    role: text('role').$type<Role>().default('creator').notNull(),
  },
  () => [check('user_role_check', roleCheck('role'))],
);

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at')
      .$onUpdate(() => new Date())
      .notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (table) => [index('session_userId_idx').on(table.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at'),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at')
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [index('account_userId_idx').on(table.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at')
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [index('verification_identifier_idx').on(table.identifier)],
);

// ── The console ───────────────────────────────────────────────────────────────────────────────

/**
 * Secrets the console generates once and every copy shares (the auth secret when
 * CONSOLE_AUTH_SECRET is unset), so nothing a copy needs lives only in its memory.
 */
export const consoleSecret = pgTable('console_secret', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
});

/**
 * Invitations by link. Only the SHA-256 of the token is stored; the link carries the token.
 * `purpose: 'setup'` is the one-time link a first start with a real API prints to create the owner.
 */
export const invitation = pgTable(
  'invitation',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose').$type<'invite' | 'setup'>().default('invite').notNull(),
    role: text('role').$type<Role>().notNull(),
    /** Optional: the link only works for this address when set. */
    email: text('email'),
    invitedBy: text('invited_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: text('accepted_by').references(() => user.id, { onDelete: 'set null' }),
  },
  () => [check('invitation_role_check', roleCheck('role')), check('invitation_purpose_check', sql`purpose in ('invite', 'setup')`)],
);

/**
 * The console's index of characters (the API stays the source of truth for the character
 * itself). `owner_scope` is what the console sends as `client_reference_id` (server/scope/):
 * `person:<user id>` for a signed-in person, `embed:<HMAC of origin and subject>` for an embed
 * session's end user; null for a character made outside the console without one of those.
 * `character` is the API's last answer for it (what lists show); `indexed_at` is when the API
 * last said anything about it (the sync prunes rows a full pass no longer saw).
 */
export const character = pgTable(
  'character',
  {
    id: text('id').primaryKey(),
    ownerScope: text('owner_scope'),
    creatorPersonId: text('creator_person_id').references(() => user.id, { onDelete: 'set null' }),
    creatorSubject: text('creator_subject'),
    name: text('name').notNull(),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Per upload: the pose and confidence the classifier gave, as the console saw them. */
    classify: jsonb('classify')
      .$type<Record<string, unknown>[]>()
      .default(sql`'[]'::jsonb`)
      .notNull(),
    /** Credits spent on this character, by action. */
    costs: jsonb('costs')
      .$type<Record<string, unknown>>()
      .default(sql`'{}'::jsonb`)
      .notNull(),
    /** The API's last answer for this character (a `Character`), as lists show it. */
    character: jsonb('character')
      .$type<Record<string, unknown>>()
      .default(sql`'{}'::jsonb`)
      .notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (table) => [
    index('character_owner_scope_updated_idx').on(table.ownerScope, table.updatedAt),
    index('character_updated_idx').on(table.updatedAt, table.id),
    index('character_created_idx').on(table.createdAt, table.id),
    index('character_creator_person_idx').on(table.creatorPersonId),
    index('character_status_idx').on(table.status),
    // The library's A–Z sort (server/scope/character-index.ts orders by lower(name), then id).
    index('character_name_idx').on(sql`lower(${table.name})`, table.id),
  ],
);

/**
 * What the classifier said about an upload, kept until a character is made from it (then copied
 * into that character's `classify`). Only the scope that classified it may claim it.
 */
export const uploadClassification = pgTable('upload_classification', {
  uploadId: text('upload_id').primaryKey(),
  ownerScope: text('owner_scope'),
  pose: text('pose').notNull(),
  confidence: real('confidence').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
});

/** Who started each upload through the console (at init): only that scope may classify it or make a character from it. */
export const uploadOwner = pgTable('upload_owner', {
  uploadId: text('upload_id').primaryKey(),
  ownerScope: text('owner_scope'),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
});

/**
 * The character sync's place in its walk of `GET /v1/characters`, and its lease: exactly one
 * copy holds `holder` until `lease_until`; another copy takes over once that has passed.
 */
export const syncState = pgTable('sync_state', {
  name: text('name').primaryKey(),
  /** The next page's `starting_after`; null: the next tick starts a new pass at the newest. */
  cursor: text('cursor'),
  /** When the current pass began: rows not seen since are pruned when it ends. */
  passStartedAt: timestamp('pass_started_at', { withTimezone: true }),
  /** Mid-pass, every other tick re-reads the newest page, so new characters arrive within two ticks. */
  headNext: boolean('head_next').default(false).notNull(),
  holder: text('holder'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  /** After a 429 (or an error): no request before this. */
  backoffUntil: timestamp('backoff_until', { withTimezone: true }),
  failures: integer('failures').default(0).notNull(),
  lastTickAt: timestamp('last_tick_at', { withTimezone: true }),
});

/**
 * The team's rate budget (server/rate-budget.ts): one token bucket per API bucket, mirroring the
 * API's per-team buckets, shared by every copy. A bucket is one timestamp, `full_at`: when it
 * would be full again (the API's X-RateLimit-Reset), so its tokens at time t are
 * `capacity - max(0, full_at - t) / interval`. A take moves it on by one interval, in one
 * statement on the database's clock; past capacity the take is a place in the queue. `paused_until`:
 * the API answered 429 (the team's other clients share its buckets), so nothing goes before then.
 * `team_key` is a hash of the API's base URL and key, never the key itself.
 */
export const rateBudget = pgTable(
  'rate_budget',
  {
    teamKey: text('team_key').notNull(),
    bucket: text('bucket').notNull(),
    fullAt: timestamp('full_at', { withTimezone: true }).notNull(),
    pausedUntil: timestamp('paused_until', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.teamKey, table.bucket] })],
);

export { AUDIT_ACTIONS, type AuditAction } from '../../contract/activity';

/**
 * Who did what. A row outlives its actor (the person id goes null when they are removed;
 * `actor_label` keeps the email they had) and its character (no foreign key: deleted characters
 * keep their history).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).defaultNow().notNull(),
    actorPersonId: text('actor_person_id').references(() => user.id, { onDelete: 'set null' }),
    actorSubject: text('actor_subject'),
    actorLabel: text('actor_label'),
    action: text('action').$type<AuditAction>().notNull(),
    characterId: text('character_id'),
    credits: integer('credits'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .default(sql`'{}'::jsonb`)
      .notNull(),
    /** The request's Idempotency-Key (scoped to its actor), so a replay never writes a second row. */
    idempotencyKey: text('idempotency_key'),
  },
  (table) => [
    uniqueIndex('audit_log_idempotency_key_idx').on(table.idempotencyKey),
    index('audit_log_at_idx').on(table.at),
    index('audit_log_actor_at_idx').on(table.actorPersonId, table.at),
    index('audit_log_character_idx').on(table.characterId),
  ],
);

/** Raw bytes (`bytea`): node-postgres hands back a Buffer, PGlite a Uint8Array; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  toDriver: (value) => value,
});

/**
 * Images the console makes and keeps itself, by key (server/images/image-store.ts): the library's
 * cover thumbnails (`thumb/<character>/<pose>/<version>/<width>`, a few KB each) and the pose
 * history's kept images (`history/<character>/<pose>/<version>/full|thumb`). Every
 * copy reads the one a copy made, so the storage host is asked once per pose version and width.
 * `character_id` lets a character's images be found (and dropped) together.
 */
export const storedImage = pgTable(
  'stored_image',
  {
    key: text('key').primaryKey(),
    characterId: text('character_id'),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (table) => [index('stored_image_character_idx').on(table.characterId)],
);

/**
 * The deployment's one webhook endpoint at the API (server/webhooks/): registered once, by
 * whichever copy gets there first (`name` is the primary key), and read by every copy's
 * receiver. `secret` is the signing secret the API returned or CONSOLE_WEBHOOK_SECRET (never
 * sent to a browser).
 */
export const webhookRegistration = pgTable('webhook_registration', {
  name: text('name').primaryKey(),
  endpointId: text('endpoint_id').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  /** The last delivery whose signature verified (a test fire included): what webhooksActive reads. */
  lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
});

/** Event ids already received, so a replayed (or retried) delivery changes nothing twice. */
export const webhookEvent = pgTable(
  'webhook_event',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (table) => [index('webhook_event_received_idx').on(table.receivedAt)],
);

// ── The review queue as a team (server/review/) ───────────────────────────────────────────────

/**
 * Who is reviewing which character: a lease, one row per character, taken when a reviewer opens
 * it in the queue, renewed by the page's heartbeat while it is visible, released on a decision or
 * when the page is left. A lease past `expires_at` is nobody's (judged by the database's clock, so
 * every copy agrees); the next reviewer to open the character takes it over.
 */
export const reviewClaim = pgTable(
  'review_claim',
  {
    characterId: text('character_id').primaryKey(),
    holderPersonId: text('holder_person_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).defaultNow().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('review_claim_expires_idx').on(table.expiresAt)],
);

/** What a decision lock is doing: a request on its way to the API, or a paid action the API is still synthesizing. */
export const DECISION_LOCK_PHASES = ['sending', 'synthesizing'] as const;
export type DecisionLockPhase = (typeof DECISION_LOCK_PHASES)[number];

/**
 * One decision at a time per character, whoever sends it and from whichever copy: a row here while
 * a save, regenerate, resynthesize or delete is on its way to the API, kept after a paid one was
 * accepted until its synthesis has landed (so no second paid action goes while one is in flight).
 * `token` names the request that holds it; `expires_at` frees a lock whose copy died.
 */
export const reviewDecisionLock = pgTable(
  'review_decision_lock',
  {
    characterId: text('character_id').primaryKey(),
    token: text('token').notNull(),
    action: text('action').notNull(),
    phase: text('phase').$type<DecisionLockPhase>().notNull(),
    holderPersonId: text('holder_person_id').references(() => user.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).defaultNow().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  () => [check('review_decision_lock_phase_check', sql`phase in ('sending', 'synthesizing')`)],
);

/** The decisions the log records, and what became of each. */
export const REVIEW_ACTIONS = ['save', 'regenerate', 'resynthesize', 'delete'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export const REVIEW_OUTCOMES = ['done', 'stale', 'busy', 'failed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * The team's decision log: every save, regenerate, resynthesize and delete sent through the
 * console, who sent it, on which version of the character (`seen_version`: the `updated_at` the
 * person was shown), what the API made of it (`result_version`), and what it cost. Refusals are
 * kept too (`stale`: the character had moved on; `busy`: another decision was in flight).
 */
export const reviewDecision = pgTable(
  'review_decision',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).defaultNow().notNull(),
    characterId: text('character_id').notNull(),
    characterName: text('character_name'),
    actorPersonId: text('actor_person_id').references(() => user.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label'),
    action: text('action').$type<ReviewAction>().notNull(),
    pose: text('pose'),
    seenVersion: text('seen_version'),
    resultVersion: text('result_version'),
    outcome: text('outcome').$type<ReviewOutcome>().notNull(),
    credits: integer('credits').default(0).notNull(),
    message: text('message'),
    /** The request's scoped Idempotency-Key: a replay never writes a second row. */
    idempotencyKey: text('idempotency_key'),
  },
  (table) => [
    uniqueIndex('review_decision_idempotency_key_idx').on(table.idempotencyKey),
    index('review_decision_at_idx').on(table.at),
    index('review_decision_actor_at_idx').on(table.actorPersonId, table.at),
    index('review_decision_character_idx').on(table.characterId, table.at),
    check('review_decision_action_check', sql`action in ('save', 'regenerate', 'resynthesize', 'delete')`),
    check('review_decision_outcome_check', sql`outcome in ('done', 'stale', 'busy', 'failed')`),
  ],
);

/**
 * Every version of every pose the console saw replaced (server/images/pose-history.ts). A row is
 * one version of one pose of one character: `version` counts from 1 (the pose as first made).
 * The newest row of a pose (`replaced_at` null) is the live one, whose image is still the API's
 * ref; once a regenerate or resynthesize replaces it, `replaced_by`/`replaced_at` say so and
 * `full_key`/`thumb_key` name its images in `stored_image` (null when storage no longer had
 * them). `approved_at`/`approved_by` mark the version a save approved.
 */
export const poseVersion = pgTable(
  'pose_version',
  {
    characterId: text('character_id').notNull(),
    pose: text('pose').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
    fullKey: text('full_key'),
    thumbKey: text('thumb_key'),
    replacedBy: text('replaced_by').$type<'regenerate' | 'resynthesize'>(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
  },
  (table) => [
    primaryKey({ columns: [table.characterId, table.pose, table.version] }),
    check('pose_version_replaced_by_check', sql`replaced_by in ('regenerate', 'resynthesize')`),
  ],
);
