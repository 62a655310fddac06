import type { H264Encoder } from './ffmpeg-args.ts';
import { run } from './exec.ts';

/**
 * The one place that chooses the H.264 encoder: NVENC when a one-frame test encode succeeds on this host
 * (a GPU, the driver's video capability and FFmpeg's `h264_nvenc` all present), libx264 otherwise.
 * `REEL_H264_ENCODER=libx264|h264_nvenc` overrides the probe.
 */
export async function detectH264Encoder(
  env: Record<string, string | undefined> = process.env,
): Promise<H264Encoder> {
  const forced = env.REEL_H264_ENCODER;
  if (forced === 'libx264' || forced === 'h264_nvenc') return forced;
  const probe = await run(
    'ffmpeg',
    [
      ...[
        '-nostdin',
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=256x144:rate=30',
      ],
      ...['-frames:v', '3', '-c:v', 'h264_nvenc', '-forced-idr', '1', '-f', 'null', '-'],
    ],
    { timeoutMs: 20_000 },
  ).catch(() => undefined);
  return probe?.code === 0 ? 'h264_nvenc' : 'libx264';
}
