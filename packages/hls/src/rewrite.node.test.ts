import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlaylist } from './parse.ts';
import { type MasterPolicy, rewriteMaster } from './rewrite.ts';
import { shortSideOf, VIDEO_CODEC_FAMILIES, variantCodecFamily } from './rung.ts';
import { serializeMaster } from './serialize.ts';
import type { MasterPlaylist, Rendition, VariantStream } from './types.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

function master(text: string): MasterPlaylist {
  const result = parsePlaylist(text);
  if (!result.ok || result.playlist.kind !== 'master') throw new Error(JSON.stringify(result));
  return result.playlist;
}

function rewritten(input: MasterPlaylist, policy: MasterPolicy): MasterPlaylist {
  const result = rewriteMaster(input, policy);
  if (!result.ok) throw new Error(result.reason);
  return result.playlist;
}

const LADDER = master(fixture('ladder/master.m3u8'));
const PORTRAIT = master(fixture('portrait/master.m3u8'));
const H264 = ['h264'] as const;
const uris = (p: MasterPlaylist) => p.variants.map((v) => v.uri);

describe('rewriteMaster on the real transcoder ladder (1080…240, audio, English subtitles)', () => {
  it.each([
    [1080, ['h264-240', 'h264-360', 'h264-480', 'h264-720', 'h264-1080']],
    [720, ['h264-240', 'h264-360', 'h264-480', 'h264-720']],
    [480, ['h264-240', 'h264-360', 'h264-480']],
    [360, ['h264-240', 'h264-360']],
  ])('a %ip cap keeps exactly the rungs at or below it', (cap, rungs) => {
    const out = rewritten(LADDER, { maxShortSide: cap, codecs: H264, startShortSide: 0 });
    expect(uris(out)).toEqual(rungs.map((r) => `${r}/index.m3u8`));
    expect(
      out.variants.every((v) => v.resolution && Math.min(v.resolution.width, v.resolution.height) <= cap),
    ).toBe(true);
  });

  it('lists the best variant at or below the start side first, then the rest by ascending bandwidth', () => {
    const out = rewritten(LADDER, { maxShortSide: 1080, codecs: H264, startShortSide: 480 });
    expect(uris(out)).toEqual(
      ['h264-480', 'h264-240', 'h264-360', 'h264-720', 'h264-1080'].map((r) => `${r}/index.m3u8`),
    );
  });

  it('starts on the top rung when the start side is above the cap, and on the lowest when none fits', () => {
    const high = rewritten(LADDER, { maxShortSide: 720, codecs: H264, startShortSide: 1080 });
    expect(high.variants[0]?.uri).toBe('h264-720/index.m3u8');
    const low = rewritten(LADDER, { maxShortSide: 720, codecs: H264, startShortSide: 144 });
    expect(low.variants[0]?.uri).toBe('h264-240/index.m3u8');
  });

  it('keeps the audio and subtitle groups every surviving variant still references', () => {
    const out = rewritten(LADDER, { maxShortSide: 360, codecs: H264, startShortSide: 360 });
    expect(out.renditions).toEqual(LADDER.renditions);
    expect(out.variants.every((v) => v.audio === 'audio' && v.subtitles === 'subs')).toBe(true);
  });

  it('answers no_playable_variant when the policy allows no codec of the ladder, or a cap below 240', () => {
    expect(
      rewriteMaster(LADDER, { maxShortSide: 1080, codecs: ['av1', 'vp9'], startShortSide: 480 }),
    ).toEqual({
      ok: false,
      reason: 'no_playable_variant',
    });
    expect(rewriteMaster(LADDER, { maxShortSide: 144, codecs: H264, startShortSide: 144 })).toEqual({
      ok: false,
      reason: 'no_playable_variant',
    });
  });

  it('does not change its input', () => {
    const before = structuredClone(LADDER);
    const out = rewritten(LADDER, { maxShortSide: 360, codecs: H264, startShortSide: 360 });
    out.variants[0]?.codecs?.push('mutated');
    expect(LADDER).toEqual(before);
  });
});

