import { base64url } from '../ids.ts';

/**
 * Signed upload URLs. The token travels in the URL path (`{uploadId}.{videoId}.{userId}.{expiresAt}.{sig}`)
 * so a tus client that only keeps the `Location` still carries it; the signature is
 * HMAC-SHA256(UPLOAD_SIGNING_KEY, "reel-upload-v1\n" + uploadId + videoId + userId + expiresAt, one per
 * line). Ids never contain `.`, so the token splits unambiguously and the worker can verify it without state.
 */

export type UploadClaims = { uploadId: string; videoId: string; userId: string; expiresAt: number };
export type UploadTokenCheck =
  | { ok: true; claims: UploadClaims }
  | { ok: false; reason: 'upload_signature_invalid' | 'upload_expired' };

const ID = /^[A-Za-z0-9_-]{16}$/;
const encoder = new TextEncoder();

async function hmac(key: string, claims: UploadClaims): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const message = ['reel-upload-v1', claims.uploadId, claims.videoId, claims.userId, claims.expiresAt].join(
    '\n',
  );
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message))));
}

/**
 * The path token for an upload target.
 * @example await signUploadToken(key, { uploadId, videoId, userId, expiresAt: now + 86_400_000 })
 */
export async function signUploadToken(key: string, claims: UploadClaims): Promise<string> {
  const { uploadId, videoId, userId, expiresAt } = claims;
  return `${uploadId}.${videoId}.${userId}.${expiresAt}.${await hmac(key, claims)}`;
}

function parseToken(token: string): { claims: UploadClaims; sig: string } | null {
  const [uploadId, videoId, userId, expires, sig, ...rest] = token.split('.');
  if (rest.length > 0 || !uploadId || !videoId || !userId || !expires || !sig) return null;
  if (![uploadId, videoId, userId].every((id) => ID.test(id)) || !/^\d{1,15}$/.test(expires)) return null;
  return { claims: { uploadId, videoId, userId, expiresAt: Number(expires) }, sig };
}

/** Constant-time comparison of two base64url strings (different lengths differ at once). */
function sameString(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  return x.byteLength === y.byteLength && crypto.subtle.timingSafeEqual(x, y);
}

/**
 * Verifies a path token: the signature first (so an edited expiry is `upload_signature_invalid`), then the
 * expiry against `now`.
 */
export async function verifyUploadToken(key: string, token: string, now: number): Promise<UploadTokenCheck> {
  const parsed = parseToken(token);
  if (!parsed || !sameString(await hmac(key, parsed.claims), parsed.sig)) {
    return { ok: false, reason: 'upload_signature_invalid' };
  }
  if (parsed.claims.expiresAt <= now) return { ok: false, reason: 'upload_expired' };
  return { ok: true, claims: parsed.claims };
}
