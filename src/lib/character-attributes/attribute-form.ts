/**
 * The attributes form's values (all strings, as inputs hold them) and their validation into the
 * API's typed attributes. Pure, so every rule is unit-tested.
 */
import type { CharacterAttributes } from '../../../contract/aurous';
import { messages } from './messages';

export const ATTRIBUTE_FIELDS = [
  'gender',
  'age',
  'ethnicity',
  'hair_color',
  'hair_style',
  'eye_color',
  'body_type',
  'additional_details',
] as const;
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number];
export type AttributeValues = Record<AttributeField, string>;

export const EMPTY_ATTRIBUTES: AttributeValues = {
  gender: '',
  age: '',
  ethnicity: '',
  hair_color: '',
  hair_style: '',
  eye_color: '',
  body_type: '',
  additional_details: '',
};

export const ATTRIBUTE_LABEL: Record<AttributeField, string> = messages.label;

/** Longest value each text field takes (the contract's caps). */
export const ATTRIBUTE_MAX: Record<Exclude<AttributeField, 'age'>, number> = {
  gender: 40,
  ethnicity: 60,
  hair_color: 40,
  hair_style: 80,
  eye_color: 40,
  body_type: 40,
  additional_details: 1000,
};

export type AttributeErrors = Partial<Record<AttributeField | 'form', string>>;

export function attributesToValues(attributes: CharacterAttributes | null | undefined): AttributeValues {
  const values = { ...EMPTY_ATTRIBUTES };
  if (!attributes) return values;
  for (const field of ATTRIBUTE_FIELDS) {
    const value = attributes[field];
    if (value !== undefined) values[field] = String(value);
  }
  return values;
}

/** Typed attributes, or the errors per field. `required` asks for at least one filled field. */
export function validateAttributes(
  values: AttributeValues,
  { required }: { required: boolean },
): { attributes: CharacterAttributes | null; errors: AttributeErrors } {
  const errors: AttributeErrors = {};
  const attributes: CharacterAttributes = {};
  for (const field of ATTRIBUTE_FIELDS) {
    const raw = values[field].trim();
    if (!raw) continue;
    if (field === 'age') {
      const age = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isInteger(age) || age < 0 || age > 150) errors.age = messages.ageInvalid(0, 150);
      else attributes.age = age;
      continue;
    }
    const max = ATTRIBUTE_MAX[field];
    if (raw.length > max) errors[field] = messages.tooLong(ATTRIBUTE_LABEL[field], max, raw.length);
    else attributes[field] = raw;
  }
  const empty = Object.keys(attributes).length === 0;
  if (required && empty && Object.keys(errors).length === 0) {
    errors.form = messages.describeRequired;
  }
  return { attributes: empty ? null : attributes, errors };
}