describe('rewriteMaster on a portrait ladder (720x1280 source)', () => {
  it('compares the SHORT side with the cap: 480x854 passes a 480 cap, 720x1280 does not', () => {
    const out = rewritten(PORTRAIT, { maxShortSide: 480, codecs: H264, startShortSide: 360 });
    expect(out.variants.map((v) => v.resolution)).toEqual([
      { width: 360, height: 640 },
      { width: 240, height: 426 },
      { width: 480, height: 854 },
    ]);
  });
});

const CRAFTED = master(`#EXTM3U
#EXT-X-VERSION:6
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="Main",DEFAULT=YES,URI="aac-128/index.m3u8"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="opus",NAME="Main",DEFAULT=YES,URI="opus-96/index.m3u8"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="en",LANGUAGE="en",URI="subs/en.m3u8"
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="angles",NAME="Wide",URI="h264-2160/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="avc1.64001E,mp4a.40.2",RESOLUTION=640x360,AUDIO="aac",SUBTITLES="subs"
h264-360/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=3000000,CODECS="avc1.64001F,mp4a.40.2",RESOLUTION=1280x720,AUDIO="aac",SUBTITLES="subs"
h264-720/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=600000,CODECS="vp09.00.30.08,opus",RESOLUTION=640x360,AUDIO="opus",SUBTITLES="subs"
vp9-360/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=1900000,CODECS="vp09.00.31.08,opus",RESOLUTION=1280x720,AUDIO="opus",SUBTITLES="gone"
vp9-720/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=450000,CODECS="av01.0.04M.08,opus",AUDIO="opus"
av1-360/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=1500000,CODECS="av01.0.08M.08,opus",AUDIO="opus"
av1-720/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2",AUDIO="aac"
aac-64/index.m3u8
`);

describe('rewriteMaster on a crafted h264 + vp9 + av1 master', () => {
  it('keeps only the allowed codec families (reading av1 short sides from rung ids)', () => {
    const out = rewritten(CRAFTED, { maxShortSide: 720, codecs: ['vp9', 'av1'], startShortSide: 720 });
    expect(uris(out)).toEqual(['vp9-720', 'av1-360', 'vp9-360', 'av1-720'].map((r) => `${r}/index.m3u8`));
  });

  it('drops renditions of groups no surviving variant references, and VIDEO renditions always', () => {
    const out = rewritten(CRAFTED, { maxShortSide: 1080, codecs: ['av1'], startShortSide: 720 });
    expect(out.renditions.map((r) => r.groupId)).toEqual(['opus']);
    const h264 = rewritten(CRAFTED, { maxShortSide: 1080, codecs: ['h264'], startShortSide: 720 });
    expect(h264.renditions.map((r) => r.groupId)).toEqual(['aac', 'subs']);
  });

  it('drops a SUBTITLES attribute whose group has no rendition, keeping the variant', () => {
    const out = rewritten(CRAFTED, { maxShortSide: 720, codecs: ['vp9'], startShortSide: 720 });
    const vp9720 = out.variants.find((v) => v.uri === 'vp9-720/index.m3u8');
    expect(vp9720).toMatchObject({ audio: 'opus', bandwidth: 1900000 });
    expect(vp9720?.subtitles).toBeUndefined();
    expect(out.variants.find((v) => v.uri === 'vp9-360/index.m3u8')?.subtitles).toBe('subs');
  });

  it('drops the audio-only variant: it names no video codec, so no policy can be shown to allow it', () => {
    const out = rewritten(CRAFTED, {
      maxShortSide: 2160,
      codecs: VIDEO_CODEC_FAMILIES,
      startShortSide: 2160,
    });
    expect(uris(out)).not.toContain('aac-64/index.m3u8');
    expect(out.variants).toHaveLength(6);
  });
});

