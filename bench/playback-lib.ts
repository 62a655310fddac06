/**
 * Helpers for `npm run bench:playback`: tool checks, free ports, process groups that are always stopped,
 * a keep-alive HTTP client timed from Node, and percentiles.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stopGroup, WRANGLER_ENV, waitForOk } from '../scripts/lib.ts';

export const INSTALL_HINT = 'apt-get install -y wrk nginx-light';

/** Debian's nginx is in /usr/sbin, which is not on every user's PATH; elsewhere it is found on PATH. */
export const nginxBin = (): string => (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

/** Fails before anything starts when wrk or nginx is missing (the bench never downloads anything). */
export function requireTools(): void {
  for (const [bin, args] of [
    ['wrk', ['-v']],
    [nginxBin(), ['-v']],
  ] as const) {
    const r = spawnSync(bin, args, { encoding: 'utf8' });
    if (r.error)
      throw new Error(`${bin} is not installed (${r.error.message}); install it with: ${INSTALL_HINT}`);
  }
}

/** Version lines for the report: `nginx -v` and `wrk -v` print on stderr/stdout and exit non-zero. */
export function toolVersion(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.split('\n')[0]?.trim() ?? bin;
}

/** Things to undo, newest first: run on success, on failure and on SIGINT/SIGTERM. */
const cleanups: (() => Promise<void> | void)[] = [];
export const onCleanup = (fn: () => Promise<void> | void): void => {
  cleanups.push(fn);
};

export async function cleanupAll(): Promise<void> {
  for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) {
    try {
      await fn();
    } catch (err) {
      console.warn('cleanup failed:', String(err));
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers and removing temp folders`);
    void cleanupAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

/** A temp folder removed by cleanupAll. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `reel-${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port nobody listens on now (other engineers run servers on this machine too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  child: ChildProcess;
  /** Idempotent: SIGINT to the group, SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/**
 * Starts a command in its own process group (like scripts/lib.ts startDev) and registers its stop, so no
 * workerd or nginx outlives the bench. Output is kept (last 4 kB) and printed if it dies on its own.
 */
export function startGroup(cmd: string, args: string[], opts: { cwd?: string } = {}): Server {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: WRANGLER_ENV,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let stopping = false;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${cmd} exited on its own (${code ?? signal}):\n${tail}`);
  });
  const stop = async () => {
    stopping = true;
    await stopAndWait(child);
  };
  onCleanup(stop);
  return { child, stop };
}

async function stopAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => {
    child.once('exit', () => resolve(true));
    setTimeout(() => resolve(false), 5000).unref();
  });
  stopGroup(child, 'SIGINT');
  if (!(await exited)) stopGroup(child, 'SIGKILL');
}

/** One socket, kept alive: the timed figure is the request, not a TCP handshake. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
onCleanup(() => agent.destroy());

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** GET over the keep-alive agent, timed with performance.now() from sending to the last body byte. */
export function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - t0,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** GET that must answer 200. */
export async function getOk(url: string): Promise<Answer> {
  const answer = await get(url);
  if (answer.status !== 200)
    throw new Error(`${url} answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
  return answer;
}

/** Polls until `url` answers 200, failing early if the server process died. */
/** Waits for a server this bench started (scripts/lib.ts waitForOk, failing fast if it exited). */
export const waitUp = (url: string, server: Server, timeoutMs = 120_000): Promise<void> =>
  waitForOk(url, timeoutMs, server.child);

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] ?? Number.NaN;
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** Fixed significant-ish rounding for tables: 3 significant digits, at most 2 decimals. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
