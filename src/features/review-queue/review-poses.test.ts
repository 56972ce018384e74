import { describe, expect, it } from 'vitest';
import { stepPose } from './review-poses';

describe('stepping between poses', () => {
  const all = ['portrait', 'front', 'side', 'back'] as const;

  it('goes to the next and previous pose in canonical order', () => {
    expect(stepPose(all, 'front', 1)).toBe('side');
    expect(stepPose(all, 'front', -1)).toBe('portrait');
  });

  it('stops at either end', () => {
    expect(stepPose(all, 'back', 1)).toBeNull();
    expect(stepPose(all, 'portrait', -1)).toBeNull();
  });

  it('skips poses that are not available, whatever order they are given in', () => {
    expect(stepPose(['back', 'portrait'], 'portrait', 1)).toBe('back');
    expect(stepPose(['front', 'back'], 'side', 1)).toBe('front');
  });
});
