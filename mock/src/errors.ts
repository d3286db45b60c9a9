import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Failure, FieldErrors, OAuthErrorCode } from './core/result.js';
import { jsonAnswer } from './http/request-notes.js';

/** The API's errors that are not field validation: status and message, in one catalogue. */
export const API_ERRORS = {
  unauthenticated: { status: 401, message: 'Invalid or missing access token' },
  malformedJson: { status: 400, message: 'The request body is not valid JSON.' },
  unsupportedMedia: { status: 415, message: 'Unsupported Content-Type: send application/json.' },
  bodyTooLarge: { status: 413, message: 'The request body exceeds the 1 MB limit for JSON requests.' },
  routeNotFound: { status: 404, message: 'The requested route could not be found.' },
  methodNotAllowed: { status: 405, message: 'This method is not supported for this route.' },
  rateLimited: { status: 429, message: 'Too Many Attempts.' },
  timeout: { status: 408, message: 'The request body was not received in time.' },
  serverError: { status: 500, message: 'Server Error' },
  stateWriteFailed: { status: 503, message: 'The mock could not save the change.' },
  badGateway: { status: 502, message: 'Bad Gateway' },
  serviceUnavailable: { status: 503, message: 'Service Unavailable' },
  stateUnavailable: {
    status: 503,
    message: 'The shared state store cannot be reached; nothing was changed. Try again shortly.',
  },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

export type ApiErrorName = keyof typeof API_ERRORS;

/** The token endpoint's errors: status by OAuth error code (body `{error, error_description, message}`). */
export const OAUTH_ERRORS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_scope: 400,
} as const satisfies Record<OAuthErrorCode, ContentfulStatusCode>;

/** A thrown API error; `app.onError` answers it with the API's body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly errors?: FieldErrors,
    readonly oauth?: { error: OAuthErrorCode; description: string },
  ) {
    super(message);
  }

  /** An OAuth error of the token endpoint; `status` overrides the code's own (an oversized body keeps 413). */
  static oauth(
    error: OAuthErrorCode,
    description: string,
    message = description,
    status: ContentfulStatusCode = OAUTH_ERRORS[error],
  ): ApiError {
    return new ApiError(status, message, undefined, { error, description });
  }

  /** The catalogued error `name`, optionally with a more precise message. */
  static of(name: ApiErrorName, message?: string): ApiError {
    const entry = API_ERRORS[name];
    return new ApiError(entry.status, message ?? entry.message);
  }
}

/** Laravel's summary line of a validation failure: the first message, then how many more. */
export function validationMessage(errors: FieldErrors): string {
  const all = Object.values(errors).flat();
  const first = all[0] ?? 'The given data was invalid.';
  const more = all.length - 1;
  return more > 0 ? `${first} (and ${more} more error${more === 1 ? '' : 's'})` : first;
}

/** Turns a domain failure into the error the API answers. */
export function failureToError(failure: Failure): ApiError {
  switch (failure.kind) {
    case 'not_found':
      return new ApiError(404, failure.message);
    case 'bad_request':
      return new ApiError(400, failure.message);
    case 'validation':
      return new ApiError(422, failure.message ?? validationMessage(failure.errors), failure.errors);
    case 'oauth':
      return ApiError.oauth(failure.error, failure.description, failure.message);
  }
}

/**
 * The one place an error body is written: `{error, error_description, message}` for OAuth errors,
 * `{message, errors}` for 422, `{status:false, message}` otherwise.
 */
export function errorResponse(c: Context, error: ApiError): Response {
  const body = error.oauth
    ? { error: error.oauth.error, error_description: error.oauth.description, message: error.message }
    : error.errors
      ? { message: error.message, errors: error.errors }
      : { status: false, message: error.message };
  return jsonAnswer(c, body, error.status);
}
