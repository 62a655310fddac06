/**
 * Attribute lists (RFC 8216bis §4.2): `NAME=value` pairs separated by commas, where a value is a
 * decimal-integer, hexadecimal-sequence, decimal-floating-point, quoted-string, enumerated-string or
 * decimal-resolution. Whether a value is quoted is fixed per attribute name, so the parser records it and
 * the tag parsers check it.
 */

export interface AttributeValue {
  value: string;
  quoted: boolean;
}

export type AttributeList = Map<string, AttributeValue>;

const NAME = /^[A-Z0-9-]+$/;

/** Parses an attribute list; `undefined` when it is malformed (RFC 8216bis §4.2). */
export function parseAttributeList(input: string): AttributeList | undefined {
  const attrs: AttributeList = new Map();
  let rest = input;
  while (rest.length > 0) {
    const eq = rest.indexOf('=');
    if (eq <= 0) return undefined;
    const name = rest.slice(0, eq);
    if (!NAME.test(name) || attrs.has(name)) return undefined;
    const parsed = readValue(rest.slice(eq + 1));
    if (parsed === undefined) return undefined;
    attrs.set(name, parsed.attr);
    rest = parsed.rest;
  }
  return attrs;
}

function readValue(input: string): { attr: AttributeValue; rest: string } | undefined {
  if (input.startsWith('"')) {
    const close = input.indexOf('"', 1);
    if (close < 0) return undefined;
    const after = input.slice(close + 1);
    if (after !== '' && !after.startsWith(',')) return undefined;
    return { attr: { value: input.slice(1, close), quoted: true }, rest: after.slice(1) };
  }
  const comma = input.indexOf(',');
  const value = comma < 0 ? input : input.slice(0, comma);
  if (value === '' || /[\s"]/.test(value)) return undefined;
  return { attr: { value, quoted: false }, rest: comma < 0 ? '' : input.slice(comma + 1) };
}

/** A quoted-string may not contain `"`, CR or LF (RFC 8216bis §4.2). */
export function isQuotable(value: string): boolean {
  return !/["\r\n]/.test(value);
}

/** Serializes `[name, value, quoted]` triples, skipping undefined values. */
export function serializeAttributeList(entries: [string, string | number | undefined, boolean][]): string {
  const parts: string[] = [];
  for (const [name, value, quoted] of entries) {
    if (value === undefined) continue;
    const text = String(value);
    if (quoted && !isQuotable(text)) throw new Error(`${name} cannot be a quoted-string: ${text}`);
    parts.push(quoted ? `${name}="${text}"` : `${name}=${text}`);
  }
  return parts.join(',');
}

/** Formats a decimal-floating-point without exponent, trimming trailing zeros. */
export function formatDecimal(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** Typed readers: each returns the value, `undefined` when absent, or an error string. */
export type Read<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

export function readQuoted(attrs: AttributeList, name: string): Read<string> {
  const attr = attrs.get(name);
  if (attr === undefined) return { ok: true, value: undefined };
  if (!attr.quoted) return { ok: false, reason: `${name} must be a quoted-string` };
  return { ok: true, value: attr.value };
}

export function readEnum<T extends string>(
  attrs: AttributeList,
  name: string,
  allowed: readonly T[],
): Read<T> {
  const attr = attrs.get(name);
  if (attr === undefined) return { ok: true, value: undefined };
  if (attr.quoted) return { ok: false, reason: `${name} is an enumerated-string and must not be quoted` };
  const value = allowed.find((a) => a === attr.value);
  if (value === undefined) return { ok: false, reason: `${name}=${attr.value} is not allowed` };
  return { ok: true, value };
}

export function readInteger(attrs: AttributeList, name: string): Read<number> {
  const attr = attrs.get(name);
  if (attr === undefined) return { ok: true, value: undefined };
  if (attr.quoted || !/^\d{1,20}$/.test(attr.value)) {
    return { ok: false, reason: `${name} must be a decimal-integer` };
  }
  return { ok: true, value: Number(attr.value) };
}

export function readFloat(attrs: AttributeList, name: string): Read<number> {
  const attr = attrs.get(name);
  if (attr === undefined) return { ok: true, value: undefined };
  if (attr.quoted || !/^\d+(\.\d+)?$/.test(attr.value)) {
    return { ok: false, reason: `${name} must be a decimal-floating-point` };
  }
  return { ok: true, value: Number(attr.value) };
}

export function readResolution(attrs: AttributeList, name: string): Read<{ width: number; height: number }> {
  const attr = attrs.get(name);
  if (attr === undefined) return { ok: true, value: undefined };
  const match = /^(\d+)x(\d+)$/.exec(attr.value);
  if (attr.quoted || match === null) return { ok: false, reason: `${name} must be a decimal-resolution` };
  return { ok: true, value: { width: Number(match[1]), height: Number(match[2]) } };
}
