/** The `Edge playback` section of docs/BENCHMARKS.md (also printed to stdout). */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fmt, median, nginxBin, toolVersion } from './playback-lib.ts';
import { MICRO_OPS, type MicroOp, type MicroResult } from './playback-micro.ts';
import { type PlaylistResult, RUNG, SEGMENT_S, SEGMENTS } from './playback-media.ts';
import {
  NGINX_WORKERS,
  WRK_CONNECTIONS,
  WRK_THREADS,
  type WrkFigures,
  type WrkResult,
} from './playback-wrk.ts';

export interface Settings {
  quick: boolean;
  batches: number;
  targetMs: number;
  playlistRequests: number;
  playlistWarmup: number;
  wrkSeconds: number;
  rounds: number;
  segmentBytes: number;
}

export interface Figures {
  micro: MicroResult;
  playlist: PlaylistResult;
  wrk: WrkResult;
  /** 1-minute load average when each part started (the machine is shared). */
  load: { micro: number; playlist: number; wrk: number };
}

const pkgVersion = (name: string): string =>
  (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

function header(s: Settings, f: Figures): string {
  const cpu = os.cpus();
  const versions = [
    `wrangler ${pkgVersion('wrangler')} (workerd ${pkgVersion('workerd')})`,
    toolVersion(nginxBin(), ['-v']).replace('nginx version: ', ''),
    toolVersion('wrk', ['-v']).replace(/ Copyright.*/, ''),
    `Node ${process.version}`,
  ];
  const load = `${f.load.micro.toFixed(1)}, ${f.load.playlist.toFixed(1)}, ${f.load.wrk.toFixed(1)}`;
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; ${new Date().toISOString().slice(0, 10)}; ${versions.join(', ')}. Load average (1 min) when each part started: ${load}.`,
  ];
  if (s.quick)
    lines.push(
      '',
      '**Quick run (`--quick`): short durations, for checking the bench only; not figures to quote.**',
    );
  return lines.join('\n');
}

const MICRO_LABEL: Record<MicroOp, string> = {
  verify: 'token verify (`verifyPlaybackToken`: HS256, strict claims)',
  sign: 'token sign (`signPlaybackToken`, what the API does at playback start)',
  rewrite: 'master rewrite (`parsePlaylist` + `rewriteMaster` 720p/H.264 + `serializeMaster`)',
  start: '**playback start + master request** (sign + verify + rewrite, one op)',
};

function microTable(m: MicroResult): string {
  const rows = MICRO_OPS.map((op) => {
    const f = m.ops[op];
    return `| ${MICRO_LABEL[op]} | ${f.n} | ${fmt(f.p50)} | ${fmt(f.p99)} |`;
  });
  return [
    '| operation, in workerd | ops per batch | p50 µs | p99 µs |',
    '|---|---:|---:|---:|',
    ...rows,
    `| (an \`n=0\` request, the HTTP overhead subtracted: p50 ${fmt(m.baselineP50Ms)} ms) | 0 | | |`,
  ].join('\n');
}

function playlistTable(p: PlaylistResult): string {
  return [
    '| route (media worker, `wrangler dev`) | p50 ms | p99 ms |',
    '|---|---:|---:|',
    `| \`GET /v/{token}/${RUNG}/index.m3u8\`: ${SEGMENTS.toLocaleString('en-US')} segments, ${Math.round(p.bytes / 1024)} KiB | ${fmt(p.playlist.p50)} | ${fmt(p.playlist.p99)} |`,
    `| \`GET /v/health\` (bare route, baseline) | ${fmt(p.health.p50)} | ${fmt(p.health.p99)} |`,
    `| added by the playlist (playlist − baseline) | +${fmt(p.playlist.p50 - p.health.p50)} | +${fmt(p.playlist.p99 - p.health.p99)} |`,
    `| **ratio playlist / baseline** | **${fmt(p.playlist.p50 / p.health.p50)}×** | **${fmt(p.playlist.p99 / p.health.p99)}×** |`,
  ].join('\n');
}

const medianOf = (runs: WrkFigures[], key: keyof WrkFigures) => median(runs.map((r) => r[key]));

function wrkRow(label: string, runs: WrkFigures[]): string {
  const cells = (['p50', 'p75', 'p90', 'p99'] as const).map((k) => fmt(medianOf(runs, k)));
  return `| ${label} | ${fmt(medianOf(runs, 'rps'))} | ${fmt(medianOf(runs, 'bytesPerS') / 2 ** 20)} | ${cells.join(' | ')} |`;
}

function wrkTable(w: WrkResult, s: Settings): string {
  const added = (k: 'p50' | 'p99') => fmt(medianOf(w.worker, k) - medianOf(w.nginx, k));
  const size = `${fmt(s.segmentBytes / 2 ** 20)} MiB`;
  return [
    '| server | req/s | MiB/s | p50 ms | p75 ms | p90 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    wrkRow(`nginx, the ${size} segment from disk (baseline)`, w.nginx),
    wrkRow(`media worker, \`GET /v/{token}/${RUNG}/seg_0.m4s\` (Cache API hit)`, w.worker),
    wrkRow('media worker, `GET /v/health` (context: the local stack with a tiny body)', w.workerHealth),
    `| **media worker vs nginx** | **${fmt(medianOf(w.worker, 'rps') / medianOf(w.nginx, 'rps'))}×** | | **+${added('p50')} ms** | | | **+${added('p99')} ms** |`,
  ].join('\n');
}

function allRuns(w: WrkResult): string {
  const runs = (rs: WrkFigures[]) =>
    rs.map((r) => `${fmt(r.rps)} req/s (p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)} ms)`).join('; ');
  return [
    `- nginx: ${runs(w.nginx)}`,
    `- media worker segment: ${runs(w.worker)}`,
    `- media worker health: ${runs(w.workerHealth)}`,
  ].join('\n');
}

function how(s: Settings, f: Figures): string {
  return `How each figure was measured:

- **In workerd, per operation.** Inside workerd \`Date.now()\`/\`performance.now()\` do not advance during CPU work (Spectre mitigation), so nothing is timed inside. \`bench/playback-worker.ts\` (bundled with esbuild, run alone under \`wrangler dev\` from a temp config) runs an operation N times per request \`/{op}?n=N\` and answers; Node times each request with \`performance.now()\` over one keep-alive socket. Each batch is bracketed by \`n=0\` requests of the same route; per-op time = (batch − mean of the two brackets) / N. N is calibrated per op so a batch costs about ${s.targetMs} ms; ${f.micro.ops.verify.batches} batches per op, the ops interleaved (so drift hits all alike), after 20 warm-up requests of 50 ops each; p50/p99 are over batches (each already an average of N ops, so p99 is of batch means, not of single ops). Verify uses a token of the API's shape and a key ring parsed once per isolate with the HMAC key import cached, as in the media worker's router. The master is the ladder fixture (\`packages/hls/src/fixtures/ladder/master.m3u8\`: 5 H.264 rungs 240–1080, AAC, subtitles), parsed from its text each time as the media worker does with its cached copy; policy 720p, H.264, start rung 720 (a desktop Free-plan token).
- **2-hour media playlist.** The real media worker (\`workers/manifest\`, alone as the primary config of \`wrangler dev\`, secrets by \`--var\`), local D1 migrated and seeded with a ready title, its asset and a live playback session; local R2 holds a generated ${SEGMENTS.toLocaleString('en-US')}-segment playlist (\`#EXTINF:${SEGMENT_S}\`, \`EXT-X-MAP\` init.mp4, VOD, ENDLIST). Every request does what production does for a media playlist: path grammar, token verify, policy, the revocation read in D1, the cached playlist text, the key-URI rewrite pass and the answer. ${s.playlistWarmup} warm-up pairs, then ${s.playlistRequests} pairs of playlist and \`/v/health\` requests alternating on one keep-alive socket; every timed playlist answer was a cache hit (\`x-reel-cache: hit\`).
- **Segments under wrk.** A ${fmt(s.segmentBytes / 2 ** 20)} MiB segment of random bytes (incompressible), put in local R2 and written to disk for nginx. The worker's cache is warmed by one GET and the second must say \`x-reel-cache: hit\`. nginx ${NGINX_WORKERS} worker process (workerd runs a worker on one thread too), \`sendfile on\`, \`access_log off\`, minimal config in a temp folder, its own port; both on 127.0.0.1. \`wrk -t${WRK_THREADS} -c${WRK_CONNECTIONS} -d${s.wrkSeconds}s --latency\` for every target; one short warm-up run each, then ${s.rounds} rounds alternating media worker segment, nginx, media worker health; figures are medians of the rounds; added latency = median worker percentile − median nginx percentile; any non-2xx answer or socket error fails the bench.`;
}

const CAVEATS = `Caveats:

- Load generator, servers and \`wrangler dev\` share the same machine (and, on this one, its cores with other work): the absolute numbers are for orientation, the same-run ratios are what to compare.
- Local workerd is not the edge. \`wrangler dev\` answers on a proxy worker (its own Miniflare/workerd instance) that forwards each request to the worker's instance, so every request crosses one more local hop than in production, body included. The Cache API is Miniflare's simulation (a Durable Object storing bodies in local files), not Cloudflare's edge cache; a hit here reads the segment back through that object. The wrk gap to nginx therefore overstates what the worker adds on Cloudflare; the \`/v/health\` row shows the local stack's own ceiling.
- Local D1 is SQLite in the same process tree; production D1 reads go over the network and usually cost more than here.
- The per-op micro figures are CPU cost in a warm isolate; the first request of an isolate also pays key import and JIT warm-up.`;

export function report(s: Settings, f: Figures): string {
  return [
    header(s, f),
    '### In workerd: per operation',
    microTable(f.micro),
    '### A 2-hour title: media playlist served',
    playlistTable(f.playlist),
    `### Cached segments under wrk (${fmt(s.segmentBytes / 2 ** 20)} MiB, medians of ${s.rounds} alternating runs)`,
    wrkTable(f.wrk, s),
    `All runs:\n\n${allRuns(f.wrk)}`,
    how(s, f),
    CAVEATS,
  ].join('\n\n');
}
