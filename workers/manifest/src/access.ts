/**
 * The policy a token carries, and what it allows (DESIGN.md "Playback and enforcement"): enforced on EVERY
 * request, so a rung above the cap is refused whether or not the master listed it.
 */
import {
  DEVICE_CLASSES,
  type PlaybackPolicy,
  PROTECTION_LEVELS,
  SOFTWARE_MAX_SHORT_SIDE,
  VIDEO_CODECS,
} from '@reel/contracts';
import { rungCodecFamily, rungShortSide } from '@reel/hls';
import type { PlaybackClaims } from '@reel/signing';
import type { MediaResource } from './paths.ts';

/** Decodes the compact claims (enum indexes, codec bitmask) back into the contract's policy. */
export function policyOf(claims: PlaybackClaims): PlaybackPolicy {
  return {
    maxShortSide: claims.ms,
    protection: PROTECTION_LEVELS[claims.pl] ?? 'software',
    deviceClass: DEVICE_CLASSES[claims.dc] ?? 'desktop',
    codecs: VIDEO_CODECS.filter((_, i) => (claims.cs & (1 << i)) !== 0),
    dataSaver: claims.ds === 1,
    encrypted: claims.en === 1,
  };
}

export type Refusal = { status: 403 | 404; code: string; detail: string };

/** Audio rung ids are `{codec}-{kbit/s}`: any other unknown rung is refused (fail closed). */
const AUDIO_RUNG = /^(aac|opus|ac3|ec3|flac)-[0-9]+$/;

/** Video rung ids are `{codec}-{short side}`: allowed at or below the cap, in the policy's codec families. */
function renditionRefusal(rungId: string, policy: PlaybackPolicy): Refusal | null {
  const family = rungCodecFamily(rungId);
  if (family === undefined && AUDIO_RUNG.test(rungId)) return null;
  const shortSide = rungShortSide(rungId);
  if (
    family &&
    policy.codecs.includes(family) &&
    shortSide !== undefined &&
    shortSide <= policy.maxShortSide
  ) {
    return null;
  }
  return {
    status: 403,
    code: 'rendition_not_allowed',
    detail: `${rungId} is above this playback's cap (${policy.maxShortSide}p, ${policy.codecs.join('/')})`,
  };
}

/**
 * The HD key decrypts rungs above the software cap, so it needs hardware protection; the SD key any token of a
 * protected title (DESIGN.md "Protection").
 */
function keyRefusal(tier: 'sd' | 'hd', policy: PlaybackPolicy): Refusal | null {
  if (!policy.encrypted) return { status: 404, code: 'not_found', detail: 'This title is not protected' };
  if (tier === 'sd') return null;
  if (policy.protection === 'hardware' && policy.maxShortSide > SOFTWARE_MAX_SHORT_SIDE) return null;
  return { status: 403, code: 'key_not_allowed', detail: 'The HD key needs hardware-protected playback' };
}

/** Why this token may not fetch this resource, or null when it may. */
export function refusalFor(resource: MediaResource, policy: PlaybackPolicy): Refusal | null {
  switch (resource.kind) {
    case 'rendition':
      return renditionRefusal(resource.rungId, policy);
    case 'key':
      return keyRefusal(resource.tier, policy);
    case 'mpd':
      return policy.encrypted
        ? { status: 404, code: 'dash_unavailable', detail: 'Protected titles are served as HLS only for now' }
        : null;
    case 'master':
    case 'thumbs':
    case 'subs':
      return null;
  }
}

/** The short side players should start at: lower on phones and with data saver (docs/PLAYBACK.md). */
export function startShortSide(policy: PlaybackPolicy): number {
  if (policy.dataSaver) return 360;
  return policy.deviceClass === 'mobile' || policy.deviceClass === 'embed' ? 480 : 720;
}
