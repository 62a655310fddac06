/**
 * `npm run bench:playback [-- --quick]`: the edge playback path.
 *   1. In workerd: token verify, token sign and the master rewrite, µs per operation (timed from Node,
 *      since workerd's clocks stand still during CPU work): bench/playback-micro.ts.
 *   2. The real media worker under `wrangler dev` serving the media playlist of a 2-hour title (1,800
 *      segments of 4 s) against its bare `/v/health` route: bench/playback-media.ts.
 *   3. Cached segment GETs through the media worker against nginx serving the same file, under wrk:
 *      bench/playback-wrk.ts.
 * Writes the `Edge playback` section of docs/BENCHMARKS.md and prints it. Needs wrk and nginx (never
 * downloads anything); every server and temp folder is removed on success, failure and Ctrl-C. Never in CI.
 */
import os from 'node:os';
import { writeBenchmarkSection } from './report.ts';
import { cleanupAll, requireTools } from './playback-lib.ts';
import { startMedia, timePlaylist, RUNG } from './playback-media.ts';
import { runMicro } from './playback-micro.ts';
import { type Figures, report, type Settings } from './playback-report.ts';
import { compareUnderWrk, startNginx, warmWorkerCache } from './playback-wrk.ts';

const SECTION = 'Edge playback';

function settings(argv: readonly string[]): Settings {
  const quick = argv.includes('--quick');
  return {
    quick,
    batches: quick ? 30 : 200,
    targetMs: quick ? 10 : 50,
    playlistWarmup: quick ? 20 : 50,
    playlistRequests: quick ? 100 : 500,
    wrkSeconds: quick ? 2 : 10,
    rounds: 3,
    // A 4 s segment of a ~2 Mbit/s 720p rung (the ladder fixture's h264-720 peaks at 2.9 Mbit/s).
    segmentBytes: 2 ** 20,
  };
}

const load1 = () => os.loadavg()[0] ?? 0;

async function measure(s: Settings): Promise<Figures> {
  const load = { micro: load1(), playlist: 0, wrk: 0 };
  console.log('1/3 workerd micro-benchmarks (verify, sign, rewrite)');
  const micro = await runMicro({ batches: s.batches, targetMs: s.targetMs });
  console.log('2/3 media worker: the 2-hour media playlist');
  const media = await startMedia(s.segmentBytes);
  load.playlist = load1();
  const playlist = await timePlaylist(media, { warmup: s.playlistWarmup, requests: s.playlistRequests });
  console.log(`3/3 wrk: cached segments, media worker against nginx (${s.rounds} × ${s.wrkSeconds} s each)`);
  const segment = `${media.base}/${media.token}/${RUNG}/seg_0.m4s`;
  await warmWorkerCache(segment);
  const nginx = await startNginx(media.segmentFile);
  load.wrk = load1();
  const wrk = await compareUnderWrk(
    { worker: segment, nginx, workerHealth: `${media.base}/health` },
    s.rounds,
    s.wrkSeconds,
  );
  return { micro, playlist, wrk, load };
}

async function main(): Promise<void> {
  requireTools();
  const s = settings(process.argv.slice(2));
  try {
    const body = report(s, await measure(s));
    console.log(`\n## ${SECTION}\n\n${body}\n`);
    writeBenchmarkSection(SECTION, body);
    console.log(`Written to docs/BENCHMARKS.md (section "${SECTION}").`);
  } finally {
    await cleanupAll();
  }
}

await main();
