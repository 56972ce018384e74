import { describe, expect, it } from 'vitest';
import { nameFieldError } from './name-field-error';

describe('the name fields’ message', () => {
  it('is the blank message for a blank name, and the contract’s refusal for a name that reorders text', () => {
    expect(nameFieldError('   ', 'Give the character a name.')).toBe('Give the character a name.');
    expect(nameFieldError(' Ann\u202Egnp ', 'Give the character a name.')).toBe(
      'The name contains a right-to-left override (U+202E) at position 4, which would reorder the text around it.',
    );
    expect(nameFieldError('\u200B', 'blank')).toBe('The name has no visible characters (only spaces or zero-width characters).');
    expect(nameFieldError('Rowan', 'blank')).toBeUndefined();
  });
});
