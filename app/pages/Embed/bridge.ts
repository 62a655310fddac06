/**
 * The embed's postMessage API (docs/EMBED.md): messages `{ source: 'reel', version: 1, type, id?, … }`.
 * Commands are accepted only from the frame's parent window at an allowed origin, and events are posted
 * only to that origin, never to `*` (HTML §9.3.3: a `*` target would hand viewing activity to whatever
 * page framed us).
 */

export const SOURCE = 'reel';
export const VERSION = 1;
/** The meta tag the worker writes into /embed/{id} (workers/api/src/domain/page-head.ts). */
export const EMBED_ORIGINS_META = 'reel-embed-origins';

export type MessageId = string | number;
export type Command =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'seek'; time: number }
  | { type: 'setVolume'; volume: number }
  | { type: 'getCurrentTime' };
export type CommandType = Command['type'];

/** A message for us, read: a command, or a refusal to reply with (`id` echoed); null when not ours. */
export type Parsed =
  | { ok: true; id: MessageId | undefined; command: Command }
  | { ok: false; id: MessageId | undefined; type: string; error: 'unknown_command' | 'invalid_argument' };

const isId = (v: unknown): v is MessageId =>
  (typeof v === 'string' && v.length <= 200) || (typeof v === 'number' && Number.isFinite(v));
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a command field by field: the data comes from another origin and is untrusted. */
export function parseCommand(data: unknown): Parsed | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== SOURCE || m.version !== VERSION || typeof m.type !== 'string') return null;
  const id = isId(m.id) ? m.id : undefined;
  const type = m.type;
  const bad = { ok: false as const, id, type, error: 'invalid_argument' as const };
  switch (type) {
    case 'play':
    case 'pause':
    case 'getCurrentTime':
      return { ok: true, id, command: { type } };
    case 'seek':
      return isNumber(m.time) && m.time >= 0 ? { ok: true, id, command: { type, time: m.time } } : bad;
    case 'setVolume':
      return isNumber(m.volume) && m.volume >= 0 && m.volume <= 1
        ? { ok: true, id, command: { type, volume: m.volume } }
        : bad;
    default:
      return { ok: false, id, type, error: 'unknown_command' };
  }
}

/** Which parent origins may command the player: none, any (an empty list), or a list. */
export type EmbedPolicy = { kind: 'none' } | { kind: 'any' } | { kind: 'list'; origins: ReadonlySet<string> };

/**
 * The policy from `<meta name="reel-embed-origins" content='["https://a.example"]'>`. No tag (or one that
 * does not parse) means no origin: the worker omits it for titles nobody signed out may see. An empty list
 * means any origin, as `frame-ancestors *` does for public and unlisted titles.
 */
export function readEmbedPolicy(doc: Document): EmbedPolicy {
  const content = doc.querySelector(`meta[name="${EMBED_ORIGINS_META}"]`)?.getAttribute('content');
  if (content == null) return { kind: 'none' };
  let list: unknown;
  try {
    list = JSON.parse(content);
  } catch {
    return { kind: 'none' };
  }
  if (!Array.isArray(list) || !list.every((o) => typeof o === 'string')) return { kind: 'none' };
  return list.length === 0 ? { kind: 'any' } : { kind: 'list', origins: new Set(list) };
}

/** Opaque origins (`null`: sandboxed frames, data: URLs) are never allowed, whatever the list says. */
export function isAllowed(policy: EmbedPolicy, origin: string): boolean {
  if (origin === 'null' || origin === '') return false;
  if (policy.kind === 'any') return true;
  return policy.kind === 'list' && policy.origins.has(origin);
}

/**
 * The origin of the page that framed us: `location.ancestorOrigins` (Chromium, WebKit) or the referrer's
 * origin (Firefox; the default referrer policy keeps the origin across sites). Null when not framed.
 */
export function parentOrigin(win: Window): string | null {
  if (win.parent === win) return null;
  const ancestor = win.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return win.document.referrer ? new URL(win.document.referrer).origin : null;
  } catch {
    return null;
  }
}
