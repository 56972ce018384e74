import { describe, expect, it } from 'vitest';
import { attributesToValues, EMPTY_ATTRIBUTES, validateAttributes } from './attribute-form';

describe('attribute validation', () => {
  it('turns filled fields into typed attributes, trimming and leaving blanks out', () => {
    const result = validateAttributes({ ...EMPTY_ATTRIBUTES, age: ' 28 ', hair_color: ' black ', gender: '' }, { required: true });
    expect(result).toEqual({ attributes: { age: 28, hair_color: 'black' }, errors: {} });
  });
  it('asks for at least one attribute when synthesizing, and for none otherwise', () => {
    expect(validateAttributes(EMPTY_ATTRIBUTES, { required: true }).errors.form).toMatch(/at least one attribute/);
    expect(validateAttributes(EMPTY_ATTRIBUTES, { required: false })).toEqual({ attributes: null, errors: {} });
  });
  it('names the field and the limit for bad values', () => {
    for (const age of ['-1', '151', '2.5', 'ten']) {
      expect(validateAttributes({ ...EMPTY_ATTRIBUTES, age }, { required: false }).errors.age).toBe('Age is a whole number from 0 to 150.');
    }
    expect(validateAttributes({ ...EMPTY_ATTRIBUTES, hair_color: 'x'.repeat(41) }, { required: false }).errors.hair_color).toBe(
      'Hair colour is at most 40 characters (now 41).',
    );
  });
  it('round-trips a character’s attributes into the form', () => {
    expect(attributesToValues({ age: 40, eye_color: 'green' })).toEqual({ ...EMPTY_ATTRIBUTES, age: '40', eye_color: 'green' });
    expect(attributesToValues(null)).toEqual(EMPTY_ATTRIBUTES);
  });
});
