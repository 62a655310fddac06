import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, makeUser } from './helpers.ts';
import { addRenditions } from './page-kit.ts';
import { publishedTitle } from './playback-kit.ts';

/** The watch and embed pages: the SPA shell with a per-title head and per-title framing rules. */

const ORIGIN = 'http://localhost:8787';

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await call('GET', path, { headers });
  return { res, html: await res.text(), csp: res.headers.get('content-security-policy') };
}

/** The attribute values of every `<meta>`/`<link>` whose `key` attribute is `name`, decoded back to text. */
function attrs(html: string, tag: 'meta' | 'link', key: string, name: string, value: string): string[] {
  const out: string[] = [];
  for (const [element] of html.matchAll(new RegExp(`<${tag}\\s[^>]*>`, 'g'))) {
    const get = (a: string) => new RegExp(`\\s${a}="([^"]*)"`).exec(element)?.[1];
    if (get(key) === name) out.push(decode(get(value) ?? ''));
  }
  return out;
}
const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
const og = (html: string, property: string) => attrs(html, 'meta', 'property', property, 'content');
const named = (html: string, name: string) => attrs(html, 'meta', 'name', name, 'content');

describe('GET /watch/{id} of a public title', () => {
  it('carries the title, Open Graph, the Twitter card and oEmbed discovery, and may not be framed', async () => {
    const { video } = await publishedTitle({ title: 'Night Train', description: 'A train.\n\nAt night.' });
    const { res, html, csp } = await page(`/watch/${video.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<title>Night Train · Reel</title>');
    expect(og(html, 'og:type')).toEqual(['video.other']);
    expect(og(html, 'og:title')).toEqual(['Night Train']);
    expect(og(html, 'og:description')).toEqual(['A train. At night.']);
    expect(og(html, 'og:url')).toEqual([`${ORIGIN}/watch/${video.id}`]);
    expect(og(html, 'video:duration')).toEqual(['600']);
    expect(named(html, 'twitter:card')).toHaveLength(1);
    const [oembed] = attrs(html, 'link', 'type', 'application/json+oembed', 'href');
    expect(oembed).toBe(
      `${ORIGIN}/api/oembed?url=${encodeURIComponent(`${ORIGIN}/watch/${video.id}`)}&format=json`,
    );
    // The discovery link leads to a working oEmbed answer for the same title.
    const discovered = await call('GET', new URL(oembed ?? '').pathname + new URL(oembed ?? '').search);
    expect(((await discovered.json()) as { title: string }).title).toBe('Night Train');
    expect(named(html, 'reel-embed-origins')).toEqual([]);
    // Still the SPA: its root and the hashed entry script are there.
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<script type="module"[^>]*src="\/assets\//);
    expect(csp).toBe("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('escapes a hostile title and description everywhere it is written', async () => {
    const title = `Tom & "Jerry" <script>alert('x')</script>`;
    const { video } = await publishedTitle({ title, description: `<img src=x onerror="alert(1)">` });
    const { html } = await page(`/watch/${video.id}`);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    // Element text needs only & and < escaped (HTML §13.1.2.6); attribute values are checked decoded below.
    expect(html).toContain(`<title>Tom &amp; "Jerry" &lt;script&gt;alert('x')&lt;/script&gt; · Reel</title>`);
    // Decoded, every value is exactly the text the creator typed.
    expect(og(html, 'og:title')).toEqual([title]);
    expect(og(html, 'og:description')).toEqual([`<img src=x onerror="alert(1)">`]);
    expect((html.match(/<script/g) ?? []).length).toBe(1);
  });

  it('answers 200 with a body even to a conditional request', async () => {
    const { video } = await publishedTitle({ title: 'Cached' });
    const { res, html } = await page(`/watch/${video.id}`, { 'if-none-match': '*' });
    expect(res.status).toBe(200);
    expect(og(html, 'og:title')).toEqual(['Cached']);
  });

  it('is the same for unlisted titles (shareable by link)', async () => {
    const { video } = await publishedTitle({ title: 'By link only', visibility: 'unlisted' });
    expect(og((await page(`/watch/${video.id}`)).html, 'og:title')).toEqual(['By link only']);
  });
});

describe('the poster in link previews', () => {
  it('names the poster route as og:image with the top rung’s size, and the image is served', async () => {
    const { video, assetId, prefix } = await publishedTitle({ title: 'With poster' });
    await addRenditions(assetId);
    await env.MEDIA.put(`${prefix}poster.jpg`, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    const { html } = await page(`/watch/${video.id}`);
    const [image] = og(html, 'og:image');
    expect(image).toBe(`${ORIGIN}/api/videos/${video.id}/poster.jpg?v=${assetId}`);
    expect([og(html, 'og:image:width'), og(html, 'og:image:height')]).toEqual([['1280'], ['720']]);
    expect(named(html, 'twitter:card')).toEqual(['summary_large_image']);
    const poster = await call('GET', new URL(image ?? '').pathname + new URL(image ?? '').search);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
  });

  it('has no image size and a plain summary card when the title has no renditions yet', async () => {
    const { video } = await publishedTitle({ title: 'No renditions' });
    const { html } = await page(`/watch/${video.id}`);
    expect(og(html, 'og:image')).toHaveLength(1);
    expect(og(html, 'og:image:width')).toEqual([]);
  });
});

describe('preload hints', () => {
  it('preloads the chunks the watch and embed pages need before they can play', async () => {
    const built = (await (await env.ASSETS.fetch('http://assets/route-preload.json')).json()) as Record<
      string,
      string[]
    >;
    const shell = await (await env.ASSETS.fetch('http://assets/index.html')).text();
    const { video } = await publishedTitle({ title: 'Preloaded' });
    for (const kind of ['watch', 'embed'] as const) {
      const files = built[kind] ?? [];
      // The page, the player and hls.js (which the app imports lazily from its shell) at least.
      expect(files.filter((f) => f.endsWith('.js')).length, kind).toBeGreaterThanOrEqual(3);
      expect(
        files.some((f) => /^\/assets\/hls-[\w-]+\.js$/.test(f)),
        kind,
      ).toBe(true);
      const { html } = await page(`/${kind}/${video.id}`);
      const js = attrs(html, 'link', 'rel', 'modulepreload', 'href');
      // The shell links its own stylesheet; the page's are linked beside it.
      const css = attrs(html, 'link', 'rel', 'stylesheet', 'href').filter((f) => !shell.includes(f));
      expect([...js, ...css].sort(), kind).toEqual([...files].sort());
    }
  });
});

describe('GET /embed/{id}', () => {
  it('lets any web origin frame a public title with no embed origins', async () => {
    const { video } = await publishedTitle({ title: 'Anywhere' });
    const { res, html, csp } = await page(`/embed/${video.id}`);
    expect(csp).toBe('frame-ancestors *');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(named(html, 'reel-embed-origins').map((c) => JSON.parse(c))).toEqual([[]]);
    expect(named(html, 'robots')).toEqual(['noindex']);
    expect(og(html, 'og:url')).toEqual([`${ORIGIN}/watch/${video.id}`]);
  });

  it('names exactly the listed origins in frame-ancestors and in the meta the player reads', async () => {
    const embedOrigins = ['https://partner.example', 'https://blog.example:8443'];
    const { video } = await publishedTitle({ title: 'Partners', embedOrigins });
    const { html, csp } = await page(`/embed/${video.id}`);
    expect(csp).toBe('frame-ancestors https://partner.example https://blog.example:8443');
    expect(named(html, 'reel-embed-origins').map((c) => JSON.parse(c))).toEqual([embedOrigins]);
  });

  it('never writes a stored origin that is not an origin into the policy', async () => {
    const { video } = await publishedTitle({ title: 'Tampered' });
    await env.DB.prepare('UPDATE videos SET embed_origins = ?1 WHERE id = ?2')
      .bind(JSON.stringify(["https://ok.example; script-src 'unsafe-inline'"]), video.id)
      .run();
    expect((await page(`/embed/${video.id}`)).csp).toBe("frame-ancestors 'none'");
  });
});

describe('titles a signed-out visitor may not see', () => {
  async function hidden(body: Record<string, unknown>) {
    const { video } = await publishedTitle({ title: 'Secret Project X', embedOrigins: [], ...body });
    return video.id;
  }

  it('gives private, age-restricted and unfinished titles the generic head of an unknown id', async () => {
    const owner = await makeUser('creator');
    const ids = [
      await hidden({ visibility: 'private' }),
      await hidden({ ageRating: 18 }),
      (await publishedTitle({ title: 'Secret Project X' }, owner)).video.id,
    ];
    // The third is published, then taken back to a draft: no longer ready.
    await env.DB.prepare("UPDATE videos SET status = 'processing' WHERE id = ?1").bind(ids[2]).run();
    const unknown = {
      watch: await page('/watch/AAAAAAAAAAAAAAAA'),
      embed: await page('/embed/AAAAAAAAAAAAAAAA'),
    };
    for (const id of ids) {
      for (const kind of ['watch', 'embed'] as const) {
        const { res, html, csp } = await page(`/${kind}/${id}`);
        expect(res.status).toBe(200);
        expect(html).not.toContain('Secret Project X');
        expect(html).toBe(unknown[kind].html);
        expect(csp).toBe("frame-ancestors 'none'");
      }
    }
    const { html } = unknown.embed;
    expect(html).toContain('<title>Reel</title>');
    expect(og(html, 'og:type')).toEqual(['website']);
    expect(attrs(html, 'link', 'type', 'application/json+oembed', 'href')).toEqual([]);
    // No origins meta: an embed of a title that may not be embedded accepts commands from nobody.
    expect(named(html, 'reel-embed-origins')).toEqual([]);
  });

  it('serves the generic, unframeable shell for malformed ids and extra path segments', async () => {
    const { video } = await publishedTitle({ title: 'Deep link' });
    for (const path of ['/watch/not-an-id', `/embed/${video.id}/extra`, '/watch/']) {
      const { res, html, csp } = await page(path);
      expect(res.status, path).toBe(200);
      expect(html, path).not.toContain('Deep link');
      expect(html, path).toContain('<div id="root"></div>');
      expect(csp, path).toBe("frame-ancestors 'none'");
    }
  });
});
