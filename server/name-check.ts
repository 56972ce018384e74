/**
 * The console server refuses a character name the contract refuses before it reaches the API, so
 * a real API that is laxer than the sandbox never stores a name that reorders the text around it.
 */
import { characterNameProblem } from '../contract/character-name';

const CREATE = /^\/v1\/characters$/;
const UPDATE = /^\/v1\/characters\/[^/]+$/;

/** The refusal message for a create/update body whose `name` the contract refuses, else null. */
export function characterNameRefusal(method: string, path: string, body: Uint8Array): string | null {
  const naming = (method === 'POST' && CREATE.test(path)) || (method === 'PATCH' && UPDATE.test(path));
  if (!naming) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    // Not JSON: the API answers that in its own words.
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('name' in parsed)) return null;
  const { name } = parsed as { name: unknown };
  return typeof name === 'string' ? characterNameProblem(name.trim()) : null;
}
