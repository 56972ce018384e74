/** Records → contract responses, with ref URLs minted from the request's origin. */
import { REF_URL_TTL_MS, type Character, type CharacterRef } from '../../contract/aurous';
import type { Sandbox } from '../context';
import type { CharacterRecord, RefRecord } from '../domain/state';

const HOUR_MS = 60 * 60 * 1000;

/** Expiry rounded up to the hour, so repeated reads within the hour return the same URL. */
export function refUrl(sandbox: Sandbox, origin: string, ref: RefRecord): string {
  const expires = Math.ceil((sandbox.clock.now() + REF_URL_TTL_MS) / HOUR_MS) * HOUR_MS;
  const token = sandbox.signer.sign('ref', ref.id, String(expires));
  return `${origin}/storage/refs/${ref.id}?expires=${expires}&token=${token}`;
}

export function presentCharacter(sandbox: Sandbox, origin: string, record: CharacterRecord): Character {
  const refs: CharacterRef[] = record.refs.map((ref) => ({ pose: ref.pose, url: refUrl(sandbox, origin, ref) }));
  return {
    id: record.id,
    object: 'character',
    name: record.name,
    status: record.status,
    refs,
    created_at: sandbox.clock.iso(record.createdAt),
    updated_at: sandbox.clock.iso(record.updatedAt),
    attributes: record.attributes,
    error_message: record.errorMessage,
    aurous_version: record.aurousVersion,
    client_reference_id: record.clientReferenceId,
  };
}
