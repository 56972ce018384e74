import { describe, expect, it } from 'vitest';
import { failureReason } from './failure-reason';

describe('failureReason', () => {
  it('drops a lead that repeats the heading, keeping the reason', () => {
    expect(failureReason('Synthesis failed: the model could not produce consistent references. No credits were charged.')).toBe(
      'The model could not produce consistent references. No credits were charged.',
    );
    expect(failureReason('synthesis failed — timeout')).toBe('Timeout');
  });
  it('keeps any other message as it is', () => {
    expect(failureReason('The prompt was refused by moderation.')).toBe('The prompt was refused by moderation.');
    expect(failureReason('Synthesis failedness is rare')).toBe('Synthesis failedness is rare');
  });
  it('says nothing for no message, or one that was only the lead', () => {
    expect(failureReason(null)).toBeNull();
    expect(failureReason('  ')).toBeNull();
    expect(failureReason('Synthesis failed.')).toBeNull();
  });
});