/** Arbitrary masters: mixed codecs, with or without RESOLUTION, groups that may or may not exist. */
const groupIds = fc.constantFrom('a', 'b', 's', 't');
const arbVariant: fc.Arbitrary<VariantStream> = fc
  .record({
    family: fc.constantFrom('avc1.64001F', 'hvc1.1.6.L93.B0', 'vp09.00.30.08', 'av01.0.04M.08', 'mp4a.40.2'),
    short: fc.integer({ min: 100, max: 2200 }),
    long: fc.integer({ min: 0, max: 1200 }),
    portrait: fc.boolean(),
    withResolution: fc.boolean(),
    bandwidth: fc.integer({ min: 1, max: 50_000_000 }),
    audio: fc.option(groupIds, { nil: undefined }),
    subtitles: fc.option(groupIds, { nil: undefined }),
  })
  .map(({ family, short, long, portrait, withResolution, bandwidth, audio, subtitles }) => {
    const [w, h] = portrait ? [short, short + long] : [short + long, short];
    const v: VariantStream = { uri: `x-${short}/index.m3u8`, bandwidth, codecs: [family] };
    if (withResolution) v.resolution = { width: w, height: h };
    else v.uri = `${family.startsWith('av01') ? 'av1' : 'h264'}-${short}/index.m3u8`;
    if (audio !== undefined) v.audio = audio;
    if (subtitles !== undefined) v.subtitles = subtitles;
    return v;
  });
const arbRendition: fc.Arbitrary<Rendition> = fc.record({
  type: fc.constantFrom('AUDIO', 'SUBTITLES', 'VIDEO', 'CLOSED-CAPTIONS' as const),
  groupId: groupIds,
  name: fc.constant('n'),
  uri: fc.constant('r/index.m3u8'),
});
const arbMaster: fc.Arbitrary<MasterPlaylist> = fc.record({
  kind: fc.constant('master' as const),
  independentSegments: fc.boolean(),
  renditions: fc.array(arbRendition, { maxLength: 6 }),
  variants: fc.array(arbVariant, { maxLength: 8 }),
});
const arbPolicy: fc.Arbitrary<MasterPolicy> = fc.record({
  maxShortSide: fc.integer({ min: 0, max: 2400 }),
  codecs: fc.subarray([...VIDEO_CODEC_FAMILIES]),
  startShortSide: fc.integer({ min: 0, max: 2400 }),
});

describe('rewriteMaster properties', () => {
  it('offers exactly the allowed variants, start first then ascending, with consistent groups', () => {
    fc.assert(
      fc.property(arbMaster, arbPolicy, (input, policy) => {
        const allowed = input.variants.filter(
          (v) =>
            (shortSideOf(v) ?? Infinity) <= policy.maxShortSide &&
            policy.codecs.some((c) => c === variantCodecFamily(v)),
        );
        const result = rewriteMaster(input, policy);
        if (!result.ok) {
          expect(allowed).toEqual([]);
          return;
        }
        const { variants, renditions } = result.playlist;
        expect(variants.length).toBe(allowed.length);
        expect(variants.map((v) => v.uri).sort()).toEqual(allowed.map((v) => v.uri).sort());
        const [first, ...rest] = variants;
        const fits = variants.filter((v) => (shortSideOf(v) ?? Infinity) <= policy.startShortSide);
        const best = Math.max(...fits.map((v) => v.bandwidth));
        expect(first?.bandwidth).toBe(fits.length > 0 ? best : Math.min(...variants.map((v) => v.bandwidth)));
        expect(rest.map((v) => v.bandwidth)).toEqual(rest.map((v) => v.bandwidth).sort((a, b) => a - b));
        for (const r of renditions) {
          expect(variants.some((v) => (r.type === 'AUDIO' ? v.audio : v.subtitles) === r.groupId)).toBe(true);
        }
        for (const v of variants) {
          if (v.audio) expect(renditions.some((r) => r.type === 'AUDIO' && r.groupId === v.audio)).toBe(true);
          if (v.subtitles)
            expect(renditions.some((r) => r.type === 'SUBTITLES' && r.groupId === v.subtitles)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('writes a playlist that parses back to itself', () => {
    fc.assert(
      fc.property(arbMaster, arbPolicy, (input, policy) => {
        const result = rewriteMaster(input, policy);
        if (result.ok)
          expect(parsePlaylist(serializeMaster(result.playlist))).toEqual({
            ok: true,
            playlist: result.playlist,
          });
      }),
      { numRuns: 200 },
    );
  });
});
