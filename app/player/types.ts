import type { StreamDevice } from '@reel/contracts';

/**
 * Why playback cannot go on, as the error screen explains it. The kinds follow the API's problem codes
 * (docs/PLAYBACK.md) plus what only the browser knows (offline, a media error, no HLS support).
 */
export type PlayerError =
  | { kind: 'too_many_streams'; limit: number; devices: StreamDevice[] }
  | { kind: 'stream_evicted' }
  | { kind: 'geo_blocked' }
  | { kind: 'plan_required'; requiredPlan: string | null }
  | { kind: 'sign_in_required' }
  | { kind: 'age_restricted' }
  | { kind: 'not_found' }
  | { kind: 'not_ready' }
  | { kind: 'offline' }
  | { kind: 'unsupported' }
  | { kind: 'media'; detail: string };

export type PlayerErrorKind = PlayerError['kind'];

/** One rung of the ladder as the quality menu shows it. `index` is hls.js's level index. */
export type QualityOption = { index: number; height: number; bitrate: number; label: string };

/** A subtitle or audio rendition (hls.js `MediaPlaylist`): `index` in hls.js's list for its group. */
export type TrackOption = { index: number; label: string; lang: string };

/** What the menus show about the loaded stream; lists are empty until the manifest is parsed. */
export type EngineTracks = {
  levels: QualityOption[];
  /** The level chosen by the viewer, or -1 for Auto (ABR). */
  manualLevel: number;
  /** The level of the frames on screen (hls.js `currentLevel`), -1 before the first switch. */
  playingLevel: number;
  subtitles: TrackOption[];
  /** -1: subtitles off. */
  subtitle: number;
  audio: TrackOption[];
  audioTrack: number;
};

export const NO_TRACKS: EngineTracks = {
  levels: [],
  manualLevel: -1,
  playingLevel: -1,
  subtitles: [],
  subtitle: -1,
  audio: [],
  audioTrack: -1,
};

/** A seek-bar preview tile: a rectangle of a sprite sheet (`sprite_N.jpg#xywh=x,y,w,h`). */
export type ThumbnailCue = {
  startS: number;
  endS: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
};

/** A chapter as the title lists it (`GET /api/videos/{id}` `chapters`). */
export type Chapter = { startS: number; title: string };

/** Intro and credits markers (`GET /api/videos/{id}` `markers`), seconds or null when unset. */
export type Markers = { introStartS: number | null; introEndS: number | null; creditsStartS: number | null };

/** The episode that follows this one in its series, for the next-episode card. */
export type NextEpisode = { videoId: string; title: string; label: string; posterUrl: string | null };
