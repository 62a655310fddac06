import { hmacBase64url, timingSafeEqual } from '@reel/signing';

/** How long a source URL works: long enough to start, short enough to be useless once leaked. */
export const SOURCE_URL_TTL_S = 600;

/** A source object's key (written by the uploads code). */
export const sourceKey = (videoId: string, uploadId: string) => `videos/${videoId}/source/${uploadId}`;

const SOURCE_KEY = /^videos\/([A-Za-z0-9_-]{1,64})\/source\/([A-Za-z0-9_-]{1,64})$/;

/** `{videoId, uploadId}` from a job payload's `sourceKey`, or null when it is not a source key. */
export function parseSourceKey(key: unknown): { videoId: string; uploadId: string } | null {
  const m = typeof key === 'string' ? key.match(SOURCE_KEY) : null;
  return m?.[1] && m[2] ? { videoId: m[1], uploadId: m[2] } : null;
}

/**
 * What a signed internal URL serves. The purpose is the canonical string's first line, so a source URL's
 * signature never verifies as a subtitle URL's (or the reverse), and no service request's canonical string
 * (those start with an HTTP method) can be replayed as either.
 */
export type UrlPurpose = 'reel-source-url' | 'reel-subtitle-url';

const canonical = (purpose: UrlPurpose, videoId: string, name: string, exp: number) =>
  `${purpose}\n${videoId}\n${name}\n${exp}`;

const ROUTES: Record<UrlPurpose, string> = {
  'reel-source-url': 'sources',
  'reel-subtitle-url': 'subtitles',
};

/** `GET /api/internal/{sources|subtitles}/{videoId}/{name}?exp=&sig=` on `origin`, valid `ttlS` seconds. */
export async function signInternalUrl(
  key: string,
  purpose: UrlPurpose,
  input: { origin: string; videoId: string; name: string; now: number; ttlS?: number },
): Promise<string> {
  const exp = Math.floor(input.now / 1000) + (input.ttlS ?? SOURCE_URL_TTL_S);
  const sig = await hmacBase64url(key, canonical(purpose, input.videoId, input.name, exp));
  return `${input.origin}/api/internal/${ROUTES[purpose]}/${input.videoId}/${input.name}?exp=${exp}&sig=${sig}`;
}

/** A source URL for the transcoder (docs/JOBS.md "Source URL"). */
export const signSourceUrl = (
  key: string,
  input: { origin: string; videoId: string; uploadId: string; now: number; ttlS?: number },
): Promise<string> => signInternalUrl(key, 'reel-source-url', { ...input, name: input.uploadId });

export type SourceUrlCheck = { ok: true } | { ok: false; reason: 'url_expired' | 'url_invalid' };

/** Checks a signed internal URL's `exp` and `sig` (constant-time) for `purpose`. */
export async function verifyInternalUrl(
  key: string,
  purpose: UrlPurpose,
  input: { videoId: string; name: string; exp: string | undefined; sig: string | undefined; now: number },
): Promise<SourceUrlCheck> {
  if (!input.exp || !/^\d{1,12}$/.test(input.exp) || !input.sig) return { ok: false, reason: 'url_invalid' };
  const exp = Number(input.exp);
  const expected = await hmacBase64url(key, canonical(purpose, input.videoId, input.name, exp));
  if (!timingSafeEqual(expected, input.sig)) return { ok: false, reason: 'url_invalid' };
  if (exp * 1000 < input.now) return { ok: false, reason: 'url_expired' };
  return { ok: true };
}

/** Checks a source URL's `exp` and `sig` (constant-time). */
export const verifySourceUrl = (
  key: string,
  input: { videoId: string; uploadId: string; exp: string | undefined; sig: string | undefined; now: number },
): Promise<SourceUrlCheck> => verifyInternalUrl(key, 'reel-source-url', { ...input, name: input.uploadId });

export type ByteRange =
  | { kind: 'full' }
  | { kind: 'partial'; offset: number; length: number }
  | { kind: 'unsatisfiable' };

/**
 * One `bytes=` range against an object of `size` bytes (RFC 9110 §14.1.2): `a-b`, open-ended `a-`, suffix
 * `-n`. Anything else (several ranges, other units, garbage) is ignored and the whole object is served,
 * which §14.2 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m) return { kind: 'full' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    const length = Math.min(n, size);
    return { kind: 'partial', offset: size - length, length };
  }
  const offset = Number(first);
  if (offset >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < offset) return { kind: 'full' };
  return { kind: 'partial', offset, length: end - offset + 1 };
}
