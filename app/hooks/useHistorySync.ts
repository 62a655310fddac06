import { useEffect } from 'preact/hooks';
import { savePosition } from '../player/history.ts';

/** Issue 5: the position is written every 30 s while playing, and on pause, seek and exit. */
const SAVE_EVERY_MS = 30_000;
/** Keyboard scrubbing fires a seek per key press: save once the viewer settles. */
const SEEK_SETTLE_MS = 1_000;

/**
 * Keeps the active profile's history in step with the player. Nothing is written before playback has
 * really started, so opening a title never overwrites the saved position with 0.
 */
export function useHistorySync(video: HTMLVideoElement | null, videoId: string, enabled: boolean) {
  useEffect(() => {
    if (!video || !enabled) return;
    // Already playing when the profile became known (the session loads alongside the player).
    let started = video.currentTime > 0;
    let seekTimer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      if (started) savePosition(videoId, video.currentTime, video.duration);
    };
    const onPlaying = () => {
      started = true;
    };
    const onSeeked = () => {
      clearTimeout(seekTimer);
      seekTimer = setTimeout(save, SEEK_SETTLE_MS);
    };
    const periodic = setInterval(() => {
      if (!video.paused) save();
    }, SAVE_EVERY_MS);
    video.addEventListener('playing', onPlaying);
    video.addEventListener('pause', save);
    video.addEventListener('ended', save);
    video.addEventListener('seeked', onSeeked);
    window.addEventListener('pagehide', save);
    return () => {
      save();
      clearInterval(periodic);
      clearTimeout(seekTimer);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('pause', save);
      video.removeEventListener('ended', save);
      video.removeEventListener('seeked', onSeeked);
      window.removeEventListener('pagehide', save);
    };
  }, [video, videoId, enabled]);
}
