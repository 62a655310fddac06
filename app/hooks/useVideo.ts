import type { VideoView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';

/**
 * A title's metadata (`GET /api/videos/{id}`): null while loading or when it cannot be read. The player
 * does not wait for it; a title the viewer may not see is explained by the playback refusal instead.
 */
export function useVideo(id: string): VideoView | null {
  const [video, setVideo] = useState<VideoView | null>(null);
  useEffect(() => {
    setVideo(null);
    let live = true;
    api<{ video: VideoView }>('GET', `/api/videos/${encodeURIComponent(id)}`)
      .then((r) => live && setVideo(r.video))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return video;
}
