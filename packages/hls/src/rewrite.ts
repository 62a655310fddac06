/**
 * Per-request rewrite of the cached, unfiltered master (DESIGN.md "Playback and enforcement"): only the
 * variants a token's policy allows, groups kept consistent, and a start rung listed first. The media worker
 * still refuses any rung above the cap, so this is what a player is offered, not the enforcement itself.
 */
import { shortSideOf, type VideoCodecFamily, variantCodecFamily } from './rung.ts';
import type { MasterPlaylist, Rendition, VariantStream } from './types.ts';

/** The part of a playback token's policy that shapes the master. */
export interface MasterPolicy {
  /** Largest short side (min of width and height) the viewer may play. */
  maxShortSide: number;
  /** Video codec families the viewer's device plays and the policy allows. */
  codecs: readonly VideoCodecFamily[];
  /** Short side to start on; the best variant at or below it is listed first. */
  startShortSide: number;
}

export type RewriteResult =
  | { ok: true; playlist: MasterPlaylist }
  | { ok: false; reason: 'no_playable_variant' };

/**
 * Fails closed: a variant whose short side or codec family cannot be told (no RESOLUTION and no rung id, or
 * no video codec in CODECS) is dropped, since nothing shows it is within the policy.
 */
function isAllowed(variant: VariantStream, policy: MasterPolicy): boolean {
  const shortSide = shortSideOf(variant);
  const family = variantCodecFamily(variant);
  if (shortSide === undefined || family === undefined) return false;
  return shortSide <= policy.maxShortSide && policy.codecs.includes(family);
}

/** The variant attribute that names a rendition's group (RFC 8216bis §4.4.6.2); VIDEO and CC we do not model. */
function referencingGroup(rendition: Rendition, variant: VariantStream): string | undefined {
  if (rendition.type === 'AUDIO') return variant.audio;
  if (rendition.type === 'SUBTITLES') return variant.subtitles;
  return undefined;
}

/**
 * Keeps renditions of groups a surviving variant references. VIDEO and CLOSED-CAPTIONS renditions are never
 * referenced in our model, so they go: an alternative VIDEO rendition could otherwise carry a rung above
 * the cap past the filter.
 */
function referencedRenditions(
  renditions: readonly Rendition[],
  variants: readonly VariantStream[],
): Rendition[] {
  return renditions.filter((r) => variants.some((v) => referencingGroup(r, v) === r.groupId));
}

/** AUDIO and SUBTITLES must name a group that has a rendition of that TYPE (§4.4.6.2); otherwise they go. */
function withLiveGroups(variant: VariantStream, renditions: readonly Rendition[]): VariantStream {
  const { audio, subtitles, ...rest } = variant;
  const out: VariantStream = { ...rest };
  if (audio !== undefined && renditions.some((r) => r.type === 'AUDIO' && r.groupId === audio))
    out.audio = audio;
  if (subtitles !== undefined && renditions.some((r) => r.type === 'SUBTITLES' && r.groupId === subtitles)) {
    out.subtitles = subtitles;
  }
  return out;
}

/**
 * Lists the start variant first, then the rest by ascending bandwidth. hls.js starts on the first variant in
 * the playlist (its `firstLevel`, which also seeds its bandwidth estimate), and Apple's players do so with
 * `AVPlayerItem.startsOnFirstEligibleVariant` (always, before iOS 13). RFC 8216bis §4.4.6.2 gives the order
 * of EXT-X-STREAM-INF tags no other meaning, so reordering is safe for every client.
 */
function orderForStart(variants: readonly VariantStream[], startShortSide: number): VariantStream[] {
  const ascending = [...variants].sort((a, b) => a.bandwidth - b.bandwidth);
  const fits = ascending.filter((v) => (shortSideOf(v) ?? Number.POSITIVE_INFINITY) <= startShortSide);
  const start = fits[fits.length - 1] ?? ascending[0];
  return start === undefined ? [] : [start, ...ascending.filter((v) => v !== start)];
}

/**
 * Rewrites a master for one playback policy. Pure: the input is not changed.
 * @example
 * const result = rewriteMaster(master, { maxShortSide: 720, codecs: ['h264'], startShortSide: 480 });
 * if (result.ok) return new Response(serializeMaster(result.playlist));
 */
export function rewriteMaster(master: MasterPlaylist, policy: MasterPolicy): RewriteResult {
  const copy = structuredClone(master);
  const allowed = copy.variants.filter((v) => isAllowed(v, policy));
  if (allowed.length === 0) return { ok: false, reason: 'no_playable_variant' };
  const renditions = referencedRenditions(copy.renditions, allowed);
  const variants = orderForStart(
    allowed.map((v) => withLiveGroups(v, renditions)),
    policy.startShortSide,
  );
  return { ok: true, playlist: { ...copy, renditions, variants } };
}
