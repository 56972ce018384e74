/** Request parsing: JSON bodies and zod failures mapped onto the Aurous error envelope. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { invalid, type ApiError } from './errors';

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * One zod issue → one 400: `param` is the issue path joined by '.', the code is
 * `missing_field` (required and absent), `value_out_of_range` (too small/big) or
 * `invalid_format` (anything else). Unknown keys name the first one and list them all.
 */
export function issueToError(issue: Issue, input: unknown): ApiError {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const param = [...path, keys[0] ?? ''].join('.');
    return invalid('invalid_format', `Unknown field(s) not allowed: ${keys.join(', ')}.`, param);
  }
  const param = path.length > 0 ? path.join('.') : null;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return invalid('missing_field', `Missing required field: ${param ?? 'body'}.`, param);
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return invalid('value_out_of_range', `${param ?? 'body'}: ${issue.message}`, param);
  }
  return invalid('invalid_format', `${param ?? 'body'}: ${issue.message}`, param);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw invalid('invalid_format', 'The request is invalid.');
  throw issueToError(first, input);
}

/** Reads the body as JSON (an empty body reads as `{}`); invalid JSON is a 400. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('invalid_format', 'The request body is not valid JSON.');
  }
}

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(c));
}
