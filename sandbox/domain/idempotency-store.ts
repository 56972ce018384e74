/**
 * Idempotency keys for create, regenerate and resynthesize: scoped per team, kept 24 h on the
 * sandbox clock. A 2xx outcome is stored and replayed; anything else is forgotten.
 */
import { IDEMPOTENCY_TTL_MS } from '../../contract/aurous';
import type { Clock } from './clock';

interface Entry {
  route: string;
  bodyHash: string;
  expiresAt: number;
  outcome: { status: number; body: string } | null;
}

export type IdempotencyLookup = { kind: 'new' } | { kind: 'conflict'; reason: string } | { kind: 'replay'; status: number; body: string };

export interface IdempotencyStore {
  /** Looks the key up; a new key is marked in flight at once. */
  begin(teamId: string, key: string, route: string, bodyHash: string): IdempotencyLookup;
  finish(teamId: string, key: string, outcome: { status: number; body: string } | null): void;
  reset(): void;
}

export function createIdempotencyStore(clock: Clock): IdempotencyStore {
  let entries = new Map<string, Entry>();
  const id = (teamId: string, key: string) => `${teamId}\u0000${key}`;
  return {
    begin(teamId, key, route, bodyHash) {
      const now = clock.now();
      const existing = entries.get(id(teamId, key));
      if (existing && existing.expiresAt > now) {
        if (existing.route !== route || existing.bodyHash !== bodyHash) {
          return { kind: 'conflict', reason: 'was already used with a different request body or endpoint' };
        }
        if (!existing.outcome) return { kind: 'conflict', reason: 'is in use by a request still in flight' };
        return { kind: 'replay', ...existing.outcome };
      }
      entries.set(id(teamId, key), { route, bodyHash, expiresAt: now + IDEMPOTENCY_TTL_MS, outcome: null });
      return { kind: 'new' };
    },
    finish(teamId, key, outcome) {
      const entry = entries.get(id(teamId, key));
      if (!entry) return;
      if (outcome) entry.outcome = outcome;
      else entries.delete(id(teamId, key));
    },
    reset() {
      entries = new Map();
    },
  };
}

/** JSON with object keys sorted at every level, so key order never changes the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
