import { base64url } from '../ids.ts';

const encoder = new TextEncoder();

/**
 * HMAC-SHA256 of a secret value under the deployment's pepper. Session and reset tokens and rate-limit
 * subjects (IPs, emails) are stored only as these digests, so a copy of D1 yields no usable token and no
 * raw IP address.
 */
export async function keyedDigest(pepper: string, value: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(value));
  return base64url(new Uint8Array(mac));
}
