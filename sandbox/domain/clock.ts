/** The sandbox clock: real time plus an offset that `/_sandbox/clock` moves forward. */
export interface Clock {
  /** Milliseconds since the epoch, on the sandbox clock. */
  now(): number;
  /** ISO 8601 of `now()` (or of the given sandbox time). */
  iso(at?: number): string;
  advance(ms: number): void;
  reset(): void;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    iso(at?: number) {
      return new Date(at ?? Date.now() + offset).toISOString();
    },
    advance(ms: number) {
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}
