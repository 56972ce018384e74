/** Character lookups shared by the character routes. */
import type { Sandbox } from '../context';
import { notFound } from '../http/errors';
import type { CharacterRecord } from './state';
import { settle } from './synthesis';

/**
 * This team's character, settled to the current clock; 404 on `character_id` otherwise (never
 * 403). A soft-deleted one is a 404 too unless `includeDeleted` (idempotent DELETE).
 */
export function ownCharacter(sandbox: Sandbox, teamId: string, id: string, includeDeleted = false): CharacterRecord {
  const character = sandbox.state.characters.get(id);
  if (!character || character.teamId !== teamId || (character.status === 'deleted' && !includeDeleted)) {
    throw notFound(`No such character: ${id}.`, 'character_id');
  }
  settle(sandbox, character);
  return character;
}

/** Removes a character's row and every ref it ever had, so their URLs answer 404. */
export function hardDelete(sandbox: Sandbox, character: CharacterRecord): void {
  sandbox.state.characters.delete(character.id);
  for (const ref of sandbox.state.refs.values()) {
    if (ref.characterId === character.id) sandbox.state.refs.delete(ref.id);
  }
}
