import type { LeasedSubtitle } from '@reel/contracts';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';

const MAX_TRIES = 5;

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * Copies the source from its signed URL to a local file, resuming with `Range: bytes=<have>-` when a
 * connection drops, so FFmpeg only ever reads a local file (no network in the decoder).
 */
export async function downloadSource(url: string, file: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const have = await sizeOf(file);
    const res = await fetch(url, { headers: have > 0 ? { range: `bytes=${have}-` } : {} });
    if (res.status === 416 && have > 0) return; // Nothing left past what we have.
    if (!res.ok || !res.body) throw new Error(`source download: HTTP ${res.status}`);
    const append = res.status === 206;
    try {
      // fetch()'s body is a DOM ReadableStream; node:stream/web types the same object differently.
      const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
      await pipeline(body, createWriteStream(file, { flags: append ? 'a' : 'w' }));
      return;
    } catch (err) {
      if (attempt >= MAX_TRIES) throw err;
    }
  }
}

/** The API refuses larger texts; anything bigger here is not what was uploaded. */
const MAX_SUBTITLE_BYTES = 2 * 1024 * 1024;

/** Fetches each leased subtitle track's text (small: read whole) for `transcode()`'s `subtitles`. */
export async function downloadSubtitles(
  tracks: LeasedSubtitle[],
): Promise<{ language: string; name: string; text: string }[]> {
  return Promise.all(
    tracks.map(async (t) => {
      const res = await fetch(t.url);
      if (!res.ok) throw new Error(`subtitle download (${t.language}): HTTP ${res.status}`);
      const text = await res.text();
      if (new TextEncoder().encode(text).length > MAX_SUBTITLE_BYTES) {
        throw new Error(`subtitle download (${t.language}): over 2 MiB`);
      }
      return { language: t.language, name: t.label, text };
    }),
  );
}
