/**
 * Playback tokens: compact HS256 JWTs (RFC 7519, RFC 7515) carried in the media URL path (DESIGN.md "Playback
 * and enforcement"). Verification recomputes the HMAC over the exact `header.payload` bytes and compares the
 * base64url strings in constant time, so a non-canonical encoding of the same MAC (a different last character
 * with the same decoded bytes) never passes.
 */
import { z } from 'zod';
import { base64url, hmacBase64url, timingSafeEqual, utf8 } from './encoding.ts';
import { decodeBase64url, type KeyRing } from './keyring.ts';

/** Clock skew tolerated on `nbf` and `exp`, in seconds. */
export const TOKEN_LEEWAY_S = 60;
/** Token lifetime: min(now + 2 × duration + 30 min, now + 6 h). */
const LIFETIME_SLACK_S = 30 * 60;
const LIFETIME_MAX_S = 6 * 60 * 60;

/** Policy fields are enums and bitmasks, not codec strings, to keep URLs short. */
export const PlaybackClaims = z.strictObject({
  /** Video id. */
  sub: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  /** Asset version: the attempt folder `videos/{sub}/a/{av}/` of the asset the session plays. */
  av: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Playback session id. */
  sid: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/),
  iat: z.number().int().nonnegative(),
  nbf: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  /** Max short side in pixels. */
  ms: z.number().int().positive().max(8640),
  /** Protection level index (contracts PROTECTION_LEVELS). */
  pl: z.number().int().min(0).max(1),
  /** Device class index (contracts DEVICE_CLASSES). */
  dc: z.number().int().min(0).max(3),
  /** Codec family bitmask (bit i = contracts VIDEO_CODECS[i]). */
  cs: z.number().int().min(1).max(15),
  /** Data saver. */
  ds: z.union([z.literal(0), z.literal(1)]),
  /** The title is AES-128 protected. */
  en: z.union([z.literal(0), z.literal(1)]),
});
export type PlaybackClaims = z.infer<typeof PlaybackClaims>;

const Header = z.object({ alg: z.string(), typ: z.literal('JWT').optional(), kid: z.string() });

export type TokenFailure =
  | 'malformed'
  | 'bad_alg'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid';
export type TokenResult = { ok: true; claims: PlaybackClaims } | { ok: false; reason: TokenFailure };

const SEGMENT = /^[A-Za-z0-9_-]+$/;

const encodeJson = (value: unknown) => base64url(utf8(JSON.stringify(value)));

function decodeJson(part: string): unknown {
  const bytes = decodeBase64url(part);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Signs claims with the ring's active key.
 * @example await signPlaybackToken(claims, ring) // 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.…'
 */
export async function signPlaybackToken(claims: PlaybackClaims, ring: KeyRing): Promise<string> {
  const secret = ring.keys.get(ring.activeKid);
  if (secret === undefined) throw new Error(`signing key ${ring.activeKid} is not in the key ring`);
  const input = `${encodeJson({ alg: 'HS256', typ: 'JWT', kid: ring.activeKid })}.${encodeJson(claims)}`;
  return `${input}.${await hmacBase64url(secret, input)}`;
}

/** Checks the signature before anything in the payload is read; then the claims and the clock. */
export async function verifyPlaybackToken(token: string, ring: KeyRing, nowS: number): Promise<TokenResult> {
  const parts = token.split('.');
  const [head, body, mac] = parts;
  if (parts.length !== 3 || head === undefined || body === undefined || mac === undefined) {
    return { ok: false, reason: 'malformed' };
  }
  if (!parts.every((p) => SEGMENT.test(p))) return { ok: false, reason: 'malformed' };
  const header = Header.safeParse(decodeJson(head));
  if (!header.success) return { ok: false, reason: 'malformed' };
  if (header.data.alg !== 'HS256') return { ok: false, reason: 'bad_alg' };
  const secret = ring.keys.get(header.data.kid);
  if (secret === undefined) return { ok: false, reason: 'unknown_key' };
  if (!timingSafeEqual(await hmacBase64url(secret, `${head}.${body}`), mac)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const claims = PlaybackClaims.safeParse(decodeJson(body));
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (nowS < claims.data.nbf - TOKEN_LEEWAY_S) return { ok: false, reason: 'not_yet_valid' };
  if (nowS >= claims.data.exp + TOKEN_LEEWAY_S) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data };
}

/**
 * When a playback token for a title of `durationS` seconds expires: long enough to watch it twice with
 * pauses, never more than 6 h (DESIGN.md "Playback and enforcement").
 */
export function playbackTokenExpiry(nowS: number, durationS: number): number {
  return Math.min(nowS + Math.ceil(2 * durationS) + LIFETIME_SLACK_S, nowS + LIFETIME_MAX_S);
}
