/** Signing key rings (rotation by `kid`) and the base64url decoding the verifiers share. */

/** Named HMAC secrets; `activeKid` signs, every key verifies (verifiers learn a new key before signers use it). */
export interface KeyRing {
  activeKid: string;
  keys: ReadonlyMap<string, string>;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;
const MIN_SECRET = 32;

/**
 * Parses `kid=secret,kid=secret` (the PLAYBACK_SIGNING_KEYS secret). Throws on a malformed ring so a
 * misconfigured deployment fails on its first request rather than minting unverifiable tokens. Verifiers
 * that never sign may omit `activeKid` (the first key is named).
 * @example parseKeyRing('k2=…,k1=…', 'k2')
 */
export function parseKeyRing(text: string, activeKid?: string): KeyRing {
  const keys = new Map<string, string>();
  for (const entry of text.split(',')) {
    const at = entry.indexOf('=');
    const kid = entry.slice(0, at).trim();
    const secret = entry.slice(at + 1).trim();
    if (at < 1 || !KID.test(kid))
      throw new Error(`key ring entry "${kid}" needs a kid of [A-Za-z0-9_-]{1,32}`);
    if (secret.length < MIN_SECRET) throw new Error(`key ${kid} must be at least ${MIN_SECRET} characters`);
    if (keys.has(kid)) throw new Error(`key ${kid} is listed twice`);
    keys.set(kid, secret);
  }
  const active = activeKid ?? [...keys.keys()][0] ?? '';
  if (!keys.has(active)) throw new Error(`the active kid ${active} is not in the key ring`);
  return { activeKid: active, keys };
}

/** Decodes unpadded base64url (RFC 4648 §5); null for anything else. */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
