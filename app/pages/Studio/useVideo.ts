/**
 * A video as its owner sees it (`GET /api/videos/{id}`), polled every 1.5 s while it is processing (so
 * transcoding progress moves live) or while `pollAnyway` (an upload from this page is running), and
 * replaced by whatever a save returned.
 */
import type { VideoView } from '@reel/contracts';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem, api } from '../../lib/api.ts';
import { isBusy } from './status.ts';

export const POLL_MS = 1500;

export type VideoLoad =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; video: VideoView };

export function useVideo(id: string, pollAnyway: boolean) {
  const [load, setLoad] = useState<VideoLoad>({ kind: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const { video } = await api<{ video: VideoView }>('GET', `/api/videos/${id}`);
      setLoad({ kind: 'ok', video });
    } catch (err) {
      // A failed poll keeps what is on screen; only the first load shows the error.
      setLoad((prev) => {
        if (prev.kind === 'ok') return prev;
        if (err instanceof ApiProblem && (err.status === 404 || err.status === 403))
          return { kind: 'missing' };
        return { kind: 'error', message: err instanceof Error ? err.message : 'Could not load the video' };
      });
    }
  }, [id]);

  useEffect(() => {
    setLoad({ kind: 'loading' });
    void refresh();
  }, [refresh]);

  const busy = load.kind === 'ok' && isBusy(load.video.status);
  useEffect(() => {
    if (!busy && !pollAnyway) return;
    const timer = setInterval(() => {
      if (!document.hidden) void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [busy, pollAnyway, refresh]);

  const replace = useCallback((video: VideoView) => setLoad({ kind: 'ok', video }), []);
  return { load, refresh, replace };
}
