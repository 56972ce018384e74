/** The sandbox's seeded teams and its test-only control surface (`/_sandbox/*`). */
import { z } from 'zod';

export const SANDBOX_TEAM_A_KEY = `al_live_${'0'.repeat(63)}a`;
export const SANDBOX_TEAM_B_KEY = `al_live_${'0'.repeat(63)}b`;
export const SANDBOX_SEED_CREDITS = { a: 1000, b: 5 } as const;
export const SANDBOX_DEFAULT_PORT = 4010;
export const SANDBOX_DEFAULT_SYNTH_DELAY_MS = 4000;

export const sandboxConfigBody = z.strictObject({
  /** How long a synthesis, regenerate or resynthesize takes, on the sandbox clock. */
  synth_delay_ms: z.number().int().min(0).max(600_000).optional(),
  /** The next synthesis (create, regenerate or resynthesize) ends in `failed`. */
  fail_next_synth: z.boolean().optional(),
  /** `reviewing` (the reference pages) or `ready` (the 2026-06-19 changelog). */
  synth_lands_in: z.enum(['reviewing', 'ready']).optional(),
  /** Added to every /v1 response, after an idempotent request is marked in flight. */
  latency_ms: z.number().int().min(0).max(60_000).optional(),
});
export type SandboxConfigBody = z.infer<typeof sandboxConfigBody>;
export type SandboxConfig = Required<SandboxConfigBody>;

export const sandboxClockBody = z.strictObject({
  advance_ms: z.number().int().min(0),
});
