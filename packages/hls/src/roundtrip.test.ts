import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlaylist } from './parse.ts';
import { serializePlaylist } from './serialize.ts';
import type {
  MasterPlaylist,
  MediaInitSection,
  MediaPlaylist,
  MediaSegment,
  Playlist,
  SegmentKey,
} from './types.ts';

/** Quoted-strings exclude `"`, CR and LF (RFC 8216bis §4.2); commas and spaces are allowed inside. */
const quoted = fc.stringMatching(/^[A-Za-z0-9 ,._/=-]{1,16}$/);
const uri = fc.stringMatching(/^[a-z0-9_/-]{1,12}\.(m3u8|m4s|mp4)$/);
const thousandths = (max: number) => fc.integer({ min: 0, max: max * 1000 }).map((n) => n / 1000);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const rendition = fc.record(
  {
    type: fc.constantFrom('AUDIO', 'VIDEO', 'SUBTITLES', 'CLOSED-CAPTIONS' as const),
    groupId: quoted,
    name: quoted,
    uri,
    language: quoted,
    default: fc.boolean(),
    autoselect: fc.boolean(),
    forced: fc.boolean(),
    channels: quoted,
    characteristics: quoted,
  },
  { requiredKeys: ['type', 'groupId', 'name', 'uri'] },
);

const variant = fc.record(
  {
    uri,
    bandwidth: fc.nat(),
    averageBandwidth: fc.nat(),
    codecs: fc.array(fc.stringMatching(/^[a-z0-9]{4}\.[0-9A-F.]{1,9}$/), { minLength: 1, maxLength: 3 }),
    resolution: fc.record({ width: fc.nat(8192), height: fc.nat(8192) }),
    frameRate: thousandths(240),
    audio: quoted,
    subtitles: quoted,
  },
  { requiredKeys: ['uri', 'bandwidth'] },
);

const master: fc.Arbitrary<MasterPlaylist> = fc.record({
  kind: fc.constant('master' as const),
  version: maybe(fc.integer({ min: 1, max: 12 })),
  independentSegments: fc.boolean(),
  renditions: fc.array(rendition, { maxLength: 4 }),
  variants: fc.array(variant, { minLength: 1, maxLength: 5 }),
});

const byteRange = fc.record({ length: fc.nat(), offset: fc.nat() }, { requiredKeys: ['length'] });
const iv = fc.uint8Array({ minLength: 16, maxLength: 16 });
const encrypting: fc.Arbitrary<SegmentKey> = fc.record(
  {
    method: fc.constantFrom('AES-128', 'SAMPLE-AES', 'SAMPLE-AES-CTR' as const),
    uri,
    iv,
    keyFormat: quoted,
    keyFormatVersions: fc.stringMatching(/^[1-9](\/[1-9]){0,2}$/),
  },
  { requiredKeys: ['method', 'uri'] },
);
/** A key tag: NONE or an encrypting one; a key on the init section needs an IV for AES-128 (§4.4.4.5). */
const key = fc.oneof(fc.constant<SegmentKey>({ method: 'NONE' }), encrypting);
const initKey = encrypting.map((k) =>
  k.method === 'AES-128' && k.iv === undefined ? { ...k, iv: new Uint8Array(16) } : k,
);
const map = fc.record({ uri, byteRange, key: initKey }, { requiredKeys: ['uri'] });
const segment = fc.record(
  {
    uri,
    duration: thousandths(20),
    title: fc.stringMatching(/^[A-Za-z0-9,.]([A-Za-z0-9 ,.]{0,8}[A-Za-z0-9,.])?$/),
    byteRange,
    discontinuity: fc.constant(true),
    key,
  },
  { requiredKeys: ['uri', 'duration'] },
);

/**
 * The model's canonical form: a map, once given, applies until the next one (§4.4.4.5), and so does a key
 * (§4.4.4.4), so a segment without a key tag of its own inherits the one before it. Every key tag has
 * one KEYFORMAT at a time, so keys change per segment, not several per segment.
 */
function inherit(segments: MediaSegment[], init: MediaInitSection | undefined): MediaSegment[] {
  let inEffect: SegmentKey | undefined = init?.key === undefined ? undefined : { method: 'NONE' };
  return segments.map(({ key: own, ...s }) => {
    inEffect = own ?? inEffect;
    const withMap = init === undefined ? s : { ...s, map: init };
    return inEffect === undefined ? withMap : { ...withMap, key: inEffect };
  });
}

const media: fc.Arbitrary<MediaPlaylist> = fc
  .record({
    version: maybe(fc.integer({ min: 1, max: 12 })),
    targetDuration: fc.nat(30),
    mediaSequence: fc.nat(),
    discontinuitySequence: maybe(fc.nat()),
    playlistType: maybe(fc.constantFrom('VOD', 'EVENT' as const)),
    independentSegments: fc.boolean(),
    endList: fc.boolean(),
    segments: fc.array(segment, { maxLength: 6 }),
    map: maybe(map),
  })
  .map(({ map: init, segments, discontinuitySequence, ...rest }) => ({
    kind: 'media' as const,
    ...rest,
    ...(discontinuitySequence === undefined ? {} : { discontinuitySequence }),
    segments: inherit(segments, init),
  }));

describe('parse(serialize(x)) == x', () => {
  it('holds for master and media playlists', () => {
    fc.assert(
      fc.property(fc.oneof(master, media), (playlist: Playlist) => {
        expect(parsePlaylist(serializePlaylist(playlist))).toEqual({ ok: true, playlist });
      }),
      { numRuns: 300 },
    );
  });
});
