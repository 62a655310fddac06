import { problemJson } from '@reel/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldError = { path: string; message: string };

/**
 * An expected failure with a stable `code`. Domain code throws it; `app.onError` turns it into
 * RFC 9457 problem+json. Anything else that escapes is logged and answered with an opaque 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** Builds the problem+json response for an error; `instance` is the request id. */
export function problemResponse(error: ApiError, instance: string): Response {
  const { status, code, detail, extra, headers } = error;
  return problemJson({ status, code, detail, instance, extra }, headers);
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (detail = 'You may not do this') => new ApiError(403, 'forbidden', detail);
