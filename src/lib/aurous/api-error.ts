import { isApiErrorBody, type ErrorType } from '../../../contract/constants';
import { formatSeconds } from '../i18n/format';
import { messages } from './messages';

/**
 * A wait up to this long is a short moment: the console server queues such calls silently, and
 * the page says nothing. Longer, and a person's own action says "Waiting for the API (N s)".
 */
export const SHORT_WAIT_S = 2;

/** A failed API call, in the API's own terms, plus what the console needs to decide on a retry. */
export class AurousApiError extends Error {
  readonly status: number;
  readonly type: ErrorType | 'network';
  readonly code: string;
  readonly param: string | null;
  readonly requestId: string | null;
  /** Seconds to wait before retrying, from Retry-After (429). */
  readonly retryAfterS: number | null;
  /** When the answer came (Date.now()), so a wait can count down from Retry-After. */
  readonly receivedAt = Date.now();

  constructor(init: {
    status: number;
    type: ErrorType | 'network';
    code: string;
    message: string;
    param?: string | null;
    requestId?: string | null;
    retryAfterS?: number | null;
  }) {
    super(init.message);
    this.name = 'AurousApiError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterS = init.retryAfterS ?? null;
  }

  static network(message = messages.errors.unreachable): AurousApiError {
    return new AurousApiError({ status: 0, type: 'network', code: 'network_error', message });
  }

  /** The team's rate budget keeps this call waiting `retryAfterS` (the console server's own 429 has this code). */
  static waitingForApi(retryAfterS: number): AurousApiError {
    return new AurousApiError({
      status: 429,
      type: 'rate_limit',
      code: 'waiting_for_api',
      message: messages.retrying.waitingForApi(),
      retryAfterS,
    });
  }

  static async fromResponse(response: Response): Promise<AurousApiError> {
    const retryAfter = Number(response.headers.get('retry-after'));
    const requestId = response.headers.get('aurous-request-id');
    const body: unknown = await response.json().catch(() => null);
    if (isApiErrorBody(body)) {
      return new AurousApiError({
        status: response.status,
        type: body.error.type,
        code: body.error.code,
        message: body.error.message,
        param: body.error.param,
        requestId: body.error.request_id ?? requestId,
        retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      });
    }
    return new AurousApiError({
      status: response.status,
      type: response.status >= 500 ? 'server_error' : 'invalid_request',
      code: `http_${response.status}`,
      message: messages.errors.httpStatus(response.status),
      requestId,
    });
  }
}

/** A sentence for people: what went wrong and, where it helps, what to do. */
export function describeError(error: unknown): string {
  if (!(error instanceof AurousApiError)) return error instanceof Error ? error.message : messages.errors.generic;
  switch (error.code) {
    case 'too_many_requests':
      return messages.errors.tooManyRequests(error.retryAfterS ? formatSeconds(error.retryAfterS) : null);
    case 'insufficient_credits':
      return messages.errors.insufficientCredits(error.message);
    case 'resource_not_found':
      return messages.errors.notFound;
    case 'upload_invalid':
      return messages.errors.uploadInvalid;
    case 'invalid_api_key':
    case 'missing_api_key':
      return messages.errors.apiKeyRefused;
    default:
      return error.param ? messages.errors.withField(error.message, error.param) : error.message;
  }
}
