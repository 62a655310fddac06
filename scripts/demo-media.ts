/**
 * Demo videos made by FFmpeg (test patterns with tones; different lengths and aspect ratios, one
 * portrait, one AES-128 protected), uploaded by the demo creator through the REAL upload path (signed PUT target) so the
 * running transcoder builds their ladders. Clips are cached in .wrangler/demo-media; a video already
 * uploaded to this local database is not uploaded again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoCredential } from './seed.ts';

const DIR = '.wrangler/demo-media';
const UPLOADED = path.join(DIR, 'uploaded.json');

type Clip = {
  subtitles?: boolean;
  /** AES-128 protected (docs/PLAYBACK.md "Protection"): plays at 720p at most, as software playback. */
  protected?: boolean;
  slug: string;
  title: string;
  description: string;
  size: string;
  seconds: number;
  source: string;
  tone: number;
};

export const DEMO_CLIPS: Clip[] = [
  {
    slug: 'pattern-16x9',
    title: 'Test Pattern (16:9)',
    description: 'A moving test pattern with a 440 Hz tone, 854×480.',
    size: '854x480',
    seconds: 20,
    source: 'testsrc2',
    tone: 440,
  },
  {
    slug: 'portrait',
    title: 'Vertical Story (9:16)',
    description: 'A portrait test pattern, as phones shoot it, 480×854.',
    size: '480x854',
    seconds: 15,
    source: 'testsrc2',
    tone: 660,
  },
  {
    slug: 'bars-4x3',
    title: 'Colour Bars (4:3)',
    description: 'SMPTE colour bars with a 1 kHz line-up tone, 640×480.',
    size: '640x480',
    seconds: 30,
    source: 'smptebars',
    tone: 1000,
  },
  {
    slug: 'scope',
    title: 'Mandelbrot (2.39:1)',
    description: 'A slow Mandelbrot zoom in a cinema aspect ratio, 768×320.',
    size: '768x320',
    seconds: 12,
    source: 'mandelbrot',
    tone: 330,
    subtitles: true,
  },
  {
    slug: 'protected-1080',
    title: 'Protected Premiere (1080p source)',
    description:
      'An AES-128 protected title: its 1080p rung needs hardware protection, so browsers get 720p.',
    size: '1920x1080',
    seconds: 10,
    source: 'testsrc2',
    tone: 550,
    protected: true,
  },
];

const srtTime = (s: number) => `00:00:${String(s).padStart(2, '0')},000`;

/** English subtitles for a demo clip: one cue every 3 s, in SRT. */
function demoSrt(clip: Clip): string {
  const cues: string[] = [];
  for (let start = 0, n = 1; start < clip.seconds; start += 3, n++) {
    const end = Math.min(start + 3, clip.seconds);
    cues.push(`${n}\n${srtTime(start)} --> ${srtTime(end)}\n${clip.title}: ${start}–${end} s\n`);
  }
  return cues.join('\n');
}

function clipFile(clip: Clip): string {
  const file = path.join(DIR, `${clip.slug}.mp4`);
  if (existsSync(file)) return file;
  mkdirSync(DIR, { recursive: true });
  const seconds = String(clip.seconds);
  // lavfi sources differ in options (mandelbrot has no `duration`): bound each input with -t instead.
  const lavfi = (graph: string) => ['-f', 'lavfi', '-t', seconds, '-i', graph];
  const encode = [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
  ];
  const video = `${clip.source}=size=${clip.size}:rate=25`;
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    ...lavfi(video),
    ...lavfi(`sine=frequency=${clip.tone}`),
    ...encode,
    file,
  ]);
  return file;
}

const uploadedSlugs = (): Record<string, string> =>
  existsSync(UPLOADED) ? (JSON.parse(readFileSync(UPLOADED, 'utf8')) as Record<string, string>) : {};

async function call<T>(
  base: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function stillThere(base: string, token: string, videoId: string): Promise<boolean> {
  const res = await fetch(`${base}/api/videos/${videoId}`, { headers: { authorization: `Bearer ${token}` } });
  return res.ok;
}

async function uploadClip(base: string, token: string, clip: Clip): Promise<string> {
  const bytes = readFileSync(clipFile(clip));
  const { video } = await call<{ video: { id: string } }>(base, token, 'POST', '/api/videos', {
    title: clip.title,
    description: clip.description,
    ageRating: 0,
    visibility: 'public',
    releaseYear: new Date().getFullYear(),
    protected: clip.protected ?? false,
  });
  if (clip.subtitles) {
    // Before the upload, so the first transcode already renders them (issue 3: one demo with subtitles).
    const subtitles = { language: 'en', label: 'English', format: 'srt', text: demoSrt(clip) };
    await call(base, token, 'POST', `/api/videos/${video.id}/subtitles`, subtitles);
  }
  const target = await call<{ putUrl: string }>(base, token, 'POST', `/api/videos/${video.id}/uploads`);
  const res = await fetch(target.putUrl, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-length': String(bytes.length) },
  });
  if (!res.ok) throw new Error(`upload ${clip.slug}: ${res.status} ${await res.text()}`);
  return video.id;
}

/** Uploads every demo clip not yet in this database; returns how many were uploaded now. */
export async function uploadDemoMedia(base: string, creator: DemoCredential): Promise<number> {
  // Make every clip first: FFmpeg runs synchronously, and a keep-alive socket left idle meanwhile may be
  // closed by the dev server, failing the next request.
  for (const clip of DEMO_CLIPS) clipFile(clip);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: creator.email, password: creator.password }),
  });
  if (!login.ok) throw new Error(`demo creator login: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const done = uploadedSlugs();
  let uploaded = 0;
  for (const clip of DEMO_CLIPS) {
    const existing = done[clip.slug];
    if (existing && (await stillThere(base, token, existing))) continue;
    done[clip.slug] = await uploadClip(base, token, clip);
    writeFileSync(UPLOADED, JSON.stringify(done, null, 2));
    uploaded++;
  }
  return uploaded;
}
