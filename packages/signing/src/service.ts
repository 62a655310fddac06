import { base64url, hmacBase64url, sha256Hex, timingSafeEqual, utf8 } from './encoding.ts';

/** Headers of a signed service request (docs/JOBS.md "Signing"). */
export const SERVICE_HEADERS = {
  timestamp: 'x-reel-timestamp',
  nonce: 'x-reel-nonce',
  contentSha256: 'x-reel-content-sha256',
  signature: 'x-reel-signature',
} as const;

/** How far a request's timestamp may be from the verifier's clock, either way. */
export const MAX_SKEW_S = 300;

const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export type SignedParts = {
  method: string;
  /** The request target as sent: path plus `?query`, percent-encoding untouched. */
  path: string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
  /** SHA-256 of the body, lowercase hex (of zero bytes when there is no body). */
  contentSha256: string;
};

/**
 * The string that is signed: `METHOD\nPATH\nTIMESTAMP\nNONCE\nSHA256HEX`.
 * @example canonicalServiceRequest({ method: 'post', path: '/api/internal/jobs/lease', timestamp: 1767225600,
 *   nonce: 'n0nce-n0nce-n0nce', contentSha256: 'e3b0…b855' })
 *   // 'POST\n/api/internal/jobs/lease\n1767225600\nn0nce-n0nce-n0nce\ne3b0…b855'
 */
export const canonicalServiceRequest = (p: SignedParts): string =>
  [p.method.toUpperCase(), p.path, String(p.timestamp), p.nonce, p.contentSha256].join('\n');

/** A fresh random nonce (16 bytes, base64url). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return base64url(bytes);
}

export type SignInput = {
  key: string;
  method: string;
  path: string;
  /** The body to hash; leave out for a bodiless request, or give `contentSha256` for a streamed one. */
  body?: Uint8Array<ArrayBuffer> | string | null;
  contentSha256?: string;
  /** Milliseconds since the epoch (default: now). */
  now?: number;
  nonce?: string;
};

/**
 * Signs a service request and returns the headers to send with it.
 * @example
 * const body = JSON.stringify({ leaseToken: 3, progress: 40 });
 * const headers = await signServiceRequest({ key, method: 'POST', path: '/api/internal/jobs/j1/heartbeat', body });
 * await fetch(base + '/api/internal/jobs/j1/heartbeat', { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
 */
export async function signServiceRequest(input: SignInput): Promise<Record<string, string>> {
  const contentSha256 = input.contentSha256 ?? (await sha256Hex(input.body ?? new Uint8Array()));
  const parts: SignedParts = {
    method: input.method,
    path: input.path,
    timestamp: Math.floor((input.now ?? Date.now()) / 1000),
    nonce: input.nonce ?? newNonce(),
    contentSha256,
  };
  return {
    [SERVICE_HEADERS.timestamp]: String(parts.timestamp),
    [SERVICE_HEADERS.nonce]: parts.nonce,
    [SERVICE_HEADERS.contentSha256]: contentSha256,
    [SERVICE_HEADERS.signature]: await hmacBase64url(input.key, canonicalServiceRequest(parts)),
  };
}

/** Remembers nonces; `claim` answers false when the nonce was already used (a replay). */
export interface NonceStore {
  claim(nonce: string, expiresAt: number): Promise<boolean>;
}

/** An in-memory NonceStore (tests, single-process tools). */
export function memoryNonceStore(): NonceStore {
  const seen = new Map<string, number>();
  return {
    async claim(nonce, expiresAt) {
      if (seen.has(nonce)) return false;
      seen.set(nonce, expiresAt);
      return true;
    },
  };
}

export type VerifyFailure =
  | 'missing_headers'
  | 'timestamp_skew'
  | 'bad_signature'
  | 'body_mismatch'
  | 'replayed';

export type VerifyResult = { ok: true; contentSha256: string } | { ok: false; reason: VerifyFailure };

export type VerifyInput = {
  key: string;
  method: string;
  path: string;
  headers: Headers;
  /**
   * The body as received. When given, its SHA-256 must equal the signed `x-reel-content-sha256`; leave it
   * out for a streamed body and check the hash while streaming (the result carries the signed one).
   */
  body?: Uint8Array<ArrayBuffer> | string;
  /** Milliseconds since the epoch. */
  now: number;
  nonces: NonceStore;
};

/**
 * Verifies a signed service request: headers well formed, timestamp within ±300 s, signature (compared in
 * constant time), body hash, and finally the nonce, claimed only once everything else passed so unsigned
 * traffic cannot fill the store.
 */
export async function verifyServiceRequest(input: VerifyInput): Promise<VerifyResult> {
  const h = (name: string) => input.headers.get(name) ?? '';
  const timestamp = h(SERVICE_HEADERS.timestamp);
  const nonce = h(SERVICE_HEADERS.nonce);
  const contentSha256 = h(SERVICE_HEADERS.contentSha256);
  const signature = h(SERVICE_HEADERS.signature);
  if (!TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || !SHA256_HEX.test(contentSha256) || !signature)
    return { ok: false, reason: 'missing_headers' };
  const ts = Number(timestamp);
  if (Math.abs(ts * 1000 - input.now) > MAX_SKEW_S * 1000) return { ok: false, reason: 'timestamp_skew' };
  const parts = { method: input.method, path: input.path, timestamp: ts, nonce, contentSha256 };
  const expected = await hmacBase64url(input.key, canonicalServiceRequest(parts));
  if (!timingSafeEqual(expected, signature)) return { ok: false, reason: 'bad_signature' };
  if (input.body !== undefined) {
    const bytes = typeof input.body === 'string' ? utf8(input.body) : input.body;
    if ((await sha256Hex(bytes)) !== contentSha256) return { ok: false, reason: 'body_mismatch' };
  }
  // Past ts + MAX_SKEW_S the timestamp check refuses the request anyway, so the nonce can be forgotten then.
  if (!(await input.nonces.claim(nonce, (ts + MAX_SKEW_S) * 1000))) return { ok: false, reason: 'replayed' };
  return { ok: true, contentSha256 };
}
