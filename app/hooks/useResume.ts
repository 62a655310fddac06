import { useEffect, useState } from 'preact/hooks';
import { takeEarlyResume } from '../player/early-start.ts';
import { loadResumePosition } from '../player/history.ts';

const TOAST_MS = 6000;

/**
 * Where playback starts: a time from the URL, else the profile's saved position (loaded while the grant
 * is requested), else 0. `resumedAt` drives the "Resumed at 12:34 · Start over" toast for a few seconds.
 */
export function useResume(videoId: string, fromUrl: number | null | undefined, resume: boolean) {
  const [resumedAt, setResumedAt] = useState<number | null>(null);
  const [toast, setToast] = useState(false);
  useEffect(() => {
    if (resumedAt === null) return;
    setToast(true);
    const t = setTimeout(() => setToast(false), TOAST_MS);
    return () => clearTimeout(t);
  }, [resumedAt]);
  const startAt = (): number | Promise<number> => {
    if (fromUrl != null) return fromUrl;
    if (!resume) return 0;
    // The watch page asked while the app booted (early-start.ts); otherwise ask now.
    return (takeEarlyResume(videoId) ?? loadResumePosition(videoId)).then((at) => {
      setResumedAt(at);
      return at ?? 0;
    });
  };
  return { startAt, resumedAt: toast ? resumedAt : null, hideToast: () => setToast(false) };
}
