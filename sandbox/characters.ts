/** Character lookups shared by the character routes. */
import type { Sandbox } from './context';
import { notFound } from './errors';
import type { CharacterRecord } from './state';
import { settle } from './synthesis';

/** This team's live character, settled to the current clock; 404 otherwise (never 403). */
export function ownCharacter(sandbox: Sandbox, teamId: string, id: string): CharacterRecord {
  const character = sandbox.state.characters.get(id);
  if (!character || character.teamId !== teamId || character.status === 'deleted') {
    throw notFound(`No such character: ${id}.`, 'id');
  }
  settle(sandbox, character);
  return character;
}
