/**
 * The Aurous character API, declared once.
 *
 * Request bodies are zod schemas (the sandbox validates with them, the console builds requests
 * typed by them); response shapes are plain types (the sandbox produces them, the console and
 * the console server read them). Nothing here imports from src/, server/ or sandbox/.
 */
import { z } from 'zod';

export * from './constants';
import { CHARACTER_STATUSES, MAX_REFS, MIN_REFS, POSES, UPLOAD_CONTENT_TYPES, UPLOAD_EXTENSIONS } from './constants';
import type { CharacterStatus, Pose } from './constants';

// ---------------------------------------------------------------------------------------------
// Request bodies

export const uploadInitBody = z.strictObject({
  filename: z.string().min(1).max(120),
  extension: z.enum(UPLOAD_EXTENSIONS),
  content_type: z.enum(UPLOAD_CONTENT_TYPES),
});
export type UploadInitBody = z.infer<typeof uploadInitBody>;

export const classifyBody = z.strictObject({
  upload_id: z.string().min(1),
});
export type ClassifyBody = z.infer<typeof classifyBody>;

export const attributesSchema = z.strictObject({
  gender: z.string().min(1).max(40).optional(),
  age: z.number().int().min(0).max(150).optional(),
  ethnicity: z.string().min(1).max(60).optional(),
  hair_color: z.string().min(1).max(40).optional(),
  hair_style: z.string().min(1).max(80).optional(),
  eye_color: z.string().min(1).max(40).optional(),
  body_type: z.string().min(1).max(40).optional(),
  additional_details: z.string().max(1000).optional(),
});
export type CharacterAttributes = z.infer<typeof attributesSchema>;

import { NAME_MAX } from './constants';
import { characterNameProblem } from './character-name';
export { characterNameProblem } from './character-name';
/** Trimmed, 1–NAME_MAX long, and free of what characterNameProblem refuses (bidi controls, NUL…). */
export const characterName = z
  .string()
  .trim()
  .min(1)
  .max(NAME_MAX)
  .superRefine((name, context) => {
    const problem = characterNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** POST /v1/characters: both flows in one body; the both/neither rule is checked by the handler. */
export const createCharacterBody = z.strictObject({
  name: characterName,
  generate: z.boolean().optional(),
  upload_ids: z.array(z.string().min(1)).min(MIN_REFS).max(MAX_REFS).optional(),
  attributes: attributesSchema.nullable().optional(),
  client_reference_id: z.string().max(256).optional(),
});
export type CreateCharacterBody = z.infer<typeof createCharacterBody>;

export const updateCharacterBody = z.strictObject({
  name: characterName.optional(),
  attributes: attributesSchema.nullable().optional(),
});
export type UpdateCharacterBody = z.infer<typeof updateCharacterBody>;

export const regenerateRefBody = z.strictObject({
  pose: z.enum(POSES),
  prompt_override: z.string().max(4000).optional(),
});
export type RegenerateRefBody = z.infer<typeof regenerateRefBody>;

export const resynthesizeBody = z.strictObject({
  force_all: z.boolean().optional(),
});
export type ResynthesizeBody = z.infer<typeof resynthesizeBody>;

export const listCharactersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  starting_after: z.string().min(1).optional(),
  status: z.enum(CHARACTER_STATUSES).exclude(['deleted']).optional(),
});
export type ListCharactersQuery = z.input<typeof listCharactersQuery>;

// ---------------------------------------------------------------------------------------------
// Responses

export interface UploadInitResponse {
  upload_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
  expires_at: string;
}

export interface ClassifyResponse {
  upload_id: string;
  pose: Pose;
  confidence: number;
}

export interface CharacterRef {
  pose: Pose;
  url: string;
}

export interface Character {
  id: string;
  object: 'character';
  name: string;
  status: CharacterStatus;
  refs: CharacterRef[];
  created_at: string;
  updated_at: string;
  attributes: CharacterAttributes | null;
  error_message: string | null;
  aurous_version: string;
  client_reference_id?: string | null;
}

export interface DeletedCharacter {
  id: string;
  object: 'character';
  deleted: true;
  /** true when a reviewing character was discarded for good (row removed). */
  hard_deleted: boolean;
}

export interface CharacterList {
  object: 'list';
  data: Character[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface Balance {
  credits: number;
  held_credits: number;
  available_credits: number;
  currency: 'credit';
  billing_mode: string;
}
