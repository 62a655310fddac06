/**
 * `npm run bench`: catalog listing under load. Seeds a fresh local D1 with the demo catalog plus
 * 10,000 videos, runs the platform in `wrangler dev`, and alternates autocannon runs against
 * `GET /api/videos?genre=…` and the bare Hono route `GET /api/ping` on the same server. Reports medians
 * of the runs and the ratio to the baseline (machines here are noisy: only same-run ratios mean much),
 * and writes them to docs/BENCHMARKS.md. Never runs in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp, ephemeralSecrets, migrateLocal, startDev, stopGroup, waitForOk } from '../scripts/lib.ts';
import { executeLocalSql, seedDemo } from '../scripts/seed.ts';
import { writeBenchmarkSection } from './report.ts';
import { benchCatalogSql } from './seed-catalog.ts';

const PORT = 8797;
const VIDEOS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;

type Figures = { p50: number; p99: number; rps: number };

async function load(url: string): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const medians = (runs: Figures[]): Figures => ({
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  rps: median(runs.map((r) => r.rps)),
});

async function main() {
  const persistDir = mkdtempSync(path.join(os.tmpdir(), 'reel-bench-'));
  buildApp();
  migrateLocal(persistDir);
  seedDemo(persistDir);
  executeLocalSql(benchCatalogSql(VIDEOS, Date.now()), 'bench-catalog', persistDir);
  const dev = startDev(PORT, { quiet: true, persistDir, vars: ephemeralSecrets() });
  try {
    const base = `http://localhost:${PORT}/api`;
    await waitForOk(`${base}/health`, 120_000);
    const target = `${base}/videos?genre=drama&limit=24`;
    await load(target); // warm-up: isolate, D1 page cache
    const listing: Figures[] = [];
    const bare: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      listing.push(await load(target));
      bare.push(await load(`${base}/ping`));
      console.log(
        `round ${round + 1}: listing ${JSON.stringify(listing.at(-1))} bare ${JSON.stringify(bare.at(-1))}`,
      );
    }
    const l = medians(listing);
    const b = medians(bare);
    const table = [
      '| route | p50 ms | p99 ms | req/s |',
      '|---|---:|---:|---:|',
      `| \`GET /api/videos?genre=drama&limit=24\` (10,000 videos) | ${l.p50} | ${l.p99} | ${l.rps.toFixed(0)} |`,
      `| \`GET /api/ping\` (bare Hono route, baseline) | ${b.p50} | ${b.p99} | ${b.rps.toFixed(0)} |`,
      `| **ratio listing / baseline** | **${(l.p50 / Math.max(b.p50, 1)).toFixed(2)}×** | **${(l.p99 / Math.max(b.p99, 1)).toFixed(2)}×** | **${(l.rps / b.rps).toFixed(2)}×** |`,
    ].join('\n');
    const how = `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}; \`wrangler dev\` (workerd, local D1) and autocannon (${CONNECTIONS} connections, ${DURATION_S} s per run) on the same machine; median of ${ROUNDS} alternating runs after one warm-up; ${new Date().toISOString().slice(0, 10)}.`;
    console.log(`\n${table}\n\n${how}`);
    writeBenchmarkSection('Catalog listing', `${how}\n\n${table}`);
  } finally {
    stopGroup(dev, 'SIGINT');
    rmSync(persistDir, { recursive: true, force: true });
  }
}

await main();
