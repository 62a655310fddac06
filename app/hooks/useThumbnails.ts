import type { PlaybackGrant } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { mediaBaseOf } from '../player/playback-api.ts';
import { loadThumbnails } from '../player/thumbnails.ts';
import type { ThumbnailCue } from '../player/types.ts';

/**
 * The seek-bar preview tiles of the current grant (`{token}/thumbs/sprites.vtt`). Loaded again for every
 * grant: a new token means new tile URLs, and tiles of an expired token would be refused.
 */
export function useThumbnails(grant: PlaybackGrant | null): ThumbnailCue[] {
  const [cues, setCues] = useState<ThumbnailCue[]>([]);
  useEffect(() => {
    if (!grant) return;
    const abort = new AbortController();
    // After the first frames: previews must never compete with the start of playback for bandwidth.
    const timer = setTimeout(() => {
      loadThumbnails(`${mediaBaseOf(grant)}thumbs/sprites.vtt`, abort.signal).then(setCues);
    }, 1500);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [grant?.manifestUrl]);
  return cues;
}
