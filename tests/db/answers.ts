/** Character answers as the API gives them, for the index's database tests. */
import type { Character } from '../../contract/aurous';
import type { CharacterStatus } from '../../contract/constants';

const T0 = Date.parse('2026-03-01T10:00:00Z');

/** Character `n`: created n minutes after T0, updated at `updatedMin` minutes. */
export function answer(n: number, name: string, status: CharacterStatus, updatedMin: number, owner = 'person:p1'): Character {
  return {
    id: `char_${String(n).padStart(4, '0')}`,
    object: 'character',
    name,
    status,
    refs: [],
    created_at: new Date(T0 + n * 60_000).toISOString(),
    updated_at: new Date(T0 + updatedMin * 60_000).toISOString(),
    attributes: null,
    error_message: null,
    aurous_version: '2026-06-19',
    client_reference_id: owner,
  };
}
