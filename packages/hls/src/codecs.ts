/**
 * CODECS attribute values (RFC 8216bis §4.4.6.2 refers to RFC 6381 for the format).
 */

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const dec2 = (n: number) => String(n).padStart(2, '0');

/** AAC-LC in MP4 (RFC 6381 §3.3: object type 0x40, audio object type 2). */
export const AAC_LC = 'mp4a.40.2';

const AVC_PROFILES: Record<string, { idc: number; constraints: number }> = {
  'Constrained Baseline': { idc: 66, constraints: 0xe0 },
  Baseline: { idc: 66, constraints: 0x00 },
  Main: { idc: 77, constraints: 0x40 },
  High: { idc: 100, constraints: 0x00 },
  'High 10': { idc: 110, constraints: 0x00 },
};

/**
 * `avc1.PPCCLL` from the avcC bytes (profile_idc, constraint flags, level_idc; RFC 6381 §3.3).
 * @example avcCodec({ profileIdc: 100, constraintFlags: 0, levelIdc: 31 }) // 'avc1.64001F'
 */
export function avcCodec(avc: { profileIdc: number; constraintFlags: number; levelIdc: number }): string {
  return `avc1.${hex2(avc.profileIdc)}${hex2(avc.constraintFlags)}${hex2(avc.levelIdc)}`;
}

/**
 * `avc1.PPCCLL` from ffprobe's profile name and level (`High`, 31); `undefined` for an unknown profile.
 * @example avcCodecFromProbe('High', 30) // 'avc1.64001E'
 */
export function avcCodecFromProbe(profile: string, level: number): string | undefined {
  const known = AVC_PROFILES[profile];
  if (known === undefined || !Number.isInteger(level) || level <= 0) return undefined;
  return avcCodec({ profileIdc: known.idc, constraintFlags: known.constraints, levelIdc: level });
}

/** AAC object type from ffprobe's profile name (`LC`, `HE-AAC`, `HE-AACv2`). */
export function aacCodecFromProbe(profile: string): string {
  if (profile === 'HE-AAC') return 'mp4a.40.5';
  if (profile === 'HE-AACv2') return 'mp4a.40.29';
  return AAC_LC;
}

/**
 * `vp09.PP.LL.DD` (VP9 codec ISO-BMFF binding §"Codecs Parameter String"); level as 10 × the level number.
 * @example vp9Codec({ profile: 0, level: 30, bitDepth: 8 }) // 'vp09.00.30.08'
 */
export function vp9Codec(vp9: { profile: number; level: number; bitDepth: number }): string {
  return `vp09.${dec2(vp9.profile)}.${dec2(vp9.level)}.${dec2(vp9.bitDepth)}`;
}

/** VP9 levels: [level × 10, max luma sample rate, max luma picture size]. */
const VP9_LEVELS: [number, number, number][] = [
  [10, 829440, 36864],
  [11, 2764800, 73728],
  [20, 4608000, 122880],
  [21, 9216000, 245760],
  [30, 20736000, 552960],
  [31, 36864000, 983040],
  [40, 83558400, 2228224],
  [41, 160432128, 2228224],
  [50, 311951360, 8912896],
  [51, 588251136, 8912896],
  [52, 1176502272, 8912896],
  [60, 1176502272, 35651584],
  [61, 2353004544, 35651584],
  [62, 4706009088, 35651584],
];

/** The lowest VP9 level that fits a picture size and frame rate. */
export function vp9LevelFor(width: number, height: number, fps: number): number {
  const size = width * height;
  const found = VP9_LEVELS.find(([, rate, max]) => size <= max && size * fps <= rate);
  return found === undefined ? 62 : found[0];
}

/**
 * `av01.P.LLT.DD` (AV1 codec ISO-BMFF binding §"Codecs Parameter String").
 * @example av1Codec({ profile: 0, seqLevelIdx: 4, tier: 'M', bitDepth: 8 }) // 'av01.0.04M.08'
 */
export function av1Codec(av1: { profile: number; seqLevelIdx: number; tier: 'M' | 'H'; bitDepth: number }) {
  return `av01.${av1.profile}.${dec2(av1.seqLevelIdx)}${av1.tier}.${dec2(av1.bitDepth)}`;
}
