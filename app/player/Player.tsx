import type { VideoView } from '@reel/contracts';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useFullscreen } from '../hooks/useFullscreen.ts';
import { useHistorySync } from '../hooks/useHistorySync.ts';
import { useIdle } from '../hooks/useIdle.ts';
import { useKeyboardFocusWithin } from '../hooks/useKeyboardFocusWithin.ts';
import { type MediaState, useMediaState } from '../hooks/useMediaState.ts';
import { useNextUp } from '../hooks/useNextUp.ts';
import { usePictureInPicture } from '../hooks/usePictureInPicture.ts';
import { usePlayback } from '../hooks/usePlayback.ts';
import { type PlayerActions, usePlayerActions } from '../hooks/usePlayerActions.ts';
import { useResume } from '../hooks/useResume.ts';
import { useShortcuts } from '../hooks/useShortcuts.ts';
import { useThumbnails } from '../hooks/useThumbnails.ts';
import { Captions } from './Captions.tsx';
import { Controls } from './Controls.tsx';
import type { ControllerState, PlaybackController } from './controller.ts';
import { ErrorScreen } from './ErrorScreen.tsx';
import { CenterPlay, NextEpisodeCard, ResumeToast, SkipButton, Spinner } from './Overlays.tsx';
import { readPrefs } from './preferences.ts';
import type { Markers, NextEpisode, PlayerError } from './types.ts';
import './player.css';

export type PlayerProps = {
  videoId: string;
  /** The title's metadata (markers, chapters, title); playback starts without waiting for it. */
  video: VideoView | null;
  /** Minimal chrome for iframes: no next-episode card, links open Reel in a new tab. */
  embedded?: boolean;
  autoplay?: boolean;
  muted?: boolean;
  /** A start time from the URL (`?t=`); otherwise the profile's saved position. */
  startAt?: number | null;
  /** Start from the profile's saved position (false for embeds, which play signed out). */
  resume?: boolean;
  /** Write the position to the active profile's history (signed in with a profile). */
  saveHistory?: boolean;
  next?: NextEpisode | null;
  onNext?: (videoId: string) => void;
  onVideoElement?: (video: HTMLVideoElement | null) => void;
  onError?: (error: PlayerError | null) => void;
};

const IDLE_MS = 3000;

/** "Skip intro" inside the intro, "Skip credits" from the credits marker (unless next-up takes over). */
function skipFor(m: Markers | undefined, t: number, duration: number) {
  if (!m) return null;
  if (m.introStartS !== null && m.introEndS !== null && t >= m.introStartS && t < m.introEndS - 1) {
    return { label: 'Skip intro', to: m.introEndS };
  }
  if (m.creditsStartS !== null && t >= m.creditsStartS && duration - t > 3) {
    return { label: 'Skip credits', to: duration };
  }
  return null;
}

