/**
 * Content keys of protected titles (AES-128, RFC 8216bis §5.2) at rest: wrapped with AES-KW (RFC 3394) under a
 * key-encryption key derived by HKDF-SHA256 (RFC 5869) from the MEDIA_KEY_SECRET master secret, so D1 never
 * holds a usable key and rotating the master secret needs only a re-wrap.
 */
import { base64url, utf8 } from './encoding.ts';
import { decodeBase64url } from './keyring.ts';

const INFO = utf8('reel content-key wrap v1');
const keks = new Map<string, Promise<CryptoKey>>();

function kek(secret: string): Promise<CryptoKey> {
  let key = keks.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', utf8(secret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: INFO },
          base,
          { name: 'AES-KW', length: 256 },
          false,
          ['wrapKey', 'unwrapKey'],
        ),
      );
    keks.set(secret, key);
  }
  return key;
}

/** A fresh random 16-byte AES-128 content key. */
export const newContentKey = (): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(16));

/** Wraps a 16-byte content key; the result (base64url, 24 bytes) is what D1 stores. */
export async function wrapContentKey(secret: string, raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, true, ['encrypt']);
  return base64url(new Uint8Array(await crypto.subtle.wrapKey('raw', key, await kek(secret), 'AES-KW')));
}

/** Unwraps a stored key; null when it was not wrapped under this secret (AES-KW's integrity check fails). */
export async function unwrapContentKey(secret: string, wrapped: string): Promise<Uint8Array | null> {
  const bytes = decodeBase64url(wrapped);
  if (!bytes) return null;
  try {
    const key = await crypto.subtle.unwrapKey('raw', bytes, await kek(secret), 'AES-KW', 'AES-CBC', true, [
      'encrypt',
    ]);
    const raw = await crypto.subtle.exportKey('raw', key);
    return raw instanceof ArrayBuffer ? new Uint8Array(raw) : null;
  } catch {
    return null;
  }
}
