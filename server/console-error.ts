/** Errors the console server itself answers with, in the API's own envelope. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, ErrorType } from '../contract/aurous';

export function consoleError(
  c: Context,
  status: ContentfulStatusCode,
  type: ErrorType,
  code: string,
  message: string,
  param: string | null = null,
) {
  const requestId = `req_console_${randomUUID()}`;
  const body: ApiErrorBody = {
    error: { type, code, message, param, doc_url: `https://docs.aurous-labs.com/errors#${code}`, request_id: requestId },
  };
  c.header('Aurous-Request-Id', requestId);
  return c.json(body, status);
}
