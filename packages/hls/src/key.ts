/**
 * EXT-X-KEY (RFC 8216bis §4.4.4.4): how the segments that follow it, and an EXT-X-MAP that follows it, are
 * encrypted. Parsing and writing live here so parse.ts and serialize.ts share one reading of the tag.
 */
import {
  type AttributeList,
  parseAttributeList,
  type Read,
  readEnum,
  readQuoted,
  serializeAttributeList,
} from './attributes.ts';
import type { SegmentKey } from './types.ts';

const METHODS = ['NONE', 'AES-128', 'SAMPLE-AES', 'SAMPLE-AES-CTR'] as const;
const IV_BYTES = 16;

/** A hexadecimal-sequence (§4.2) holding a 128-bit unsigned integer, left-padded to 16 bytes. */
function readIv(attrs: AttributeList): Read<Uint8Array> {
  const attr = attrs.get('IV');
  if (attr === undefined) return { ok: true, value: undefined };
  const match = /^0[xX]([0-9a-fA-F]{1,32})$/.exec(attr.value);
  if (attr.quoted || match?.[1] === undefined) {
    return { ok: false, reason: 'IV must be a hexadecimal-sequence of at most 128 bits' };
  }
  const hex = match[1].padStart(IV_BYTES * 2, '0');
  const iv = new Uint8Array(IV_BYTES);
  for (let i = 0; i < IV_BYTES; i++) iv[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, value: iv };
}

const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const fail = (reason: string): Read<SegmentKey> => ({ ok: false, reason });

/**
 * Reads the attribute list of an EXT-X-KEY tag (the text after the colon).
 * @example parseKey('METHOD=AES-128,URI="../keys/sd.key"') // { ok: true, value: { method: 'AES-128', uri: … } }
 */
export function parseKey(text: string): Read<SegmentKey> {
  const attrs = parseAttributeList(text);
  if (attrs === undefined) return fail('malformed attribute list');
  const method = readEnum(attrs, 'METHOD', METHODS);
  if (!method.ok) return method;
  if (method.value === undefined) return fail('missing METHOD');
  // §4.4.4.4: with METHOD=NONE, other attributes MUST NOT be present.
  if (method.value === 'NONE') {
    return attrs.size === 1
      ? { ok: true, value: { method: 'NONE' } }
      : fail('METHOD=NONE takes no other attribute');
  }
  const uri = readQuoted(attrs, 'URI');
  const iv = readIv(attrs);
  const keyFormat = readQuoted(attrs, 'KEYFORMAT');
  const versions = readQuoted(attrs, 'KEYFORMATVERSIONS');
  for (const read of [uri, iv, keyFormat, versions]) if (!read.ok) return fail(read.reason);
  if (!uri.ok || uri.value === undefined) return fail(`METHOD=${method.value} needs a URI`);
  const key: SegmentKey = { method: method.value, uri: uri.value };
  if (iv.ok && iv.value !== undefined) key.iv = iv.value;
  if (keyFormat.ok && keyFormat.value !== undefined) key.keyFormat = keyFormat.value;
  if (versions.ok && versions.value !== undefined) key.keyFormatVersions = versions.value;
  return { ok: true, value: key };
}

/**
 * Writes an EXT-X-KEY line; `undefined` (no key) is written as `METHOD=NONE`, which ends the previous key.
 * @example keyLine({ method: 'AES-128', uri: 'k.key' }) // '#EXT-X-KEY:METHOD=AES-128,URI="k.key"'
 */
export function keyLine(key: SegmentKey | undefined): string {
  const k = key ?? { method: 'NONE' };
  return `#EXT-X-KEY:${serializeAttributeList([
    ['METHOD', k.method, false],
    ['URI', k.uri, true],
    ['IV', k.iv && `0x${hexOf(k.iv)}`, false],
    ['KEYFORMAT', k.keyFormat, true],
    ['KEYFORMATVERSIONS', k.keyFormatVersions, true],
  ])}`;
}

/** Whether two keys are the same tag (both absent counts as the same). */
export function sameKey(a: SegmentKey | undefined, b: SegmentKey | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.method === b.method &&
    a.uri === b.uri &&
    a.keyFormat === b.keyFormat &&
    a.keyFormatVersions === b.keyFormatVersions &&
    (a.iv === undefined ? '' : hexOf(a.iv)) === (b.iv === undefined ? '' : hexOf(b.iv))
  );
}

/** Whether a key leaves media clear: no key tag yet, or METHOD=NONE. */
export const isClear = (key: SegmentKey | undefined): boolean => key === undefined || key.method === 'NONE';