/** Reel's player: hls.js underneath, our own controls, captions, overlays and error screens on top. */
export function Player(props: PlayerProps) {
  const { videoId, video: meta, embedded = false } = props;
  const [videoEl, setVideoEl] = useState<HTMLVideoElement | null>(null);
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const [prefs, setPrefs] = useState(readPrefs);
  const [menuOpen, setMenuOpen] = useState(false);
  const [announcement, announce] = useState('');
  // The viewer's track choices for this title; the engine updates them as the viewer changes tracks.
  const trackPrefs = useMemo(
    () => ({ height: -1, subtitleLang: prefs.subtitleLang, audioLang: null }),
    [videoId],
  );
  const resume = useResume(videoId, props.startAt, props.resume !== false);
  const { state, controller } = usePlayback(videoEl, {
    videoId,
    embedded,
    autoplay: props.autoplay ?? false,
    startAt: resume.startAt,
    prefs: trackPrefs,
  });
  const media = useMediaState(videoEl);
  const thumbnails = useThumbnails(state.grant);
  const fullscreen = useFullscreen(root, videoEl);
  const pip = usePictureInPicture(videoEl);
  const keyboardFocus = useKeyboardFocusWithin(root);
  const { idle, poke } = useIdle(IDLE_MS, !media.paused && !menuOpen && !keyboardFocus);
  const actions = usePlayerActions({
    video: videoEl,
    controller,
    tracks: state.tracks,
    prefs,
    setPrefs,
    toggleFullscreen: fullscreen.toggle,
    togglePictureInPicture: pip.toggle,
    announce,
  });
  useShortcuts(actions, state.error === null);
  useHistorySync(videoEl, videoId, props.saveHistory === true && state.phase === 'ready');
  useEffect(() => props.onVideoElement?.(videoEl), [videoEl]);
  useEffect(() => props.onError?.(state.error), [state.error]);
  useEffect(() => {
    if (!videoEl) return;
    videoEl.volume = prefs.volume;
    videoEl.muted = props.muted === true || prefs.muted;
  }, [videoEl]);

  const controlsShown = !idle || media.paused;
  return (
    <section
      ref={setRoot}
      class="rp"
      aria-label={meta ? `Video player: ${meta.title}` : 'Video player'}
      data-idle={!controlsShown}
      data-embedded={embedded}
      data-fullscreen={fullscreen.active}
      onPointerMove={poke}
      onPointerDown={poke}
      onKeyDown={poke}
      onFocusIn={poke}
    >
      {/* biome-ignore lint/a11y/useMediaCaption: hls.js adds one <track> per HLS SUBTITLES rendition at runtime, and Captions draws them. */}
      <video
        ref={setVideoEl}
        class="rp-video"
        playsInline
        preload="auto"
        crossOrigin="anonymous"
        tabIndex={-1}
        onClick={actions.togglePlay}
        onDblClick={actions.toggleFullscreen}
      />
      <Captions video={videoEl} style={prefs.captions} raised={controlsShown && !state.error} />
      <Overlays {...{ props, state, controller, media, actions }} resume={resume} />
      {!state.error && (
        <Controls
          media={media}
          tracks={state.tracks}
          chapters={meta?.chapters ?? []}
          thumbnails={thumbnails}
          captionStyle={prefs.captions}
          actions={actions}
          fullscreen={fullscreen}
          pictureInPicture={pip}
          onMenuOpen={setMenuOpen}
        />
      )}
      <div class="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </section>
  );
}

type OverlayProps = {
  props: PlayerProps;
  state: ControllerState;
  controller: PlaybackController | null;
  media: MediaState;
  actions: PlayerActions;
  resume: ReturnType<typeof useResume>;
};

/** Everything drawn over the picture: title, spinner, big play, skip, next episode, toast, error screen. */
function Overlays({ props, state, controller, media, actions, resume }: OverlayProps) {
  const { videoId, video: meta, embedded = false } = props;
  const nextUp = useNextUp(
    embedded ? null : (props.next ?? null),
    media,
    meta?.markers.creditsStartS ?? null,
    props.onNext ?? (() => undefined),
  );
  const loading = state.phase === 'starting' || (media.waiting && state.phase === 'ready');
  const skip = nextUp.visible ? null : skipFor(meta?.markers, media.currentTime, media.duration);
  if (state.error) {
    return controller ? (
      <ErrorScreen
        error={state.error}
        videoId={videoId}
        embedded={embedded}
        onRetry={() => void controller.retry()}
        onEndStream={(sessionId) => controller.endOtherStream(sessionId)}
      />
    ) : null;
  }
  return (
    <>
      {embedded && meta && (
        <a class="rp-embed-title" href={`${location.origin}/watch/${videoId}`} target="_blank" rel="noopener">
          {meta.title}
        </a>
      )}
      {loading && <Spinner />}
      {state.phase === 'ready' && media.paused && !loading && !nextUp.visible && (
        <CenterPlay ended={media.ended} onPlay={actions.togglePlay} />
      )}
      {skip && <SkipButton label={skip.label} onSkip={() => actions.seekTo(skip.to)} />}
      {nextUp.visible && props.next && (
        <NextEpisodeCard
          next={props.next}
          secondsLeft={nextUp.secondsLeft}
          counting={nextUp.counting}
          onPlay={nextUp.playNow}
          onCancel={nextUp.dismiss}
        />
      )}
      {resume.resumedAt !== null && (
        <ResumeToast
          at={resume.resumedAt}
          onStartOver={() => {
            actions.seekTo(0);
            resume.hideToast();
          }}
        />
      )}
    </>
  );
}
