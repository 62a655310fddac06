import { z } from 'zod';
import { ApiError } from '../errors.ts';

/**
 * tus 1.0 header rules (https://tus.io/protocols/resumable-upload), kept apart from I/O. Each parser takes
 * the request's headers and returns typed values or throws an `ApiError` carrying `Tus-Resumable`.
 */

export const TUS_VERSION = '1.0.0';
/** tus 1.0 §"Protocol Extensions": the ones we implement (deferred length is refused). */
export const TUS_EXTENSIONS = 'creation,creation-with-upload,termination,expiration';
/** tus 1.0 §"Content Type": every PATCH body. */
export const OFFSET_CONTENT_TYPE = 'application/offset+octet-stream';

type Headers = { get(name: string): string | null };

/** A problem carrying `Tus-Resumable`, which tus 1.0 §"Tus-Resumable" wants on every response. */
export const tusError = (
  status: ConstructorParameters<typeof ApiError>[0],
  code: string,
  detail: string,
  headers: Record<string, string> = {},
) => new ApiError(status, code, detail, {}, { 'tus-resumable': TUS_VERSION, ...headers });

/** A non-negative integer header: digits only (tus 1.0 §"Upload-Offset", §"Upload-Length"). */
const Count = z
  .string()
  .regex(/^\d{1,16}$/)
  .transform(Number)
  .refine(Number.isSafeInteger);

/**
 * tus 1.0 §"Tus-Resumable": every request but OPTIONS names the version; another one is 412 with
 * `Tus-Version`.
 */
export function checkTusResumable(headers: Headers): void {
  const version = headers.get('tus-resumable');
  if (version === TUS_VERSION) return;
  throw tusError(412, 'tus_version_unsupported', `Send Tus-Resumable: ${TUS_VERSION}`, {
    'tus-version': TUS_VERSION,
  });
}

/** A required integer header, or 400 `{code}`. */
function count(headers: Headers, name: string, code: string): number {
  const parsed = Count.safeParse(headers.get(name));
  if (!parsed.success) throw tusError(400, code, `${name} must be a non-negative integer`);
  return parsed.data;
}

/**
 * tus 1.0 §"Creation": `Upload-Length` (≥ 1 here) is required; `Upload-Defer-Length` is refused because
 * the part size is fixed from the length (412 `upload_defer_length_unsupported`).
 */
export function parseUploadLength(headers: Headers): number {
  if (headers.get('upload-defer-length') !== null) {
    throw tusError(
      412,
      'upload_defer_length_unsupported',
      'Deferred lengths are not supported: send Upload-Length',
    );
  }
  const length = count(headers, 'upload-length', 'upload_length_invalid');
  if (length < 1) throw tusError(400, 'upload_length_invalid', 'Upload-Length must be at least 1');
  return length;
}

/** tus 1.0 §"Upload-Metadata": comma-separated `key base64value` pairs; keys unique, ASCII, no spaces. */
export function parseUploadMetadata(value: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || value.trim() === '') return out;
  for (const pair of value.split(',')) {
    const [key, encoded, ...rest] = pair.trim().split(' ');
    if (!key || rest.length > 0 || !/^[\x21-\x7e]+$/.test(key) || key in out) {
      throw tusError(400, 'upload_metadata_invalid', 'Upload-Metadata is malformed');
    }
    out[key] = decodeBase64Value(encoded ?? '');
  }
  return out;
}

function decodeBase64Value(encoded: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(atob(encoded), (ch) => ch.charCodeAt(0)),
    );
  } catch {
    throw tusError(400, 'upload_metadata_invalid', 'Upload-Metadata values must be base64 UTF-8');
  }
}

/** tus 1.0 §"PATCH": the body's media type must be `application/offset+octet-stream` (else 415). */
export function checkOffsetContentType(headers: Headers): void {
  const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== OFFSET_CONTENT_TYPE) {
    throw tusError(415, 'unsupported_media_type', `PATCH bodies must be ${OFFSET_CONTENT_TYPE}`);
  }
}

/** tus 1.0 §"PATCH": `Upload-Offset` is required. */
export const parseUploadOffset = (headers: Headers): number =>
  count(headers, 'upload-offset', 'upload_offset_invalid');

/**
 * The body's announced size: required (411) so a PATCH over `chunkSize` is refused (413) before a byte is
 * read and a body can never run past `Upload-Length`.
 */
export function parseContentLength(headers: Headers, max: number, tooLarge = 'chunk_too_large'): number {
  if (headers.get('content-length') === null) {
    throw tusError(411, 'length_required', 'Send Content-Length with the body');
  }
  const length = count(headers, 'content-length', 'content_length_invalid');
  if (length > max) {
    throw tusError(413, tooLarge, `A request body may carry at most ${max} bytes`, {
      'x-max-chunk-size': String(max),
    });
  }
  return length;
}

/** tus 1.0 §"Expiration": `Upload-Expires` is an RFC 9110 HTTP date. */
export const uploadExpires = (expiresAt: number): string => new Date(expiresAt).toUTCString();
