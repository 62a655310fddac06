/** Small process helpers shared by the dev scripts (start, test, seed, bench). */
import { type ChildProcess, spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

/** Environment every wrangler invocation gets (TOOLCHAIN.md: no metrics, no cf-object fetch). */
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: process.env.CI ?? 'true',
};

export const PERSIST_DIR = '.wrangler/state';
export const WORKER_CONFIGS = [
  'wrangler.toml',
  'workers/manifest/wrangler.toml',
  'workers/live-relay/wrangler.toml',
];

/** Runs a command to completion, inheriting stdio; throws with the command line if it fails. */
export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): void {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: WRANGLER_ENV, ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

/** Builds the app (Vite) and places the bundled API-docs UI beside it. */
export function buildApp(): void {
  run('vite', ['build', 'app', '--logLevel', 'warn']);
  run('node', ['scripts/vendor-docs-ui.ts']);
}

/** Applies every D1 migration to the local database under PERSIST_DIR. */
export function migrateLocal(persistDir = PERSIST_DIR): void {
  run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], {
    stdio: 'ignore',
  });
}

/** Secrets the media worker shares with the API (playback token keys, the content-key wrapping secret). */
export const MEDIA_SECRETS = ['PLAYBACK_SIGNING_KEYS', 'MEDIA_KEY_SECRET'] as const;

/**
 * Starts the three workers in ONE `wrangler dev` (API primary on `port`) in its own process group, so
 * the whole tree can be stopped with one signal. `--var` reaches only the primary worker, so the media
 * worker's secrets travel as environment variables with CLOUDFLARE_INCLUDE_PROCESS_ENV (a
 * workers/manifest/.dev.vars, if someone made one, would take precedence over them).
 */
export function startDev(
  port: number,
  opts: { quiet?: boolean; persistDir?: string; vars?: Record<string, string> } = {},
): ChildProcess {
  const args = [
    'dev',
    ...WORKER_CONFIGS.flatMap((c) => ['-c', c]),
    '--persist-to',
    opts.persistDir ?? PERSIST_DIR,
  ];
  const vars = opts.vars ?? {};
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  // --test-scheduled: GET /cdn-cgi/local/scheduled runs the cron on demand (local only; tests use it).
  args.push(
    '--port',
    String(port),
    '--inspector-port',
    String(port + 1000),
    '--ip',
    '127.0.0.1',
    '--test-scheduled',
  );
  if (existsSync('workers/manifest/.dev.vars')) {
    console.warn('workers/manifest/.dev.vars overrides the media worker secrets npm scripts pass; remove it');
  }
  const shared = Object.fromEntries(MEDIA_SECRETS.flatMap((n) => (vars[n] ? [[n, vars[n]]] : [])));
  return spawn('wrangler', args, {
    stdio: opts.quiet ? 'ignore' : 'inherit',
    env: { ...WRANGLER_ENV, ...shared, CLOUDFLARE_INCLUDE_PROCESS_ENV: 'true' },
    detached: true,
  });
}

/**
 * Secrets for a throwaway platform (tests, benchmarks), so they never depend on or touch the
 * developer's .dev.vars.
 */
export const ephemeralSecrets = (): Record<string, string> => ({
  AUTH_PEPPER: randomBytes(32).toString('base64url'),
  UPLOAD_SIGNING_KEY: randomBytes(32).toString('base64url'),
  SERVICE_SIGNING_KEY: randomBytes(32).toString('base64url'),
  PLAYBACK_SIGNING_KEYS: `k1=${randomBytes(32).toString('base64url')}`,
  MEDIA_KEY_SECRET: randomBytes(32).toString('base64url'),
});

/** Signals a process group started with `detached: true`. */
export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Polls `url` until it answers 200 or `timeoutMs` passes; fails at once if `child` (the server being
 * waited for) has exited.
 */
export async function waitForOk(url: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`the server for ${url} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}
