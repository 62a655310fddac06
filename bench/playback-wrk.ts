/**
 * Cached segment GETs under wrk: the media worker (token verify, policy, Cache API hit) against nginx serving
 * the same bytes from disk, alternating runs with the same threads and connections, both on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, get, getOk, nginxBin, onCleanup, startGroup, tempDir, waitUp } from './playback-lib.ts';

export const WRK_THREADS = 2;
export const WRK_CONNECTIONS = 16;
export const NGINX_WORKERS = 1;
/** wrk's default (2 s) would drop slow answers from its percentiles on a loaded machine; timeouts fail the bench. */
export const WRK_TIMEOUT_S = 10;

export interface WrkFigures {
  rps: number;
  /** Latency percentiles in ms, from `wrk --latency`. */
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  /** Bytes per second, from "Transfer/sec". */
  bytesPerS: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const UNIT_BYTES: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };

function latencyMs(text: string, pct: number): number {
  const m = new RegExp(`^\\s+${pct}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(text);
  const unit = UNIT_MS[m?.[2] ?? ''];
  if (!m || unit === undefined) throw new Error(`wrk output has no ${pct}% latency:\n${text}`);
  return Number(m[1]) * unit;
}

/** Parses `wrk --latency` output; throws on non-2xx answers or socket errors, which would flatter a server. */
export function parseWrk(text: string): WrkFigures {
  const bad = /Non-2xx or 3xx responses: (\d+)/.exec(text) ?? /Socket errors: (.*)/.exec(text);
  if (bad) throw new Error(`wrk reported failures (${bad[0]}):\n${text}`);
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  const transfer = /^Transfer\/sec:\s+([\d.]+)([KMGT]?B)/m.exec(text);
  if (!rps || !transfer) throw new Error(`unexpected wrk output:\n${text}`);
  return {
    rps: Number(rps[1]),
    p50: latencyMs(text, 50),
    p75: latencyMs(text, 75),
    p90: latencyMs(text, 90),
    p99: latencyMs(text, 99),
    bytesPerS: Number(transfer[1]) * (UNIT_BYTES[transfer[2] ?? 'B'] ?? 1),
  };
}

/** One wrk run; killed with everything else if the bench fails or is interrupted meanwhile. */
export function runWrk(url: string, seconds: number): Promise<WrkFigures> {
  const args = [
    `-t${WRK_THREADS}`,
    `-c${WRK_CONNECTIONS}`,
    `-d${seconds}s`,
    `--timeout`,
    `${WRK_TIMEOUT_S}s`,
  ];
  args.push('--latency', url);
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`wrk exited ${code}:\n${out}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (err) {
          reject(err);
        }
      }
    });
  });
}

/**
 * A minimal static server: one worker (workerd serves a worker on one thread too), sendfile, no access log,
 * every path (pid, temp, error log) inside the temp folder so it needs nothing of /etc/nginx or /var.
 */
function nginxConfig(dir: string, www: string, port: number): string {
  const root = process.getuid?.() === 0;
  return `${root ? 'user root;\n' : ''}worker_processes ${NGINX_WORKERS};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  types { video/iso.segment m4s; }
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location = /health { return 200 "ok"; }
  }
}
`;
}

/** Serves `segmentFile` at `/seg_0.m4s` with nginx; returns its URL. */
export async function startNginx(segmentFile: string): Promise<string> {
  const dir = tempDir('bench-nginx');
  const port = await freePort();
  const config = path.join(dir, 'nginx.conf');
  writeFileSync(config, nginxConfig(dir, path.dirname(segmentFile), port));
  const server = startGroup(nginxBin(), ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', config]);
  const base = `http://127.0.0.1:${port}`;
  await waitUp(`${base}/health`, server, 10_000);
  const url = `${base}/${path.basename(segmentFile)}`;
  await getOk(url);
  return url;
}

/** One GET fills the worker's cache; the second must be a hit, or the runs would measure R2 reads. */
export async function warmWorkerCache(url: string): Promise<void> {
  await getOk(url);
  const second = await get(url);
  if (second.status !== 200 || second.headers['x-reel-cache'] !== 'hit')
    throw new Error(`second GET of ${url}: ${second.status}, x-reel-cache ${second.headers['x-reel-cache']}`);
}

export type WrkTarget = 'worker' | 'nginx' | 'workerHealth';
export type WrkResult = Record<WrkTarget, WrkFigures[]>;

/** Alternates the targets (worker, nginx, worker health, worker, …) after one short warm-up run of each. */
export async function compareUnderWrk(urls: Record<WrkTarget, string>, rounds: number, seconds: number) {
  const targets = Object.keys(urls) as WrkTarget[];
  for (const t of targets) await runWrk(urls[t], Math.min(2, seconds));
  const result: WrkResult = { worker: [], nginx: [], workerHealth: [] };
  for (let round = 0; round < rounds; round++) {
    const line: string[] = [];
    for (const t of targets) {
      const f = await runWrk(urls[t], seconds);
      result[t].push(f);
      line.push(`${t} ${f.rps.toFixed(0)} req/s p50 ${f.p50} ms p99 ${f.p99} ms`);
    }
    console.log(`wrk round ${round + 1}: ${line.join('; ')}`);
  }
  return result;
}
