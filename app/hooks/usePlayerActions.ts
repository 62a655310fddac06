import type { PlaybackController } from '../player/controller.ts';
import { clamp, formatTime } from '../player/format.ts';
import { type CaptionStyle, type PlayerPrefs, writePrefs } from '../player/preferences.ts';
import type { Shortcut } from '../player/shortcuts.ts';
import type { EngineTracks } from '../player/types.ts';

type Deps = {
  video: HTMLVideoElement | null;
  controller: PlaybackController | null;
  tracks: EngineTracks;
  prefs: PlayerPrefs;
  setPrefs: (p: PlayerPrefs) => void;
  toggleFullscreen: () => void;
  togglePictureInPicture: () => void;
  /** Says what a key press did, for screen readers (an aria-live region). */
  announce: (message: string) => void;
};

export type PlayerActions = ReturnType<typeof usePlayerActions>;

/** Everything a control or a shortcut can do to the player, in one place. */
export function usePlayerActions(d: Deps) {
  const { video, controller, tracks, prefs } = d;
  const remember = (change: Partial<PlayerPrefs>) => d.setPrefs(writePrefs(change));

  const togglePlay = () => {
    if (!video) return;
    if (video.ended) video.currentTime = 0;
    if (video.paused) controller?.play();
    else video.pause();
  };
  const seekTo = (t: number) => {
    if (!video || !Number.isFinite(video.duration)) return;
    video.currentTime = clamp(t, 0, video.duration);
  };
  const setVolume = (volume: number) => {
    if (!video) return;
    video.volume = clamp(volume, 0, 1);
    video.muted = volume === 0;
    remember({ volume: video.volume, muted: video.muted });
  };
  const toggleMute = () => {
    if (!video) return;
    video.muted = !video.muted;
    if (!video.muted && video.volume === 0) video.volume = 0.5;
    remember({ muted: video.muted, volume: video.volume });
  };
  const setSubtitle = (index: number) => {
    controller?.setSubtitle(index);
    remember({ subtitleLang: tracks.subtitles.find((s) => s.index === index)?.lang ?? null });
  };
  /** C: back to the language used last, else the first track. Says what it did. */
  const toggleCaptions = (): string => {
    if (tracks.subtitles.length === 0) return 'No subtitles for this title';
    if (tracks.subtitle >= 0) {
      setSubtitle(-1);
      return 'Subtitles off';
    }
    const preferred = tracks.subtitles.find((s) => s.lang === prefs.subtitleLang) ?? tracks.subtitles[0];
    if (preferred) setSubtitle(preferred.index);
    return `Subtitles on: ${preferred?.label ?? ''}`;
  };
  const setRate = (rate: number) => {
    if (video) video.playbackRate = rate;
  };
  const setCaptionStyle = (captions: CaptionStyle) => remember({ captions });

  return {
    togglePlay,
    seekTo,
    seekBy: (delta: number) => video && seekTo(video.currentTime + delta),
    setVolume,
    toggleMute,
    setRate,
    setLevel: (index: number) => controller?.setLevel(index),
    setSubtitle,
    toggleCaptions,
    setAudio: (index: number) => controller?.setAudio(index),
    setCaptionStyle,
    toggleFullscreen: d.toggleFullscreen,
    togglePictureInPicture: d.togglePictureInPicture,
    run: (s: Shortcut) => {
      const said = runShortcut(s, d, { togglePlay, seekTo, setVolume, toggleMute, toggleCaptions });
      if (said) d.announce(said);
    },
  };
}

type Core = {
  togglePlay: () => void;
  seekTo: (t: number) => void;
  setVolume: (v: number) => void;
  toggleMute: () => void;
  toggleCaptions: () => string;
};

/** Performs a shortcut; returns what to tell screen-reader users, if anything. */
function runShortcut(s: Shortcut, d: Deps, a: Core): string | null {
  const video = d.video;
  if (!video) return null;
  switch (s.type) {
    case 'togglePlay': {
      const wasPaused = video.paused;
      a.togglePlay();
      return wasPaused ? 'Playing' : 'Paused';
    }
    case 'seekBy':
      a.seekTo(video.currentTime + s.seconds);
      return `${s.seconds > 0 ? 'Forward' : 'Back'} ${Math.abs(s.seconds)} seconds`;
    case 'seekToFraction':
      a.seekTo(video.duration * s.fraction);
      return `Jumped to ${formatTime(video.duration * s.fraction)}`;
    case 'volumeBy':
      a.setVolume(Math.round((video.volume + s.delta) * 100) / 100);
      return `Volume ${Math.round(video.volume * 100)}%`;
    case 'toggleMute':
      a.toggleMute();
      return video.muted ? 'Muted' : 'Unmuted';
    case 'toggleCaptions':
      return a.toggleCaptions();
    case 'toggleFullscreen':
      d.toggleFullscreen();
      return null;
    case 'togglePictureInPicture':
      d.togglePictureInPicture();
      return null;
    default:
      return assertNever(s);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled shortcut ${JSON.stringify(x)}`);
}
