/** What every route and middleware shares: the data, the clock, the signer, and Hono's env. */
import type { Clock } from './domain/clock';
import type { Faults } from './faults/fault-state';
import type { IdempotencyStore } from './domain/idempotency-store';
import type { RateLimiter, RateLimitInfo } from './middleware/rate-limit';
import type { Signer } from './domain/url-signing';
import type { State, Team } from './domain/state';
import type { TrafficCounter } from './domain/stats';
import type { Webhooks } from './domain/webhooks';

export interface Sandbox {
  state: State;
  clock: Clock;
  signer: Signer;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  faults: Faults;
  /** What the API saw: requests and 429s per team, bucket and route kind. */
  traffic: TrafficCounter;
  webhooks: Webhooks;
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
