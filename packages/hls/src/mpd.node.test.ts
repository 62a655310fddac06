import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMpd, MpdError } from './mpd.ts';
import { resolveAgainst } from './mpd-segments.ts';
import { parsePlaylist } from './parse.ts';
import { rewriteMaster } from './rewrite.ts';
import type { MasterPlaylist, MediaPlaylist } from './types.ts';

const LADDER = path.join(import.meta.dirname, 'fixtures', 'ladder');
const read = (name: string) => {
  const result = parsePlaylist(readFileSync(path.join(LADDER, name), 'utf8'));
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result.playlist;
};
const master = read('master.m3u8') as MasterPlaylist;
const uris = [...master.variants.map((v) => v.uri), ...master.renditions.flatMap((r) => r.uri ?? [])];
const media = new Map(uris.map((u) => [u, read(u) as MediaPlaylist]));

/** A small XML reader: enough to check well-formedness and walk the MPD. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}
const unescapeXml = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '',
  );
function parseXml(xml: string): Node {
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  for (const [, close, name = '', rest = '', self, text] of xml.matchAll(
    /<(\/?)([\w:]+)([^>]*?)(\/?)>|([^<]+)/g,
  )) {
    const top = stack[stack.length - 1] ?? root;
    if (text !== undefined) top.text += unescapeXml(text.trim());
    else if (close) expect(stack.pop()?.name).toBe(name);
    else {
      const attrs = Object.fromEntries(
        [...rest.matchAll(/([\w:]+)="([^"<]*)"/g)].map((m) => [m[1], unescapeXml(m[2] ?? '')]),
      );
      const node: Node = { name, attrs, children: [], text: '' };
      top.children.push(node);
      if (!self) stack.push(node);
    }
  }
  expect(stack).toHaveLength(1);
  return root;
}
const all = (node: Node, name: string): Node[] =>
  node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
const one = (node: Node, name: string): Node => {
  const [found] = all(node, name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
};
const mpdOf = (text: string) => parseXml(text.replace(/^<\?xml[^>]*\?>/, ''));
const sets = (doc: Node, type: string) =>
  all(doc, 'AdaptationSet').filter((s) => s.attrs.contentType === type);

/** Expands a Representation's SegmentTemplate to the URLs and durations (seconds) it names (§5.3.9.4.4). */
function expand(rep: Node): { init: string; urls: string[]; durations: number[] } {
  const template = one(rep, 'SegmentTemplate');
  const { initialization = '', media: pattern = '', startNumber = '1', timescale = '1' } = template.attrs;
  const durations = all(template, 'S').flatMap((s) =>
    new Array(Number(s.attrs.r ?? 0) + 1).fill(Number(s.attrs.d) / Number(timescale)),
  );
  const name = (n: number) =>
    pattern
      .replace(/\$Number(%0(\d+)d)?\$/, (_, __, w?: string) => String(n).padStart(Number(w ?? 0), '0'))
      .replaceAll('$$', '$');
  return {
    init: initialization.replaceAll('$$', '$'),
    urls: durations.map((_, i) => name(Number(startNumber) + i)),
    durations,
  };
}

const doc = mpdOf(buildMpd({ master, media }));
const representations = all(doc, 'Representation');
const playlistOf = (id: string) => media.get(`${id}/index.m3u8`) as MediaPlaylist;

