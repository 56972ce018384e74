import { describe, expect, it } from 'vitest';
import { createLinkEstimate, TRUST_AFTER_MS } from './link-estimate';
import { MAX_PARALLEL } from './upload-machine';

const MB = 1024 * 1024;

describe('the link estimate', () => {
  const at = (start = 0) => {
    let time = start;
    return { now: () => time, advance: (ms: number) => (time += ms) };
  };

  it('says one file at a time until it has measured, and on 50 Mbit/s for 9 MB files stays at one', () => {
    const clock = at();
    const link = createLinkEstimate(clock.now);
    expect(link.limit(9 * MB)).toBe(1);
    link.started('a');
    // A burst into the socket's buffer first: not trusted before TRUST_AFTER_MS.
    clock.advance(50);
    link.progressed('a', 2 * MB, 9 * MB);
    expect(link.rate()).toBeNull();
    clock.advance(TRUST_AFTER_MS);
    link.progressed('a', 2 * MB + 3.3 * MB, 9 * MB);
    expect(link.rate()).toBeGreaterThan(5 * MB);
    expect(link.limit(9 * MB)).toBe(1);
  });

  it('lets three send at once on a fast link (2 MB out in 20 ms)', () => {
    const clock = at();
    const link = createLinkEstimate(clock.now);
    link.started('a');
    clock.advance(20);
    link.progressed('a', 2 * MB, 2 * MB);
    link.ended('a');
    expect(link.limit(2 * MB)).toBe(MAX_PARALLEL);
  });

  it('measures a new busy spell afresh, keeping the last rate meanwhile', () => {
    const clock = at();
    const link = createLinkEstimate(clock.now);
    link.started('a');
    clock.advance(1000);
    link.progressed('a', MB, MB);
    link.ended('a');
    const rate = link.rate();
    clock.advance(60_000); // idle: not the link's time
    link.started('b');
    expect(link.rate()).toBe(rate);
    clock.advance(100);
    link.progressed('b', MB, MB);
    expect(link.rate()).toBeGreaterThan(rate!);
  });
});
