/** Which actions the API accepts in which status — so buttons can say why they are disabled. */
import type { Character } from '../../../contract/aurous';

export interface Availability {
  enabled: boolean;
  reason: string | null;
}

const ok: Availability = { enabled: true, reason: null };
const no = (reason: string): Availability => ({ enabled: false, reason });

type Subject = Pick<Character, 'status' | 'attributes'>;

function hasAttributes(character: Subject): boolean {
  return Boolean(character.attributes && Object.values(character.attributes).some((value) => value !== undefined && value !== ''));
}

export function canSave({ status }: Subject): Availability {
  switch (status) {
    case 'reviewing':
      return ok;
    case 'ready':
      return no('Already saved.');
    case 'synthesizing':
      return no('Wait for synthesis to finish.');
    case 'failed':
      return no('A failed character cannot be saved; resynthesize it first.');
    case 'deleted':
      return no('This character was deleted.');
  }
}

/** Regenerate one pose and resynthesize all share the same states and need a description. */
export function canSynthesize(character: Subject): Availability {
  if (character.status === 'synthesizing') return no('Wait for the current synthesis to finish.');
  if (character.status === 'deleted') return no('This character was deleted.');
  if (!hasAttributes(character)) return no('Add a description (Edit details) so poses can be generated.');
  return ok;
}

export function canDelete({ status }: Subject): Availability {
  return status === 'deleted' ? no('Already deleted.') : ok;
}

export function deleteConsequence({ status }: Subject): string {
  return status === 'reviewing'
    ? 'This character is still in review: deleting discards it and its references for good. It cannot be recovered.'
    : 'The character will no longer be usable for new images. Images already made with it are not affected.';
}
