/**
 * Test-controlled faults: the seeded RNG that decides rate-based faults, the counters behind
 * `GET /_sandbox/stats`, and the two primitives every fault uses (a rate roll, a count take).
 */
import { SANDBOX_DEFAULT_FAULT_SEED, type SandboxConfig, type SandboxFaultStats } from '../../contract/sandbox';
import { createRng, type Rng } from './rng';

export interface Faults {
  rng: Rng;
  injected: SandboxFaultStats;
  /** Default seed, counters to zero (the config's fault fields are reset with the state). */
  reset(): void;
}

const noneInjected = (): SandboxFaultStats => ({ injected_5xx: 0, injected_put_resets: 0, injected_put_403: 0, injected_429: 0 });

export function createFaults(): Faults {
  const faults: Faults = {
    rng: createRng(SANDBOX_DEFAULT_FAULT_SEED),
    injected: noneInjected(),
    reset() {
      faults.rng.seed(SANDBOX_DEFAULT_FAULT_SEED);
      faults.injected = noneInjected();
    },
  };
  return faults;
}

/** True with probability `rate`; 0 never draws from the RNG, 1 always fires. */
export function fires(faults: Faults, rate: number): boolean {
  return rate > 0 && faults.rng.next() < rate;
}

type CountField = 'put_403_expired' | 'rate_limit_burst';

/** Takes one from a count fault: true (and one fewer left) while any remain. */
export function takeOne(config: SandboxConfig, field: CountField): boolean {
  if (config[field] <= 0) return false;
  config[field] -= 1;
  return true;
}
