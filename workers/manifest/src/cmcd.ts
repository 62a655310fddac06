import { CMCD_KEYS, type CmcdEvent, type CmcdFields, type CmcdKey, type CmcdValue } from '@reel/metrics';
import { z } from 'zod';

/**
 * CTA-5004 Common Media Client Data: what a player tells us about each media request. Clients send it
 * either as the `CMCD` query parameter (one URL-encoded list, keys sorted) or as four headers
 * (CMCD-Object, CMCD-Request, CMCD-Session, CMCD-Status) (CTA-5004 §2). Both carry RFC 8941-style
 * `key[=value]` pairs separated by commas: strings quoted, tokens bare, a bare key meaning `true`.
 * Everything here is client input: entries that do not parse or validate are dropped; nothing throws.
 */

export type Cmcd = CmcdFields;

/** Longest CMCD text read (per header or the query value); longer input is ignored as a whole. */
export const MAX_CMCD_LENGTH = 4096;
const MAX_CUSTOM_KEYS = 16;
const MAX_CUSTOM_VALUE = 128;
const CUSTOM_KEY = /^[A-Za-z*][A-Za-z0-9_.*]*-[A-Za-z0-9_.*-]*$/;
/** RFC 8941 §3.3.3: strings are printable ASCII. */
const PRINTABLE = /^[\x20-\x7e]*$/;

const int = z.number().int().min(0).max(999_999_999_999_999);
const str = (max: number) => z.string().max(max).regex(PRINTABLE);

/** CTA-5004 §3.3 key types; `cid` and `sid` are limited to 64 characters by the spec. */
const KEY_SCHEMAS = {
  br: int,
  bl: int,
  bs: z.boolean(),
  cid: str(64),
  d: int,
  dl: int,
  mtp: int,
  nor: str(1024).min(1),
  nrr: z.string().regex(/^(\d{1,15}-\d{0,15}|-\d{1,15})$/),
  ot: z.enum(['m', 'a', 'v', 'av', 'i', 'c', 'tt', 'k', 'o']),
  pr: z.number().min(0).max(1000),
  rtp: int,
  sf: z.enum(['d', 'h', 's', 'o']),
  sid: str(64),
  st: z.enum(['v', 'l']),
  su: z.boolean(),
  tb: int,
  v: z.number().int().min(1).max(999),
} satisfies { [K in CmcdKey]: z.ZodType<CmcdFields[K]> };

/** Keys whose wire form is a Token (bare), not a quoted String (CTA-5004 §3.3). */
const TOKEN_KEYS: ReadonlySet<string> = new Set(['ot', 'sf', 'st']);
/** CTA-5004 §2.2: which header carries which key (custom keys travel in CMCD-Request). */
const HEADER_OF: Record<CmcdKey, CmcdHeader> = {
  br: 'CMCD-Object',
  d: 'CMCD-Object',
  ot: 'CMCD-Object',
  tb: 'CMCD-Object',
  bl: 'CMCD-Request',
  dl: 'CMCD-Request',
  mtp: 'CMCD-Request',
  nor: 'CMCD-Request',
  nrr: 'CMCD-Request',
  su: 'CMCD-Request',
  cid: 'CMCD-Session',
  pr: 'CMCD-Session',
  sf: 'CMCD-Session',
  sid: 'CMCD-Session',
  st: 'CMCD-Session',
  v: 'CMCD-Session',
  bs: 'CMCD-Status',
  rtp: 'CMCD-Status',
};
export const CMCD_HEADERS = ['CMCD-Object', 'CMCD-Request', 'CMCD-Session', 'CMCD-Status'] as const;
export type CmcdHeader = (typeof CMCD_HEADERS)[number];

const isKnown = (key: string): key is CmcdKey => Object.hasOwn(KEY_SCHEMAS, key);

/**
 * CMCD of a request: the `CMCD` query parameter when present, else the four CMCD headers merged.
 * Null when the request carries no valid CMCD at all.
 * @example parseCmcd(new Request('https://m.example/v/t/seg_1.m4s?CMCD=br%3D3200%2Cot%3Dv')) // {br: 3200, ot: 'v'}
 */
export function parseCmcd(request: Request): Cmcd | null {
  const query = new URL(request.url).searchParams.get('CMCD');
  if (query !== null) return parseCmcdText(query);
  const texts = CMCD_HEADERS.map((h) => request.headers.get(h)).filter((t) => t !== null);
  return texts.length === 0 ? null : mergeCmcd(texts.map(parseCmcdText));
}

/** Parses one CMCD list (a header value, or the query value already URL-decoded). */
export function parseCmcdText(text: string): Cmcd | null {
  if (text.length > MAX_CMCD_LENGTH) return null;
  const out: Cmcd = {};
  for (const [key, raw] of splitPairs(text)) addEntry(out, key, raw);
  return isEmpty(out) ? null : out;
}

function mergeCmcd(parts: (Cmcd | null)[]): Cmcd | null {
  const out: Cmcd = {};
  for (const part of parts) {
    if (!part) continue;
    const { custom, ...known } = part;
    Object.assign(out, known);
    for (const [k, v] of Object.entries(custom ?? {})) setCustom(out, k, v);
  }
  return isEmpty(out) ? null : out;
}

const isEmpty = (c: Cmcd) => Object.keys(c).length === 0;

