import { useEffect, useState } from 'preact/hooks';
import type { NextEpisode } from '../player/types.ts';
import type { MediaState } from './useMediaState.ts';

/** Seconds the card counts down before the next episode starts by itself. */
export const COUNTDOWN_S = 10;
/** Without a credits marker, the card appears this long before the end. */
const TAIL_S = 20;

/**
 * The next-episode card's state: shown from the credits marker (or the last 20 s), counting down while the
 * video plays or once it has ended, then `onNext`. Seeking back before the credits hides it and resets the
 * count; "Cancel" hides it for the rest of this title.
 */
export function useNextUp(
  next: NextEpisode | null,
  media: MediaState,
  creditsStartS: number | null,
  onNext: (videoId: string) => void,
) {
  const [dismissed, setDismissed] = useState(false);
  const [left, setLeft] = useState(COUNTDOWN_S);
  const { currentTime, duration, paused, ended } = media;
  const threshold = creditsStartS ?? Math.max(0, duration - TAIL_S);
  const visible = next !== null && !dismissed && duration > 0 && (ended || currentTime >= threshold);
  const counting = visible && (!paused || ended);

  useEffect(() => setDismissed(false), [next?.videoId]);
  useEffect(() => {
    if (!visible) setLeft(COUNTDOWN_S);
  }, [visible]);
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [counting]);
  useEffect(() => {
    if (visible && left <= 0 && next) onNext(next.videoId);
  }, [visible, left]);

  return {
    visible,
    counting,
    secondsLeft: Math.max(0, left),
    dismiss: () => setDismissed(true),
    playNow: () => next && onNext(next.videoId),
  };
}