describe('buildMpd on the real transcoder ladder', () => {
  it('writes a static isoff-live MPD with one Period, its duration the longest playlist', () => {
    const root = one(doc, 'MPD');
    expect(root.attrs).toMatchObject({
      xmlns: 'urn:mpeg:dash:schema:mpd:2011',
      profiles: 'urn:mpeg:dash:profile:isoff-live:2011',
      type: 'static',
      mediaPresentationDuration: 'PT13.035S', // audio: 4.010667 + 3.989333 + 4.010667 + 1.024
    });
    expect(root.attrs.minBufferTime).toMatch(/^PT\d+(\.\d+)?S$/);
    expect(all(doc, 'Period')).toHaveLength(1);
  });

  it('has one video Representation per variant, with the video codec only', () => {
    const [video, ...others] = sets(doc, 'video');
    expect(others).toEqual([]);
    expect(video?.attrs).toMatchObject({
      mimeType: 'video/mp4',
      segmentAlignment: 'true',
      maxWidth: '1920',
      maxHeight: '1080',
    });
    expect(
      all(video as Node, 'Representation').map((r) => [
        r.attrs.id,
        r.attrs.width,
        r.attrs.height,
        r.attrs.codecs,
      ]),
    ).toEqual([
      ['h264-240', '426', '240', 'avc1.640015'],
      ['h264-360', '640', '360', 'avc1.64001E'],
      ['h264-480', '854', '480', 'avc1.64001F'],
      ['h264-720', '1280', '720', 'avc1.64001F'],
      ['h264-1080', '1920', '1080', 'avc1.640028'],
    ]);
    expect(all(video as Node, 'Representation').every((r) => r.attrs.frameRate === '30')).toBe(true);
  });

  it('starts numbering where FFmpeg does (the first segment file name), for every Representation', () => {
    for (const rep of representations.filter((r) => r.attrs.id !== 'subs-en')) {
      const first = playlistOf(rep.attrs.id ?? '').segments[0]?.uri ?? '';
      expect(one(rep, 'SegmentTemplate').attrs.startNumber).toBe(/(\d+)\.m4s$/.exec(first)?.[1]);
    }
  });

  it("keeps each timeline's total within 1 ms of its playlist's EXTINF sum", () => {
    for (const rep of representations.filter((r) => r.attrs.id !== 'subs-en')) {
      const playlist = playlistOf(rep.attrs.id ?? '');
      const total = playlist.segments.reduce((a, s) => a + s.duration, 0);
      expect(Math.abs(expand(rep).durations.reduce((a, b) => a + b, 0) - total)).toBeLessThan(0.001);
    }
  });

  it('names exactly the init and segment files the media playlists list: nothing invented, nothing lost', () => {
    for (const rep of representations.filter((r) => r.attrs.id !== 'subs-en')) {
      const playUri = `${rep.attrs.id}/index.m3u8`;
      const playlist = playlistOf(rep.attrs.id ?? '');
      const { init, urls } = expand(rep);
      expect(urls).toEqual(playlist.segments.map((s) => resolveAgainst(playUri, s.uri)));
      expect(init).toBe(resolveAgainst(playUri, playlist.segments[0]?.map?.uri ?? ''));
    }
  });

  it('keeps every URL relative to the MPD (no scheme, no leading slash, no ..)', () => {
    const urls = [
      ...all(doc, 'SegmentTemplate').flatMap((t) => [t.attrs.initialization, t.attrs.media]),
      ...all(doc, 'BaseURL').map((b) => b.text),
    ];
    expect(urls).toHaveLength(13);
    for (const url of urls) expect(url).toMatch(/^(?![a-z]+:|\/)(?!.*\.\.)/);
  });

  it('describes the audio rendition with its codec, rate and channel configuration', () => {
    const [audio] = sets(doc, 'audio');
    expect(audio?.attrs.mimeType).toBe('audio/mp4');
    const rep = one(audio as Node, 'Representation');
    expect(rep.attrs).toMatchObject({ id: 'aac-128', codecs: 'mp4a.40.2', bandwidth: '128000' });
    expect(one(rep, 'AudioChannelConfiguration').attrs.value).toBe('2');
  });

  it('points a text/vtt AdaptationSet at subs/en.vtt, from the playlist or without it', () => {
    const [text] = sets(doc, 'text');
    expect(text?.attrs).toMatchObject({ mimeType: 'text/vtt', lang: 'en' });
    expect(one(text as Node, 'BaseURL').text).toBe('subs/en.vtt');
    const withoutSubs = new Map([...media].filter(([uri]) => uri !== 'subs/en.m3u8'));
    expect(one(mpdOf(buildMpd({ master, media: withoutSubs })), 'BaseURL').text).toBe('subs/en.vtt');
  });

  it('follows the rewritten master: a 480 cap leaves three video Representations', () => {
    const rewritten = rewriteMaster(master, { maxShortSide: 480, codecs: ['h264'], startShortSide: 360 });
    if (!rewritten.ok) throw new Error(rewritten.reason);
    const ids = all(mpdOf(buildMpd({ master: rewritten.playlist, media })), 'Representation').map(
      (r) => r.attrs.id,
    );
    expect(ids).toEqual(['h264-240', 'h264-360', 'h264-480', 'aac-128', 'subs-en']);
  });

  it('takes durationS when given', () => {
    expect(
      one(mpdOf(buildMpd({ master, media, durationS: 12.5 })), 'MPD').attrs.mediaPresentationDuration,
    ).toBe('PT12.5S');
  });
});

