/**
 * A token bucket in bytes: `rate` bytes a second refill it up to `burst`. Pure (time is passed
 * in), so the throttling proxy's arithmetic is unit-tested apart from sockets and timers.
 */
export interface TokenBucket {
  /** Takes `bytes` if the bucket holds them and returns 0; otherwise takes nothing and returns the ms until it will. */
  take(bytes: number, nowMs: number): number;
}

export function createTokenBucket(rateBytesPerSecond: number, burstBytes: number, startMs: number): TokenBucket {
  if (!(rateBytesPerSecond > 0) || !(burstBytes > 0)) throw new Error('a token bucket needs a positive rate and burst');
  let tokens = burstBytes;
  let last = startMs;
  return {
    take(bytes, nowMs) {
      if (bytes > burstBytes) throw new Error(`a ${bytes}-byte piece can never fit a ${burstBytes}-byte bucket`);
      if (nowMs > last) {
        tokens = Math.min(burstBytes, tokens + ((nowMs - last) * rateBytesPerSecond) / 1000);
        last = nowMs;
      }
      // Within a millionth of a byte counts as enough: refills computed from float times may
      // fall that short, and a wait that small could never be waited out.
      if (tokens >= bytes - 1e-6) {
        tokens = Math.max(0, tokens - bytes);
        return 0;
      }
      return ((bytes - tokens) * 1000) / rateBytesPerSecond;
    },
  };
}

/** Megabits a second (the way links are sold) in bytes a second. */
export const mbitToBytes = (mbit: number) => (mbit * 1_000_000) / 8;