function addEntry(out: Cmcd, key: string, raw: CmcdValue): void {
  if (isKnown(key)) {
    const parsed = KEY_SCHEMAS[key].safeParse(raw);
    // Last one wins for a repeated key (RFC 8941 §4.2.2).
    if (parsed.success) Object.assign(out, { [key]: parsed.data });
    return;
  }
  if (!CUSTOM_KEY.test(key) || key.length > 64) return;
  if (typeof raw === 'string' && (raw.length > MAX_CUSTOM_VALUE || !PRINTABLE.test(raw))) return;
  setCustom(out, key, raw);
}

function setCustom(out: Cmcd, key: string, value: CmcdValue): void {
  const custom = out.custom ?? {};
  if (!Object.hasOwn(custom, key) && Object.keys(custom).length >= MAX_CUSTOM_KEYS) return;
  custom[key] = value;
  out.custom = custom;
}

/** Splits `k1=v1,k2,k3="a,b"` into pairs, honouring quoted strings; malformed pairs are skipped. */
function* splitPairs(text: string): Generator<[string, CmcdValue]> {
  let i = 0;
  while (i < text.length) {
    const keyEnd = indexOfAny(text, '=,', i);
    const key = text.slice(i, keyEnd).trim();
    if (text[keyEnd] !== '=') {
      if (key) yield [key, true];
      i = keyEnd + 1;
      continue;
    }
    const { value, end } = readValue(text, keyEnd + 1);
    if (key && value !== undefined) yield [key, value];
    i = end + 1;
  }
}

/** Reads one value starting at `start`; `end` is the index of the comma after it (or the length). */
function readValue(text: string, start: number): { value: CmcdValue | undefined; end: number } {
  let i = start;
  while (text[i] === ' ') i++;
  if (text[i] !== '"') {
    const end = indexOfAny(text, ',', i);
    return { value: bareValue(text.slice(i, end).trim()), end };
  }
  // RFC 8941 §4.2.5: a quoted string with `\"` and `\\` escapes.
  let s = '';
  for (i++; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = indexOfAny(text, ',', i + 1);
      const trailing = text.slice(i + 1, end).trim();
      return { value: trailing === '' ? s : undefined, end };
    }
    if (ch === '\\') {
      const next = text[++i];
      if (next !== '"' && next !== '\\') return { value: undefined, end: indexOfAny(text, ',', i) };
      s += next;
    } else s += ch;
  }
  return { value: undefined, end: text.length };
}

/** RFC 8941 bare items: `?1`/`?0` booleans, integers (≤ 15 digits), decimals (≤ 3 places), else a token. */
function bareValue(raw: string): CmcdValue | undefined {
  if (raw === '?1') return true;
  if (raw === '?0') return false;
  if (/^-?\d{1,15}$/.test(raw) || /^-?\d{1,12}\.\d{1,3}$/.test(raw)) return Number(raw);
  return /^[A-Za-z*][!#$%&'*+\-.^_`|~:/0-9A-Za-z]*$/.test(raw) ? raw : undefined;
}

function indexOfAny(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i] ?? '')) return i;
  return text.length;
}

/**
 * Serializes CMCD as CTA-5004 §3.2 asks: keys sorted, `true` as a bare key, `false` as `?0`, strings
 * quoted, tokens bare. `parseCmcdText(serializeCmcd(c))` equals `c` for valid data.
 */
export function serializeCmcd(cmcd: Cmcd): string {
  return entriesOf(cmcd)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => serializePair(key, value))
    .join(',');
}

/** The same data as the four CMCD request headers (empty ones left out). */
export function cmcdHeaders(cmcd: Cmcd): Partial<Record<CmcdHeader, string>> {
  const groups: Partial<Record<CmcdHeader, Cmcd>> = {};
  for (const [key, value] of entriesOf(cmcd)) {
    const header = isKnown(key) ? HEADER_OF[key] : 'CMCD-Request';
    const group = groups[header] ?? {};
    if (isKnown(key)) Object.assign(group, { [key]: value });
    else group.custom = { ...group.custom, [key]: value };
    groups[header] = group;
  }
  const out: Partial<Record<CmcdHeader, string>> = {};
  for (const header of CMCD_HEADERS) {
    const group = groups[header];
    if (group) out[header] = serializeCmcd(group);
  }
  return out;
}

function entriesOf(cmcd: Cmcd): [string, CmcdValue][] {
  const entries: [string, CmcdValue][] = [];
  for (const key of CMCD_KEYS) {
    const value = cmcd[key];
    if (value !== undefined) entries.push([key, value]);
  }
  return [...entries, ...Object.entries(cmcd.custom ?? {})];
}

function serializePair(key: string, value: CmcdValue): string {
  if (value === true) return key;
  if (value === false) return `${key}=?0`;
  if (typeof value === 'number') return `${key}=${serializeNumber(value)}`;
  if (TOKEN_KEYS.has(key)) return `${key}=${value}`;
  return `${key}="${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** RFC 8941 §4.1.5: at most three fractional digits. */
const serializeNumber = (n: number) =>
  Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);

/**
 * The metrics event for a media request, or null when it carries no CMCD.
 * @example const event = cmcdEvent(request, { videoId, sessionId, path: 'h264-720/seg_3.m4s' });
 * if (event) ctx.waitUntil(sink.record(event));
 */
export function cmcdEvent(request: Request, ctx: Omit<CmcdEvent, 'kind' | 'cmcd'>): CmcdEvent | null {
  const cmcd = parseCmcd(request);
  return cmcd ? { kind: 'cmcd', ...ctx, cmcd } : null;
}
