/** The Aurous error envelope and the one exception type every handler throws. */
import type { ApiErrorBody, ErrorType } from '../../contract/aurous';

export const DOC_URL_BASE = 'https://docs.aurous-labs.com/errors#';

export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export function errorBody(error: ApiError, requestId: string): ApiErrorBody {
  return {
    error: {
      type: error.type,
      code: error.code,
      message: error.message,
      param: error.param,
      doc_url: `${DOC_URL_BASE}${error.code}`,
      request_id: requestId,
    },
  };
}

export const invalid = (code: string, message: string, param: string | null = null): ApiError =>
  new ApiError(400, 'invalid_request', code, message, param);

export const notFound = (message: string, param: string | null = null): ApiError =>
  new ApiError(404, 'not_found', 'resource_not_found', message, param);

export const insufficientCredits = (needed: number, available: number): ApiError =>
  new ApiError(
    402,
    'invalid_request',
    'insufficient_credits',
    `This action needs ${needed} credits; your team has ${available} available.`,
  );
