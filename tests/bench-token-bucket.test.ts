import { describe, expect, it } from 'vitest';
import { createTokenBucket, mbitToBytes } from '../bench/lib/token-bucket';

describe("the bench link's token bucket", () => {
  it('lets a full burst through at once, then makes the next piece wait for its refill', () => {
    const bucket = createTokenBucket(1000, 500, 0);
    expect(bucket.take(500, 0)).toBe(0);
    // Empty: 250 bytes at 1000 B/s take 250 ms to refill.
    expect(bucket.take(250, 0)).toBe(250);
    expect(bucket.take(250, 100)).toBe(150);
    expect(bucket.take(250, 250)).toBe(0);
  });

  it('never holds more than its burst, however long it stood idle', () => {
    const bucket = createTokenBucket(1000, 500, 0);
    expect(bucket.take(500, 60_000)).toBe(0);
    expect(bucket.take(1, 60_000)).toBeGreaterThan(0);
  });

  it('over a long transfer passes bytes at its rate, not faster', () => {
    const bucket = createTokenBucket(mbitToBytes(50), 16 * 1024, 0);
    let now = 0;
    const piece = 16 * 1024;
    const total = 64 * piece;
    for (let sent = 0; sent < total;) {
      const wait = bucket.take(piece, now);
      if (wait === 0) sent += piece;
      else now += wait;
    }
    // 1 MiB at 6.25 MB/s is 168 ms; the first burst came free.
    expect(now).toBeCloseTo(((total - piece) * 1000) / mbitToBytes(50), 6);
  });

  it('refuses a piece larger than the bucket (it would wait forever)', () => {
    expect(() => createTokenBucket(1000, 100, 0).take(101, 0)).toThrow();
  });
});
