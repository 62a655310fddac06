import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { detectH264Encoder } from './encoder.ts';
import { toFailure } from './errors.ts';
import { DEFAULT_LADDER, type VideoCodec } from './ladder.ts';
import { type SubtitleInput, transcode } from './transcode.ts';

const USAGE = `usage: transcode <input> <outdir> [--segment 4] [--max-short-side 1080] [--codecs h264,vp9]
                 [--subtitles en=path.srt ...] [--threads 2]`;

function bar(percent: number): string {
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`;
}

async function subtitlesFrom(specs: string[]): Promise<SubtitleInput[]> {
  return Promise.all(
    specs.map(async (spec) => {
      const [language = '', file = ''] = spec.split('=');
      return { language, name: language, text: await readFile(file, 'utf8') };
    }),
  );
}

const parseCodecs = (text: string): VideoCodec[] =>
  text.split(',').filter((c): c is VideoCodec => c === 'h264' || c === 'vp9' || c === 'av1');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      segment: { type: 'string', default: '4' },
      'max-short-side': { type: 'string', default: '1080' },
      codecs: { type: 'string', default: 'h264' },
      subtitles: { type: 'string', multiple: true, default: [] },
      threads: { type: 'string', default: '2' },
    },
  });
  const [input, outDir] = positionals;
  if (input === undefined || outDir === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const maxShort = Number(values['max-short-side']);
  const started = Date.now();
  try {
    const manifest = await transcode(input, outDir, {
      ladder: {
        segmentS: Number(values.segment),
        codecs: parseCodecs(values.codecs),
        shortSides: DEFAULT_LADDER.shortSides.filter((s) => s <= maxShort),
      },
      h264: await detectH264Encoder(),
      threads: Number(values.threads),
      subtitles: await subtitlesFrom(values.subtitles),
      onProgress: (p) => process.stderr.write(bar(p)),
    });
    const wallS = (Date.now() - started) / 1000;
    const factor = (manifest.durationS / wallS).toFixed(2);
    process.stderr.write(
      `\n${manifest.files.length} files, ${manifest.durationS.toFixed(2)} s of media in ${wallS.toFixed(1)} s (${factor}x realtime)\n`,
    );
    process.stdout.write(`${JSON.stringify({ ok: true, renditions: manifest.renditions })}\n`);
    return 0;
  } catch (error) {
    const failure = toFailure(error);
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ ok: false, ...failure })}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
