/** What every route and middleware shares: the data, the clock, the signer, and Hono's env. */
import type { Clock } from './clock';
import type { Faults } from './faults';
import type { IdempotencyStore } from './idempotency';
import type { RateLimiter, RateLimitInfo } from './rate-limit';
import type { Signer } from './signing';
import type { State, Team } from './state';

export interface Sandbox {
  state: State;
  clock: Clock;
  signer: Signer;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  faults: Faults;
}

export interface SandboxEnv {
  Variables: {
    requestId: string;
    /** The API version this request applies (header or default). */
    version: string;
    team: Team;
    rateLimit: RateLimitInfo | undefined;
    replayed: boolean;
  };
}
