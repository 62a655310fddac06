import { env } from 'cloudflare:test';
import type { ChannelView } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import type { OEmbedVideo as OEmbed } from '../src/domain/oembed.ts';
import { call, callJson, problemOf } from './helpers.ts';
import { addRenditions } from './page-kit.ts';
import { publishedTitle } from './playback-kit.ts';

/** oEmbed 1.0 (https://oembed.com) at GET /api/oembed for watch and embed URLs. */

const ORIGIN = 'http://localhost:8787';

const oembed = (url: string, extra = '') => `/api/oembed?url=${encodeURIComponent(url)}${extra}`;

/** The iframe's src, width and height attributes, read back from the `html` field. */
function iframeOf(html: string) {
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(html)?.[1];
  return { src: attr('src'), width: Number(attr('width')), height: Number(attr('height')) };
}

describe('GET /api/oembed', () => {
  it('answers the video type with an iframe of the embed page', async () => {
    const { video, owner } = await publishedTitle({ title: 'Harbour Lights' });
    const res = await call('GET', oembed(`${ORIGIN}/watch/${video.id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as OEmbed;
    const { channel } = await callJson<{ channel: ChannelView }>(
      'GET',
      `/api/channels/${video.channelId}`,
      200,
      {
        token: owner.token,
      },
    );
    expect(body).toMatchObject({
      type: 'video',
      version: '1.0',
      title: 'Harbour Lights',
      author_name: channel.name,
      provider_name: 'Reel',
      provider_url: `${ORIGIN}/`,
      width: 640,
      height: 360,
    });
    expect(body.html).toMatch(/^<iframe [^>]*><\/iframe>$/);
    expect(iframeOf(body.html)).toEqual({ src: `${ORIGIN}/embed/${video.id}`, width: 640, height: 360 });
    expect(body.html).toContain('allowfullscreen');
  });

  it('gives the poster as thumbnail with its size, or no thumbnail field at all', async () => {
    const { video, assetId } = await publishedTitle({ title: 'Poster' });
    const url = oembed(`${ORIGIN}/watch/${video.id}`);
    const bare = await callJson<OEmbed>('GET', url, 200);
    expect(Object.keys(bare).filter((k) => k.startsWith('thumbnail_'))).toEqual([]);
    await addRenditions(assetId);
    expect(await callJson<OEmbed>('GET', url, 200)).toMatchObject({
      thumbnail_url: `${ORIGIN}/api/videos/${video.id}/poster.jpg?v=${assetId}`,
      thumbnail_width: 1280,
      thumbnail_height: 720,
    });
  });

  it('accepts embed URLs, query strings and format=json', async () => {
    const { video } = await publishedTitle({ title: 'Same title', visibility: 'unlisted' });
    for (const url of [`${ORIGIN}/embed/${video.id}`, `${ORIGIN}/watch/${video.id}?t=42#x`]) {
      const body = await callJson<OEmbed>('GET', oembed(url, '&format=json'), 200);
      expect(body.title).toBe('Same title');
    }
  });

  it('fits the largest 16:9 embed within maxwidth and maxheight', async () => {
    const { video } = await publishedTitle();
    const url = `${ORIGIN}/watch/${video.id}`;
    const cases: [string, number, number][] = [
      ['&maxwidth=320', 320, 180],
      ['&maxheight=100', 177, 99],
      ['&maxwidth=1000&maxheight=300', 533, 299],
      ['&maxwidth=1280', 1280, 720],
      ['&maxwidth=500&maxheight=1000', 500, 281],
    ];
    for (const [query, width, height] of cases) {
      const body = await callJson<OEmbed>('GET', oembed(url, query), 200);
      expect({ width: body.width, height: body.height }, query).toEqual({ width, height });
      expect(iframeOf(body.html), query).toMatchObject({ width, height });
    }
  });

  it('escapes the title inside the iframe markup', async () => {
    const { video } = await publishedTitle({ title: `"><script>alert(1)</script>` });
    const body = await callJson<OEmbed>('GET', oembed(`${ORIGIN}/watch/${video.id}`), 200);
    expect(body.title).toBe(`"><script>alert(1)</script>`);
    expect(body.html).not.toContain('<script');
    expect(body.html).toMatch(/^<iframe [^>]*><\/iframe>$/);
  });

  it('is 404 for private, age-restricted, unfinished and unknown titles alike', async () => {
    const privateId = (await publishedTitle({ visibility: 'private' })).video.id;
    const adultId = (await publishedTitle({ ageRating: 18 })).video.id;
    const draftId = (await publishedTitle()).video.id;
    await env.DB.prepare("UPDATE videos SET status = 'failed' WHERE id = ?1").bind(draftId).run();
    for (const id of [privateId, adultId, draftId, 'AAAAAAAAAAAAAAAA']) {
      const problem = await problemOf(await call('GET', oembed(`${ORIGIN}/watch/${id}`)), 404);
      expect(problem.code).toBe('not_found');
    }
  });

  it('is 404 for URLs of other hosts or other paths', async () => {
    const { video } = await publishedTitle();
    const urls = [
      `https://elsewhere.example/watch/${video.id}`,
      `http://localhost:9999/watch/${video.id}`,
      `${ORIGIN}/title/${video.id}`,
      `${ORIGIN}/watch/${video.id}/extra`,
      `${ORIGIN}/api/videos/${video.id}`,
      'not a url',
    ];
    for (const url of urls) {
      expect((await problemOf(await call('GET', oembed(url)), 404)).code, url).toBe('not_found');
    }
  });

  it('is 501 for XML (or any format but JSON) and 400 for malformed parameters', async () => {
    const { video } = await publishedTitle();
    const url = `${ORIGIN}/watch/${video.id}`;
    for (const format of ['xml', 'yaml']) {
      const problem = await problemOf(await call('GET', oembed(url, `&format=${format}`)), 501);
      expect(problem.code).toBe('format_not_implemented');
    }
    for (const path of ['/api/oembed', oembed(url, '&maxwidth=0'), oembed(url, '&maxheight=abc')]) {
      expect((await problemOf(await call('GET', path), 400)).code, path).toBe('validation_failed');
    }
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = await callJson<{ paths: Record<string, { get?: { responses: object } }> }>(
      'GET',
      '/api/openapi.json',
      200,
    );
    expect(Object.keys(doc.paths['/api/oembed']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '404', '501']),
    );
  });
});
