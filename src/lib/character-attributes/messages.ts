/** Every user-facing string of the character attribute fields (shared by Synthesize, From images and Edit details). */
import { formatNumber } from '../i18n/format';
import { defineMessages, plural } from '../i18n/messages';
import type { AttributeField } from './attribute-form';

export const messages = defineMessages({
  label: {
    gender: 'Gender',
    age: 'Age',
    ethnicity: 'Ethnicity',
    hair_color: 'Hair colour',
    hair_style: 'Hair style',
    eye_color: 'Eye colour',
    body_type: 'Body type',
    additional_details: 'Additional details',
  },
  suggestions: {
    gender: ['female', 'male', 'non-binary'],
    hair_color: ['black', 'brown', 'blonde', 'red', 'auburn', 'grey', 'white'],
    eye_color: ['brown', 'blue', 'green', 'hazel', 'grey', 'amber'],
    body_type: ['slim', 'average', 'athletic', 'muscular', 'curvy', 'heavy'],
    hair_style: ['short', 'shoulder-length straight', 'long wavy', 'curly', 'braided', 'buzz cut'],
  } as Partial<Record<AttributeField, string[]>>,
  agePlaceholder: 'e.g. 28',
  detailsPlaceholder: 'e.g. small scar above the right eyebrow; warm smile',
  ageInvalid: (min: number, max: number) => `Age is a whole number from ${formatNumber(min)} to ${formatNumber(max)}.`,
  tooLong: (label: string, max: number, length: number) =>
    `${label} is at most ${formatNumber(max)} ${plural(max, { one: 'character', other: 'characters' })} (now ${formatNumber(length)}).`,
  describeRequired: 'Describe the character: fill in at least one attribute.',
});
