/**
 * The micro-benchmark worker, bundled and run in workerd by bench/playback-micro.ts. Inside workerd the
 * clocks do not advance during CPU work (Spectre mitigation), so this worker times nothing itself: each
 * route runs its operation `n` times and answers, and Node times the request from outside (n = 0 is the
 * HTTP overhead baseline).
 *
 * Routes: /verify, /sign, /rewrite, /start (sign + verify + rewrite: a playback start plus its master request).
 */
import { parsePlaylist, rewriteMaster, serializeMaster } from '../packages/hls/src/index.ts';
import {
  type KeyRing,
  type PlaybackClaims,
  parseKeyRing,
  signPlaybackToken,
  verifyPlaybackToken,
} from '../packages/signing/src/index.ts';

interface Env {
  /** The ladder fixture's master.m3u8, as the media worker holds it in its cache. */
  MASTER: string;
  /** `k1=secret`, like PLAYBACK_SIGNING_KEYS. */
  KEYS: string;
}

/** What the media worker passes to rewriteMaster for a 720p desktop H.264 token (access.ts startShortSide). */
const POLICY = { maxShortSide: 720, codecs: ['h264'] as const, startShortSide: 720 };

const claims = (): PlaybackClaims => {
  const now = Math.floor(Date.now() / 1000);
  return {
    ...{ sub: 'AbCdEfGhIjKlMnOp', av: 'QrStUvWxYz012345-1', sid: 'ZyXwVuTsRqPoNmLk0123' },
    ...{ iat: now, nbf: now, exp: now + 3600, ms: 720, pl: 0, dc: 0, cs: 1, ds: 0, en: 0 },
  };
};

/** Like the media worker's router: the ring is parsed once per isolate, not per request. */
let ring: KeyRing | undefined;
let token = '';

async function verifyOnce(): Promise<number> {
  const r = await verifyPlaybackToken(token, ring as KeyRing, Date.now() / 1000);
  if (!r.ok) throw new Error(`verify failed: ${r.reason}`);
  return r.claims.ms;
}

/** Parse the cached master text, rewrite it for the policy, serialize: the media worker's master request. */
function rewriteOnce(master: string): number {
  const parsed = parsePlaylist(master);
  if (!parsed.ok || parsed.playlist.kind !== 'master') throw new Error('fixture master does not parse');
  const rewritten = rewriteMaster(parsed.playlist, POLICY);
  if (!rewritten.ok) throw new Error('rewrite found no variant');
  return serializeMaster(rewritten.playlist).length;
}

const OPS: Record<string, (env: Env) => Promise<number> | number> = {
  verify: () => verifyOnce(),
  sign: async () => (await signPlaybackToken(claims(), ring as KeyRing)).length,
  rewrite: (env) => rewriteOnce(env.MASTER),
  start: async (env) => {
    token = await signPlaybackToken(claims(), ring as KeyRing);
    return (await verifyOnce()) + rewriteOnce(env.MASTER);
  },
};

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    const op = OPS[url.pathname.slice(1)];
    const n = Number(url.searchParams.get('n') ?? '0');
    if (!op || !Number.isInteger(n) || n < 0) return new Response('no such route', { status: 404 });
    if (!ring) {
      ring = parseKeyRing(env.KEYS, 'k1');
      token = await signPlaybackToken(claims(), ring);
    }
    // The sum is returned so no result is dead code the JIT could drop.
    let sum = 0;
    for (let i = 0; i < n; i++) sum += await op(env);
    return new Response(String(sum));
  },
};
