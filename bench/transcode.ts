/**
 * `npm run bench:transcode` (and the second half of `npm run bench`): wall time of the transcoder's ladder
 * for a 30 s 1080p30 source, against
 *   (a) one FFmpeg process per rung, run sequentially, each decoding the source and producing one rung;
 *   (b) the bare single FFmpeg command `transcode()` runs (same filter graph and outputs, sprites
 *       included because the sprite tiler is a branch of our graph), without probe, measuring, master,
 *       poster, subtitles and hashing.
 * Median of alternating runs (ours, a, b, ours, a, b, …) per x264 preset; writes the section to
 * docs/BENCHMARKS.md. Never runs in CI.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../containers/transcoder/src/exec.ts';
import { AUDIO_RUNG, buildFfmpegArgs, type EncodePlan } from '../containers/transcoder/src/ffmpeg-args.ts';
import { DEFAULT_LADDER, planLadder } from '../containers/transcoder/src/ladder.ts';
import { inputFor, probeSource } from '../containers/transcoder/src/probe.ts';
import { spriteConfig } from '../containers/transcoder/src/thumbs.ts';
import { transcode } from '../containers/transcoder/src/transcode.ts';
import { writeBenchmarkSection } from './report.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The preset we ship (ffmpeg-args.ts) first; the others are rewritten in the argument lists. */
const SHIPPED = 'veryfast';
const PRESETS = (process.env.BENCH_PRESETS ?? 'veryfast,ultrafast').split(',').filter(Boolean);
const THREADS = 2; // worker.ts / cli.ts default
const DURATION_S = 30;
const DIR = path.resolve('.bench/transcode');
const SOURCE = path.join(DIR, 'source-testsrc2-1080p30-30s.mp4');
const SHIM_DIR = path.join(DIR, 'bin');

/** testsrc2 + sine, 30 s 1920×1080p30, H.264 (crf 20) + AAC stereo 48 kHz; cached under .bench/. */
function ensureSource(): void {
  if (existsSync(SOURCE)) return;
  mkdirSync(DIR, { recursive: true });
  const tmp = `${SOURCE}.tmp.mp4`;
  const r = spawnSync(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${DURATION_S}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${DURATION_S}`],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-g', '60', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-movflags', '+faststart', tmp],
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('could not generate the source clip');
  spawnSync('mv', [tmp, SOURCE]);
}

/**
 * `transcode()` has no preset option (veryfast is fixed in ffmpeg-args.ts), so for other presets ours runs
 * through an `ffmpeg` shim on PATH that rewrites the word `veryfast` in its argv and execs the real binary.
 * For the shipped preset no shim is used.
 */
function shimPath(preset: string): string {
  mkdirSync(SHIM_DIR, { recursive: true });
  const real = spawnSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).stdout.trim();
  const file = path.join(SHIM_DIR, 'ffmpeg');
  writeFileSync(
    file,
    `#!/bin/bash\nargs=()\nfor a in "$@"; do if [ "$a" = ${SHIPPED} ]; then args+=("${preset}"); else args+=("$a"); fi; done\nexec ${real} "\${args[@]}"\n`,
  );
  chmodSync(file, 0o755);
  return `${SHIM_DIR}${path.delimiter}${process.env.PATH ?? ''}`;
}

const withPreset = (args: string[], preset: string) => args.map((a) => (a === SHIPPED ? preset : a));

/** Our command line minus the sprite output and the sprite branch of the graph. */
function withoutSprites(args: string[]): string[] {
  const out = [...args];
  const map = out.lastIndexOf('[thumbs]');
  if (map < 1 || out[map - 1] !== '-map') throw new Error('sprite output not found');
  out.splice(map - 1); // -map [thumbs] -c:v mjpeg -q:v 5 -fps_mode vfr …/sprite_%d.jpg (the last output)
  const g = out.indexOf('-filter_complex') + 1;
  out[g] = (out[g] ?? '')
    .replace(
      /split=(\d+)((?:\[s\d+\])+)\[st\]/,
      (_, n: string, labels: string) => `split=${Number(n) - 1}${labels}`,
    )
    .replace(/;\[st\][^;]*\[thumbs\]/, '');
  return out;
}