describe('buildMpd with two codec families', () => {
  it('puts each family in its own video AdaptationSet and writes 29.97 fps as a fraction', () => {
    const h264 = master.variants.find((v) => v.uri === 'h264-360/index.m3u8');
    if (h264 === undefined) throw new Error('fixture changed');
    const vp9 = {
      ...h264,
      uri: 'vp9-360/index.m3u8',
      codecs: ['vp09.00.21.08', 'mp4a.40.2'],
      frameRate: 29.97,
    };
    const mixed: MasterPlaylist = { ...master, variants: [h264, vp9] };
    const both = new Map([
      ...media,
      ['vp9-360/index.m3u8', media.get('h264-360/index.m3u8') as MediaPlaylist],
    ]);
    const videoSets = sets(mpdOf(buildMpd({ master: mixed, media: both })), 'video');
    expect(
      videoSets.map((set) =>
        all(set, 'Representation').map((r) => [r.attrs.id, r.attrs.codecs, r.attrs.frameRate]),
      ),
    ).toEqual([[['h264-360', 'avc1.64001E', '30']], [['vp9-360', 'vp09.00.21.08', '30000/1001']]]);
    expect(one(videoSets[1] as Node, 'SegmentTemplate').attrs.media).toBe('vp9-360/seg_$Number$.m4s');
  });
});

describe('buildMpd escaping and refusals', () => {
  it('escapes attribute values and text, and they read back unchanged', () => {
    const lang = `en"<&>'`;
    const odd: MasterPlaylist = {
      ...master,
      renditions: master.renditions.map((r) =>
        r.type === 'SUBTITLES' ? { ...r, language: lang, uri: 'subs/a&b.m3u8' } : r,
      ),
    };
    const text = buildMpd({
      master: odd,
      media: new Map([...media].filter(([u]) => !u.startsWith('subs/'))),
    });
    expect(text).toContain('lang="en&quot;&lt;&amp;&gt;&apos;"');
    const [subs] = sets(mpdOf(text), 'text');
    expect([subs?.attrs.lang, one(subs as Node, 'BaseURL').text]).toEqual([lang, 'subs/a&b.vtt']);
  });

  it('refuses a missing media playlist and an encrypted one with a code', () => {
    const code = (run: () => string) => {
      try {
        run();
      } catch (error) {
        return error instanceof MpdError ? error.code : 'other';
      }
      return 'none';
    };
    const missing = new Map([...media].filter(([u]) => u !== 'h264-720/index.m3u8'));
    expect(code(() => buildMpd({ master, media: missing }))).toBe('missing_media_playlist');
    const keyed = read('../media-aes128-fmp4.m3u8') as MediaPlaylist;
    const encrypted = new Map([...media, ['h264-720/index.m3u8', keyed]]);
    expect(code(() => buildMpd({ master, media: encrypted }))).toBe('unsupported_media_playlist');
  });
});
