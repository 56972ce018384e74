/**
 * `POST /api/embed/sessions` per client address, in a fixed one-minute window kept in memory:
 * a few wrong secrets and the address waits for the next window; a flood of any requests too.
 * Each copy of the server counts on its own (the next issue moves shared state to a database).
 */
export interface MintLimits {
  windowMs: number;
  /** Requests per address per window, right secret or not. */
  maxAttempts: number;
  /** Wrong secrets per address per window; past it every request from the address is refused. */
  maxFailures: number;
}

export const MINT_LIMITS: MintLimits = { windowMs: 60_000, maxAttempts: 600, maxFailures: 10 };

export type MintAdmission = { ok: true } | { ok: false; retryAfterS: number };

export interface MintLimiter {
  /** Counts one attempt from `address`; refuses it when the address is over a limit. */
  admit(address: string): MintAdmission;
  /** A wrong secret from `address`: returns how many this window. */
  failed(address: string): number;
}

export function createMintLimiter(limits: MintLimits = MINT_LIMITS, now: () => number = Date.now): MintLimiter {
  let windowStart = 0;
  let counts = new Map<string, { attempts: number; failures: number }>();
  const countsFor = (address: string) => {
    const start = Math.floor(now() / limits.windowMs) * limits.windowMs;
    // A new window forgets every address at once, so the map never outgrows one window's callers.
    if (start !== windowStart) {
      windowStart = start;
      counts = new Map();
    }
    const entry = counts.get(address) ?? { attempts: 0, failures: 0 };
    counts.set(address, entry);
    return entry;
  };
  return {
    admit(address) {
      const entry = countsFor(address);
      entry.attempts += 1;
      if (entry.attempts <= limits.maxAttempts && entry.failures < limits.maxFailures) return { ok: true };
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((windowStart + limits.windowMs - now()) / 1000)) };
    },
    failed(address) {
      const entry = countsFor(address);
      entry.failures += 1;
      return entry.failures;
    },
  };
}
