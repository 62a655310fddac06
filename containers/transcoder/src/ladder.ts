export type VideoCodec = 'h264' | 'vp9' | 'av1';

/** A frame rate as FFmpeg's rational `num/den`. */
export interface Rate {
  num: number;
  den: number;
}

export interface Rung {
  /** `{codec}-{shortSide}`: the token path layout's rungId (DESIGN.md "Public contract"). */
  id: string;
  codec: VideoCodec;
  width: number;
  height: number;
  shortSide: number;
  rate: Rate;
  /** Target, cap and VBV buffer in bits per second. */
  bitrate: number;
  maxrate: number;
  bufsize: number;
  /** Frames per GOP = segment duration × frame rate, so every segment starts on a keyframe. */
  gop: number;
}

export interface LadderConfig {
  segmentS: number;
  codecs: VideoCodec[];
  /** Standard short sides, largest first; a source smaller than all of them gets one rung at its size. */
  shortSides: number[];
}

export const DEFAULT_LADDER: LadderConfig = {
  segmentS: 4,
  codecs: ['h264'],
  shortSides: [1080, 720, 480, 360, 240],
};

/** H.264 target bitrates (bps) per short side at ≤ 30 fps; 60 fps rungs get 1.5×. */
const H264_BITRATE: Record<number, number> = {
  1080: 5_000_000,
  720: 2_800_000,
  480: 1_400_000,
  360: 800_000,
  240: 400_000,
};
/** VP9 and AV1 reach the same quality with fewer bits. */
const CODEC_FACTOR: Record<VideoCodec, number> = { h264: 1, vp9: 0.65, av1: 0.5 };
/** Rungs at or below this short side are capped at 30 fps (half rate for 50/60 fps sources). */
const HIGH_RATE_MIN_SHORT_SIDE = 720;
const NTSC = [24, 30, 60];

/** Snaps a measured rate to a constant one: NTSC rates, integers, then capped at 60. */
export function constantRate(fps: number): Rate {
  for (const base of NTSC) {
    if (Math.abs(fps - (base * 1000) / 1001) < 0.02) return { num: base * 1000, den: 1001 };
  }
  if (fps > 60) return { num: 60, den: 1 };
  if (fps < 1) return { num: Math.max(1, Math.round(fps * 1000)), den: 1000 };
  return { num: Math.round(fps), den: 1 };
}

/** Halves 50/60 fps for low rungs, where the extra frames cost bits nobody sees. */
function rungRate(source: Rate, shortSide: number): Rate {
  const fps = source.num / source.den;
  if (shortSide >= HIGH_RATE_MIN_SHORT_SIDE || fps <= 30.5) return source;
  return source.num % 2 === 0
    ? { num: source.num / 2, den: source.den }
    : { num: source.num, den: source.den * 2 };
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

function bitrateFor(codec: VideoCodec, shortSide: number, fps: number): number {
  const base = H264_BITRATE[shortSide] ?? Math.round(400_000 * (shortSide / 240) ** 2);
  return Math.round(base * CODEC_FACTOR[codec] * (fps > 30.5 ? 1.5 : 1));
}

/**
 * Plans the ladder on DISPLAY dimensions, never upscaling: every standard short side that fits the
 * source, or one rung at the source size when none fits.
 * @example planLadder({ width: 640, height: 360, fps: 30 }, { ...DEFAULT_LADDER, segmentS: 2 })
 *   // h264-360 (640x360), h264-240 (426x240)
 */
export function planLadder(
  source: { width: number; height: number; fps: number },
  config: LadderConfig = DEFAULT_LADDER,
): Rung[] {
  const sourceShort = Math.min(source.width, source.height);
  const fitting = config.shortSides.filter((s) => s <= sourceShort);
  const sides = fitting.length > 0 ? fitting : [Math.max(2, Math.floor(sourceShort / 2) * 2)];
  const rate = constantRate(source.fps);
  return config.codecs.flatMap((codec) => sides.map((side) => makeRung(codec, side, source, rate, config)));
}

function makeRung(
  codec: VideoCodec,
  shortSide: number,
  source: { width: number; height: number },
  sourceRate: Rate,
  config: LadderConfig,
): Rung {
  const portrait = source.height > source.width;
  const long = even(
    (shortSide * Math.max(source.width, source.height)) / Math.min(source.width, source.height),
  );
  const rate = rungRate(sourceRate, shortSide);
  const fps = rate.num / rate.den;
  const bitrate = bitrateFor(codec, shortSide, fps);
  return {
    id: `${codec}-${shortSide}`,
    codec,
    width: portrait ? shortSide : long,
    height: portrait ? long : shortSide,
    shortSide,
    rate,
    bitrate,
    maxrate: Math.round(bitrate * 1.5),
    bufsize: bitrate * 2,
    gop: Math.max(1, Math.round(config.segmentS * fps)),
  };
}