async function ffmpeg(args: string[]): Promise<void> {
  const r = await run('ffmpeg', args, { timeoutMs: 30 * 60_000 });
  if (r.code !== 0) throw new Error(`ffmpeg failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'thumbs'), { recursive: true });
  return dir;
}

/** Rung folders and their segment counts, to check that the three variants produced the same outputs. */
function shape(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${d.name}:${readdirSync(path.join(dir, d.name)).length}`)
    .sort()
    .join(' ');
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

interface Row {
  preset: string;
  ours: number[];
  a: number[];
  b: number[];
  /** 1-minute load average at the start of each round: other work on this machine skews the figures. */
  load: number[];
}

async function main() {
  ensureSource();
  const facts = await probeSource(SOURCE);
  const base: EncodePlan = {
    input: inputFor(SOURCE, undefined),
    outDir: '',
    rungs: planLadder(facts, DEFAULT_LADDER),
    audio: facts.hasAudio ? AUDIO_RUNG : undefined,
    segmentS: DEFAULT_LADDER.segmentS,
    h264: 'libx264',
    threads: THREADS,
    sprites: spriteConfig(facts.width, facts.height),
  };
  const ladder = base.rungs.map((r) => r.id).join(', ');
  console.log(`source ${SOURCE}: ${facts.width}x${facts.height} ${facts.durationS} s; ladder ${ladder}`);
  const originalPath = process.env.PATH;
  const rows: Row[] = [];
  for (const preset of PRESETS) {
    const row: Row = { preset, ours: [], a: [], b: [], load: [] };
    rows.push(row);
    const oursDir = path.join(DIR, 'out-ours');
    const aDir = path.join(DIR, 'out-a');
    const bDir = path.join(DIR, 'out-b');
    for (let round = 0; round < ROUNDS; round++) {
      row.load.push(os.loadavg()[0] ?? 0);
      // ours: the real transcode() (probe, one FFmpeg, measure, master, sprites.vtt, poster, sha256 manifest).
      rmSync(oursDir, { recursive: true, force: true });
      process.env.PATH = preset === SHIPPED ? originalPath : shimPath(preset);
      try {
        row.ours.push(await timed(() => transcode(SOURCE, oursDir, { threads: THREADS })));
      } finally {
        process.env.PATH = originalPath;
      }
      // (a) one process per rung; the first also carries audio and the sprite tiler, so the outputs match.
      fresh(aDir);
      row.a.push(
        await timed(async () => {
          for (const [i, rung] of base.rungs.entries()) {
            const plan: EncodePlan = {
              ...base,
              outDir: aDir,
              rungs: [rung],
              audio: i === 0 ? base.audio : undefined,
            };
            const args = buildFfmpegArgs(plan);
            await ffmpeg(withPreset(i === 0 ? args : withoutSprites(args), preset));
          }
        }),
      );
      // (b) exactly our FFmpeg command line, alone.
      fresh(bDir);
      row.b.push(await timed(() => ffmpeg(withPreset(buildFfmpegArgs({ ...base, outDir: bDir }), preset))));
      console.log(
        `${preset} round ${round + 1}: ours ${row.ours.at(-1)?.toFixed(1)} s, a ${row.a.at(-1)?.toFixed(1)} s, b ${row.b.at(-1)?.toFixed(1)} s`,
      );
      if (round === 0) {
        const shapes = [shape(oursDir), shape(aDir), shape(bDir)];
        console.log(`  outputs: ours {${shapes[0]}} a {${shapes[1]}} b {${shapes[2]}}`);
      }
    }
    write(rows, ladder);
  }
}

function write(rows: Row[], ladder: string): void {
  const table = [
    '| x264 preset | ours s | (a) per-rung processes s | (b) bare single command s | ours / (b) | ours / (a) | realtime ours | realtime (a) | realtime (b) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const [o, a, b] = [median(r.ours), median(r.a), median(r.b)];
      const shipped = r.preset === SHIPPED ? ' (shipped)' : '';
      return `| ${r.preset}${shipped} | ${o.toFixed(1)} | ${a.toFixed(1)} | ${b.toFixed(1)} | **${(o / b).toFixed(3)}** | **${(o / a).toFixed(2)}** | ${(DURATION_S / o).toFixed(2)}× | ${(DURATION_S / a).toFixed(2)}× | ${(DURATION_S / b).toFixed(2)}× |`;
    }),
  ].join('\n');
  const runs = rows
    .map(
      (r) =>
        `- ${r.preset}: ours ${r.ours.map((x) => x.toFixed(1)).join(', ')}; (a) ${r.a.map((x) => x.toFixed(1)).join(', ')}; (b) ${r.b.map((x) => x.toFixed(1)).join(', ')}; load average at round start ${r.load.map((x) => x.toFixed(1)).join(', ')} (${os.cpus().length} cores)`,
    )
    .join('\n');
  const cpu = os.cpus();
  const ffv = spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'ffmpeg';
  const how = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}; ${ffv.replace(/ Copyright.*/, '')}; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Source: FFmpeg \`testsrc2\` + \`sine\` (440 Hz), 30 s 1920×1080p30, H.264 crf 20 + AAC, cached under \`.bench/\`. Only the synthetic test pattern was used (no natural-looking source): it compresses unrealistically well, so absolute times and bitrates flatter the encoder; the ratios are what matter. Ladder: ${ladder} + aac-128, 4 s segments, libx264, \`-threads ${THREADS}\` (the worker default).`,
    '',
    '- **ours**: `transcode()` from containers/transcoder: probe, limits, ONE FFmpeg process (one decode, `split` to five scalers/encoders, the sprite tiler and loudnorm audio), measure + rename init segments, `master.m3u8`, `sprites.vtt`, poster (a second short FFmpeg run), sha256 of every file into `manifest.json`.',
    '- **(a)**: the same outputs from one FFmpeg process per rung, run one after another, each decoding the whole source; command lines from `buildFfmpegArgs` with a one-rung plan (same encoder settings, same filters); the first process also carries the audio and the sprite tiler, the others have the sprite branch removed.',
    '- **(b)**: `buildFfmpegArgs` for the full plan (exactly the command line ours runs: same graph, same outputs, sprites included because the sprite tiler is a branch of our graph), run alone: no probe, measuring, master, poster or hashing.',
    `- Median of ${ROUNDS} alternating runs (ours, a, b, ours, a, b, …) per preset, no warm-up. Preset ≠ ${SHIPPED}: the word \`${SHIPPED}\` is rewritten in the argument lists of (a)/(b), and ours runs through an \`ffmpeg\` shim on PATH that does the same rewrite (transcode() has no preset option). Realtime factor = 30 s / wall.`,
  ].join('\n');
  const body = `${how}\n\n${table}\n\nAll runs (s):\n\n${runs}`;
  console.log(`\n${body}`);
  writeBenchmarkSection('Transcode ladder', body);
}

await main();
