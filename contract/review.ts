/**
 * The review queue as a team (server/review/), free of zod for the browser: claims (who is
 * reviewing which character), decisions made on the version a person saw, and the team's
 * decision log with its QA figures.
 *
 * A decision's version is the character's `updated_at` as the person was shown it, sent in
 * `SEEN_VERSION_HEADER`. Why `updated_at` and not a hash of the refs: the API moves it on every
 * change a reviewer must see again (a regenerate or resynthesize landing, a save, a rename), while
 * ref URLs are opaque signed links that change on every read and may keep their path across
 * versions, so a hash of them would call every re-read a new version and could miss a real one.
 */

/** The `updated_at` the person was shown; the console server refuses (409) a decision on any other. */
export const SEEN_VERSION_HEADER = 'Aurous-Seen-Version';
/** The request headers that carry it (none when the caller names no version). */
export const seenHeaders = (seen: string | undefined): Record<string, string> | undefined =>
  seen ? { [SEEN_VERSION_HEADER]: seen } : undefined;

/** Claims expire unless renewed: the page renews every `CLAIM_HEARTBEAT_MS` while it is visible. */
export const CLAIM_TTL_MS = 3 * 60_000;
export const CLAIM_HEARTBEAT_MS = 45_000;

export const REVIEW_CLAIMS_PATH = '/api/review/claims';
export const reviewClaimPath = (characterId: string) => `${REVIEW_CLAIMS_PATH}/${encodeURIComponent(characterId)}`;
export const REVIEW_DECISIONS_PATH = '/api/review/decisions';
export const REVIEW_STATS_PATH = '/api/review/stats';
/** `?format=csv|json`: the decision log as a download (Content-Disposition: attachment). */
export const REVIEW_EXPORT_PATH = '/api/review/decisions/export';

export interface ReviewClaim {
  character_id: string;
  holder: { id: string; name: string };
  claimed_at: string;
  expires_at: string;
  /** Milliseconds left when the server answered (the browser's clock may differ from the database's). */
  expires_in_ms: number;
}

export interface ReviewClaimList {
  object: 'list';
  data: ReviewClaim[];
}

/** POST /api/review/claims/:id answers 200 with the claim, or 409 with this when someone else holds it. */
export interface ClaimTaken {
  error: { type: 'invalid_request'; code: 'claimed'; message: string; param: null; doc_url: string; request_id: string };
  claim: ReviewClaim;
}

export type ReviewAction = 'save' | 'regenerate' | 'resynthesize' | 'delete';
export type ReviewOutcome = 'done' | 'stale' | 'busy' | 'failed';

/** A decision refused with 409: the error, and the character as it is now (when it still exists). */
export const STALE_VERSION_CODE = 'stale_version';
export const DECISION_IN_FLIGHT_CODE = 'decision_in_flight';

export interface DecisionEntry {
  id: number;
  at: string;
  character_id: string;
  character_name: string | null;
  actor: { id: string | null; name: string };
  action: ReviewAction;
  pose: string | null;
  seen_version: string | null;
  result_version: string | null;
  outcome: ReviewOutcome;
  credits: number;
  message: string | null;
}

export interface DecisionPage {
  object: 'list';
  data: DecisionEntry[];
  has_more: boolean;
  next_cursor: string | null;
}

/** One reviewer's hour (UTC, `YYYY-MM-DDTHH:00Z`). */
export interface ReviewerHour {
  hour: string;
  /** Characters decided (approved, regenerated, resynthesized or deleted, `done`), each counted once per hour. */
  decided: number;
}

export interface ReviewerStats {
  actor: { id: string | null; name: string };
  decisions: number;
  approved: number;
  regenerates: number;
  resynthesizes: number;
  deletes: number;
  refused: number;
  credits: number;
  hours: ReviewerHour[];
}

export interface TeamQaReport {
  from: string;
  to: string;
  reviewers: ReviewerStats[];
  totals: {
    /** `done` decisions. */
    decisions: number;
    approved: number;
    regenerates: number;
    resynthesizes: number;
    refused: number;
    credits: number;
    /** Regenerates and resynthesizes over all `done` decisions; null when there are none. */
    regenerate_rate: number | null;
    /** Credits spent on the approved characters (every paid decision on them) per approved character; null before the first. */
    credits_per_approved: number | null;
  };
}
