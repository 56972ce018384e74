/** The sandbox's in-memory data: seeded teams, uploads, characters, refs and the config. */
import { WEBHOOK_ACK_TIMEOUT_MS, type WebhookEventType } from '../../contract/webhooks';
import type { CharacterAttributes, CharacterStatus, Pose, UploadContentType, UploadExtension } from '../../contract/aurous';
import {
  SANDBOX_DEFAULT_FAULT_SEED,
  SANDBOX_DEFAULT_SYNTH_DELAY_MS,
  SANDBOX_DEFAULT_WEBHOOK_MAX_ATTEMPTS,
  SANDBOX_DEFAULT_WEBHOOK_RETRY_BASE_MS,
  SANDBOX_SEED_CREDITS,
  SANDBOX_TEAM_A_KEY,
  SANDBOX_TEAM_B_KEY,
  type SandboxConfig,
} from '../../contract/sandbox';

export interface Team {
  id: string;
  key: string;
  credits: number;
  held: number;
  /** Paid syntheses committed (charged) so far; held ones are counted from the characters. */
  committedCharges: number;
}

export interface Upload {
  id: string;
  teamId: string;
  filename: string;
  extension: UploadExtension;
  contentType: UploadContentType;
  createdAt: number;
  urlExpiresAt: number;
  ticketExpiresAt: number;
  bytes: Uint8Array | null;
  consumed: boolean;
  classification: { pose: Pose; confidence: number } | null;
}

/**
 * A stored ref: the bytes of an upload, or a synthesized figure drawn on request. `characterId`
 * lets a hard delete drop every ref the character ever had (older generations included).
 */
export type RefRecord =
  | { id: string; characterId: string; pose: Pose; kind: 'upload'; contentType: string; bytes: Uint8Array }
  | { id: string; characterId: string; pose: Pose; kind: 'synth'; attributes: CharacterAttributes; variant: number };

export interface PendingSynthesis {
  kind: 'create' | 'regenerate' | 'resynthesize';
  pose: Pose | null;
  cost: number;
  settlesAt: number;
  fails: boolean;
  landsIn: 'reviewing' | 'ready';
}

export interface CharacterRecord {
  id: string;
  teamId: string;
  name: string;
  status: CharacterStatus;
  refs: RefRecord[];
  createdAt: number;
  updatedAt: number;
  attributes: CharacterAttributes | null;
  errorMessage: string | null;
  aurousVersion: string;
  clientReferenceId: string | null;
  /** Counts syntheses so each generation draws a visibly different variant. */
  generation: number;
  pending: PendingSynthesis | null;
}

/** A registered webhook endpoint (team-scoped); kept across restarts like characters. */
export interface WebhookEndpointRecord {
  id: string;
  teamId: string;
  url: string;
  events: WebhookEventType[];
  secret: string;
  /** The secret before the last rotation, still signing (a second v1=) until `until`. */
  previousSecret: { secret: string; until: number } | null;
  isActive: boolean;
  consecutiveFailures: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  metadata: Record<string, string>;
  description: string | null;
  createdAt: number;
  updatedAt: number;
  /** Origin of the request that registered it: the characters in its events get ref URLs on it. */
  apiOrigin: string;
}

export interface State {
  teams: Map<string, Team>;
  uploads: Map<string, Upload>;
  characters: Map<string, CharacterRecord>;
  refs: Map<string, RefRecord>;
  webhookEndpoints: Map<string, WebhookEndpointRecord>;
  config: SandboxConfig;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  synth_delay_ms: SANDBOX_DEFAULT_SYNTH_DELAY_MS,
  fail_next_synth: false,
  synth_lands_in: 'reviewing',
  latency_ms: 0,
  json_5xx_rate: 0,
  put_reset_rate: 0,
  put_403_expired: 0,
  rate_limit_burst: 0,
  fault_seed: SANDBOX_DEFAULT_FAULT_SEED,
  webhook_retry_base_ms: SANDBOX_DEFAULT_WEBHOOK_RETRY_BASE_MS,
  webhook_max_attempts: SANDBOX_DEFAULT_WEBHOOK_MAX_ATTEMPTS,
  webhook_timeout_ms: WEBHOOK_ACK_TIMEOUT_MS,
};

function seedTeams(): Map<string, Team> {
  const teams: Team[] = [
    { id: 'team_a', key: SANDBOX_TEAM_A_KEY, credits: SANDBOX_SEED_CREDITS.a, held: 0, committedCharges: 0 },
    { id: 'team_b', key: SANDBOX_TEAM_B_KEY, credits: SANDBOX_SEED_CREDITS.b, held: 0, committedCharges: 0 },
  ];
  return new Map(teams.map((team) => [team.id, team]));
}

export function createState(): State {
  return {
    teams: seedTeams(),
    uploads: new Map(),
    characters: new Map(),
    refs: new Map(),
    webhookEndpoints: new Map(),
    config: { ...DEFAULT_CONFIG },
  };
}

/** Back to the seeded state, in place (handlers keep their reference to the same object). */
export function resetState(state: State): void {
  const fresh = createState();
  state.teams = fresh.teams;
  state.uploads = fresh.uploads;
  state.characters = fresh.characters;
  state.refs = fresh.refs;
  state.webhookEndpoints = fresh.webhookEndpoints;
  state.config = fresh.config;
}

export const availableCredits = (team: Team): number => team.credits - team.held;

export function teamByKey(state: State, key: string): Team | undefined {
  for (const team of state.teams.values()) if (team.key === key) return team;
  return undefined;
}
