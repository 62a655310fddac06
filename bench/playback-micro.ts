/**
 * Per-operation cost in workerd of token verify, token sign and the master rewrite, timed from Node (workerd's
 * clocks stand still during CPU work). bench/playback-worker.ts is bundled with esbuild and run alone under
 * `wrangler dev` from a temp config; every batch request `/{op}?n=N` is bracketed by `n=0` requests (the HTTP
 * overhead), and per-op time = (batch − mean of the two brackets) / N.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { freePort, getOk, median, percentile, startGroup, tempDir, waitUp } from './playback-lib.ts';

export const MICRO_OPS = ['verify', 'sign', 'rewrite', 'start'] as const;
export type MicroOp = (typeof MICRO_OPS)[number];

export interface MicroFigures {
  /** Operations per batch request, calibrated so a batch takes about `targetMs`. */
  n: number;
  /** Per-operation µs over batches. */
  p50: number;
  p99: number;
  batches: number;
}

export interface MicroResult {
  ops: Record<MicroOp, MicroFigures>;
  /** The n = 0 request, ms (what was subtracted). */
  baselineP50Ms: number;
  targetMs: number;
}

const MASTER = 'packages/hls/src/fixtures/ladder/master.m3u8';

/** Bundles the worker and writes a wrangler.json beside it, so wrangler does no bundling or watching of ours. */
async function prepare(dir: string): Promise<string> {
  await build({
    entryPoints: ['bench/playback-worker.ts'],
    outfile: path.join(dir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'warning',
  });
  const config = {
    name: `reel-bench-playback-${process.pid}`,
    main: 'worker.js',
    no_bundle: true,
    compatibility_date: '2026-08-01',
    vars: { MASTER: readFileSync(MASTER, 'utf8'), KEYS: `k1=${randomBytes(32).toString('base64url')}` },
  };
  const file = path.join(dir, 'wrangler.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** µs per op of one batch, given the n = 0 requests before and after it. */
const perOp = (batchMs: number, before: number, after: number, n: number) =>
  ((batchMs - (before + after) / 2) / n) * 1000;

/** Picks N so one batch costs about `targetMs` of CPU in workerd (median of 5 probes of n = 100). */
async function calibrate(base: string, op: MicroOp, targetMs: number): Promise<number> {
  const estimates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = (await getOk(`${base}/${op}?n=0`)).ms;
    const batch = (await getOk(`${base}/${op}?n=100`)).ms;
    const after = (await getOk(`${base}/${op}?n=0`)).ms;
    estimates.push(Math.max(perOp(batch, before, after, 100), 0.5));
  }
  return Math.min(100_000, Math.max(10, Math.round((targetMs * 1000) / median(estimates))));
}

/** Interleaves the ops (b, verify, b, sign, b, …) so drift on a shared machine hits every op alike. */
async function measure(base: string, ns: Record<MicroOp, number>, batches: number) {
  const samples: Record<MicroOp, number[]> = { verify: [], sign: [], rewrite: [], start: [] };
  const baselines: number[] = [];
  let before = (await getOk(`${base}/verify?n=0`)).ms;
  baselines.push(before);
  for (let i = 0; i < batches; i++) {
    for (const op of MICRO_OPS) {
      const batch = (await getOk(`${base}/${op}?n=${ns[op]}`)).ms;
      const after = (await getOk(`${base}/${op}?n=0`)).ms;
      samples[op].push(perOp(batch, before, after, ns[op]));
      baselines.push(after);
      before = after;
    }
  }
  return { samples, baselines };
}

export async function runMicro(opts: { batches: number; targetMs: number }): Promise<MicroResult> {
  const dir = tempDir('bench-micro');
  const config = await prepare(dir);
  const port = await freePort();
  const inspector = await freePort();
  const args = ['dev', '-c', config, '--port', String(port), '--inspector-port', String(inspector)];
  const dev = startGroup(
    'wrangler',
    [...args, '--ip', '127.0.0.1', '--persist-to', path.join(dir, 'state')],
    {
      cwd: dir,
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitUp(`${base}/health`, dev);
  // Warm-up: JIT tiers, the HMAC key import cache, the key ring.
  for (const op of MICRO_OPS) for (let i = 0; i < 20; i++) await getOk(`${base}/${op}?n=50`);
  const ns = { verify: 0, sign: 0, rewrite: 0, start: 0 };
  for (const op of MICRO_OPS) ns[op] = await calibrate(base, op, opts.targetMs);
  console.log(`micro: ops per batch ${JSON.stringify(ns)}, ${opts.batches} batches each`);
  const { samples, baselines } = await measure(base, ns, opts.batches);
  const figures = (op: MicroOp): MicroFigures => ({
    n: ns[op],
    p50: percentile(samples[op], 50),
    p99: percentile(samples[op], 99),
    batches: samples[op].length,
  });
  await dev.stop();
  return {
    ops: {
      verify: figures('verify'),
      sign: figures('sign'),
      rewrite: figures('rewrite'),
      start: figures('start'),
    },
    baselineP50Ms: median(baselines),
    targetMs: opts.targetMs,
  };
}
