import { useEffect, useState } from 'preact/hooks';
import { type ControllerState, PlaybackController } from '../player/controller.ts';
import type { TrackPrefs } from '../player/engine.ts';
import { playbackHints } from '../player/hints.ts';
import { NO_TRACKS } from '../player/types.ts';

export type PlaybackOptions = {
  videoId: string;
  embedded: boolean;
  autoplay: boolean;
  /** Where to start: a number, or a promise (the saved position) loaded while the grant is requested. */
  startAt: () => number | Promise<number>;
  prefs: TrackPrefs;
};

const INITIAL: ControllerState = { phase: 'starting', error: null, grant: null, tracks: NO_TRACKS };

/**
 * Runs a PlaybackController for the `<video>` element: starts on mount, releases the stream slot on
 * pagehide and unmount, takes a fresh slot when the page comes back from the back/forward cache, and
 * retries by itself when the connection returns.
 */
export function usePlayback(video: HTMLVideoElement | null, opts: PlaybackOptions) {
  const [controller, setController] = useState<PlaybackController | null>(null);
  const [state, setState] = useState<ControllerState>(INITIAL);
  useEffect(() => {
    if (!video) return;
    const c = new PlaybackController(video, {
      videoId: opts.videoId,
      hints: playbackHints(opts.embedded),
      prefs: opts.prefs,
    });
    const unsubscribe = c.subscribe(() => setState(c.state));
    setController(c);
    void c.start(opts.startAt(), opts.autoplay);
    const onPageHide = () => c.release();
    const onPageShow = (e: PageTransitionEvent) => {
      if (e.persisted) void c.start(video.currentTime, false);
    };
    const onOnline = () => {
      if (c.state.error?.kind === 'offline') void c.retry();
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('online', onOnline);
      unsubscribe();
      c.destroy();
      setState(INITIAL);
    };
  }, [video, opts.videoId]);
  return { state, controller };
}
