import { characterNameProblem } from '../../contract/character-name';

/** A name field's message: `emptyMessage` when blank, the contract's refusal (which character, where), or none. */
export function nameFieldError(name: string, emptyMessage: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return emptyMessage;
  return characterNameProblem(trimmed) ?? undefined;
}
