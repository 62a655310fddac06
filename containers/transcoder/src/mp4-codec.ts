import { av1Codec, avcCodec, vp9Codec } from '@reel/hls';

/** Finds a box by type anywhere in the bytes (the sample entry nests it deep); offset of its payload. */
function findBox(bytes: Uint8Array, type: string): number | undefined {
  const code = [...type].map((c) => c.charCodeAt(0));
  for (let i = 4; i + 4 <= bytes.length; i++) {
    if (code.every((c, k) => bytes[i + k] === c)) return i + 4;
  }
  return undefined;
}

const at = (bytes: Uint8Array, i: number) => bytes[i] ?? 0;

/**
 * The exact CODECS value for the video in an init segment, read from its decoder configuration box:
 * avcC (ISO/IEC 14496-15), vpcC (VP9 ISO-BMFF binding) or av1C (AV1 ISO-BMFF binding).
 */
export function videoCodecFromInit(bytes: Uint8Array): string | undefined {
  const avc = findBox(bytes, 'avcC');
  if (avc !== undefined) {
    return avcCodec({
      profileIdc: at(bytes, avc + 1),
      constraintFlags: at(bytes, avc + 2),
      levelIdc: at(bytes, avc + 3),
    });
  }
  const vpc = findBox(bytes, 'vpcC');
  if (vpc !== undefined) {
    // FullBox: version + flags (4 bytes), then profile, level, bitDepth(4 bits)…
    return vp9Codec({
      profile: at(bytes, vpc + 4),
      level: at(bytes, vpc + 5),
      bitDepth: at(bytes, vpc + 6) >> 4,
    });
  }
  const av1 = findBox(bytes, 'av1C');
  if (av1 === undefined) return undefined;
  const b1 = at(bytes, av1 + 1);
  const b2 = at(bytes, av1 + 2);
  const bitDepth = b2 & 0x40 ? (b2 & 0x20 ? 12 : 10) : 8;
  return av1Codec({ profile: b1 >> 5, seqLevelIdx: b1 & 0x1f, tier: b2 & 0x80 ? 'H' : 'M', bitDepth });
}
