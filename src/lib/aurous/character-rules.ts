/** Which actions the API accepts in which status — so buttons can say why they are disabled. */
import type { Character } from '../../../contract/aurous';
import { messages } from './character-rules-messages';

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
      return no(messages.alreadySaved);
    case 'synthesizing':
      return no(messages.waitForSynthesis);
    case 'failed':
      return no(messages.failedCannotSave);
    case 'deleted':
      return no(messages.deleted);
  }
}

/** Regenerate one pose and resynthesize all share the same states and need a description. */
export function canSynthesize(character: Subject): Availability {
  if (character.status === 'synthesizing') return no(messages.waitForSynthesis);
  if (character.status === 'deleted') return no(messages.deleted);
  if (!hasAttributes(character)) return no(messages.needsDescription);
  return ok;
}

export function canDelete({ status }: Subject): Availability {
  return status === 'deleted' ? no(messages.alreadyDeleted) : ok;
}

export function deleteConsequence({ status }: Subject): string {
  return status === 'reviewing' ? messages.deleteInReview : messages.deleteSaved;
}
