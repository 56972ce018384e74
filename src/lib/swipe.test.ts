import { expect, it } from 'vitest';
import { swipeDirection } from './swipe';

it('reads a quick, mostly sideways move of 48 px or more as a swipe', () => {
  expect(swipeDirection(-120, 10, 200)).toBe('left');
  expect(swipeDirection(90, -20, 300)).toBe('right');
});

it('ignores taps, vertical scrolls, diagonal drags and slow drags', () => {
  expect(swipeDirection(20, 0, 100)).toBeNull();
  expect(swipeDirection(60, 200, 200)).toBeNull();
  expect(swipeDirection(60, 50, 200)).toBeNull();
  expect(swipeDirection(200, 0, 1200)).toBeNull();
});
