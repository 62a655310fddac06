import type Hls from 'hls.js';
import type { ErrorData, Level, MediaPlaylist } from 'hls.js';
import { abrConfig } from './abr/config.ts';
import { qualityLabel } from './format.ts';
import { hasMse, loadHls } from './hls-loader.ts';
import { prefetchingPlaylistLoader } from './prefetch.ts';
import { NativeEngine } from './native-engine.ts';
import type { PlaybackStats } from './qoe/session.ts';
import {
  type EngineTracks,
  NO_TRACKS,
  type PlayerError,
  type QualityOption,
  type TrackOption,
} from './types.ts';

/** What an engine reports to the playback controller. */
export interface EngineCallbacks {
  onTracks(tracks: EngineTracks): void;
  /**
   * A media request was refused (HTTP 403) or failed where the status is hidden (native HLS): the
   * controller asks the URL for its problem code (`token_expired` → new grant, `token_revoked` → ended);
   * `otherwise` is what to show when the URL turns out fine (null: the engine retries by itself).
   */
  onRefused(url: string, otherwise: PlayerError | null): void;
  onFatal(error: PlayerError): void;
}

/** The viewer's choices, kept across re-grants (a new token means a new hls.js instance). */
export type TrackPrefs = { height: number; subtitleLang: string | null; audioLang: string | null };

export interface Engine {
  load(url: string, startAt: number): void;
  setLevel(index: number): void;
  setSubtitle(index: number): void;
  setAudio(index: number): void;
  /** Stops fetching (an evicted stream must not keep pulling segments). */
  stop(): void;
  destroy(): void;
  /** The rendition on screen and the bandwidth estimate, for QoE beacons (where the engine knows them). */
  stats?(): PlaybackStats;
}

type HlsClass = typeof Hls;

/** hls.js wherever MSE exists (our menus need its API); native HLS (Safari without MSE) otherwise. */
export async function createEngine(video: HTMLVideoElement, cb: EngineCallbacks, prefs: TrackPrefs) {
  if (!hasMse() && video.canPlayType('application/vnd.apple.mpegurl')) {
    return new NativeEngine(video, cb, prefs);
  }
  const HlsCtor = await loadHls();
  if (!HlsCtor.isSupported()) return null;
  return new HlsEngine(HlsCtor, video, cb, prefs);
}

/** The status of a failed load, from hls.js's loader response or the XHR/fetch it used. */
function httpStatusOf(data: ErrorData): number | undefined {
  if (data.response?.code) return data.response.code;
  const net = data.networkDetails;
  if (net instanceof XMLHttpRequest || net instanceof Response) return net.status;
  return undefined;
}

const urlOf = (data: ErrorData) => data.url ?? data.context?.url ?? data.frag?.url ?? '';
const shortSide = (l: Level) => (l.width && l.height ? Math.min(l.width, l.height) : l.height);
const trackOption = (t: MediaPlaylist, index: number): TrackOption => ({
  index,
  label: t.name || t.lang || `Track ${index + 1}`,
  lang: t.lang ?? '',
});

/** hls.js levels as menu entries, best first; one entry per size (the playing codec family wins). */
function qualityOptions(levels: Level[], playing: Level | undefined): QualityOption[] {
  const bySize = new Map<number, QualityOption>();
  levels.forEach((level, index) => {
    const height = shortSide(level);
    const known = bySize.get(height);
    const sameFamily = playing !== undefined && level.codecSet === playing.codecSet;
    if (known && !sameFamily) return;
    bySize.set(height, { index, height, bitrate: level.bitrate, label: qualityLabel(height) });
  });
  return [...bySize.values()].sort((a, b) => b.height - a.height);
}

/** Two media-error recoveries within this window mean the stream cannot be decoded. */
const RECOVERY_WINDOW_MS = 3000;

export class HlsEngine implements Engine {
  private hls: Hls | null = null;
  private lastRecovery = 0;
  private lastSwap = 0;

  constructor(
    private readonly HlsCtor: HlsClass,
    private readonly video: HTMLVideoElement,
    private readonly cb: EngineCallbacks,
    private readonly prefs: TrackPrefs,
  ) {}

  load(url: string, startAt: number): void {
    this.hls?.destroy();
    const hls = new this.HlsCtor({
      // Our ABR (or hls.js's with ?abr=hlsjs), the 60 s buffer and CMCD (app/player/abr/config.ts).
      ...abrConfig(this.HlsCtor),
      // Resume and re-grants start where the viewer was, without a seek after the first segment.
      startPosition: startAt > 0 ? startAt : -1,
      // The watch page's master may already be here (prefetch.ts).
      pLoader: prefetchingPlaylistLoader(this.HlsCtor),
      // Auto never fetches rungs larger than the player shows (hls.js CapLevelController).
      capLevelToPlayerSize: true,
      // The viewer's subtitle language, picked by hls.js as soon as the subtitle groups are known.
      subtitlePreference: this.prefs.subtitleLang === null ? undefined : { lang: this.prefs.subtitleLang },
    });
    this.hls = hls;
    // Cues stay on the native TextTrack in `hidden` mode and we draw them (caption size and background).
    hls.subtitleDisplay = false;
    this.listen(hls);
    hls.attachMedia(this.video);
    hls.loadSource(url);
  }

  private listen(hls: Hls): void {
    const E = this.HlsCtor.Events;
    const emit = () => this.cb.onTracks(this.tracks());
    hls.on(E.MANIFEST_PARSED, () => {
      this.applyLevelPref(hls);
      // hls.js turns on a DEFAULT=YES subtitle rendition by itself; subtitles stay off until the viewer
      // asks (as on every big player). Setting the track before the groups load disables that pick.
      if (this.prefs.subtitleLang === null) hls.subtitleTrack = -1;
      emit();
    });
    hls.on(E.SUBTITLE_TRACKS_UPDATED, emit);
    hls.on(E.AUDIO_TRACKS_UPDATED, () => {
      const index = hls.audioTracks.findIndex((t) => t.lang === this.prefs.audioLang);
      if (index >= 0) hls.audioTrack = index;
      emit();
    });
    for (const event of [E.LEVEL_SWITCHED, E.SUBTITLE_TRACK_SWITCH, E.AUDIO_TRACK_SWITCHED])
      hls.on(event, emit);
    hls.on(E.ERROR, (_event, data) => this.onError(data));
  }

  private applyLevelPref(hls: Hls): void {
    if (this.prefs.height < 0) return;
    const index = hls.levels.findIndex((l) => shortSide(l) === this.prefs.height);
    if (index >= 0) hls.currentLevel = index;
  }

  private selectSubtitle(hls: Hls, index: number): void {
    hls.subtitleTrack = index;
    hls.subtitleDisplay = false;
  }

  private onError(data: ErrorData): void {
    if (httpStatusOf(data) === 403) {
      this.cb.onRefused(urlOf(data), null);
      return;
    }
    if (!data.fatal) return;
    const { ErrorTypes } = this.HlsCtor;
    if (data.type === ErrorTypes.MEDIA_ERROR) this.recoverMedia(data);
    else if (data.type === ErrorTypes.NETWORK_ERROR && !navigator.onLine)
      this.cb.onFatal({ kind: 'offline' });
    else this.cb.onFatal({ kind: 'media', detail: data.details });
  }

  /**
   * hls.js's documented recovery for fatal media errors: `recoverMediaError()`, then once more after
   * `swapAudioCodec()`, then give up (hls.js API.md "Fatal Error Recovery").
   */
  private recoverMedia(data: ErrorData): void {
    const hls = this.hls;
    const now = performance.now();
    if (!hls) return;
    if (now - this.lastRecovery > RECOVERY_WINDOW_MS) {
      this.lastRecovery = now;
      hls.recoverMediaError();
    } else if (now - this.lastSwap > RECOVERY_WINDOW_MS) {
      this.lastSwap = now;
      hls.swapAudioCodec();
      hls.recoverMediaError();
    } else {
      this.cb.onFatal({ kind: 'media', detail: data.details });
    }
  }

  tracks(): EngineTracks {
    const hls = this.hls;
    if (!hls) return NO_TRACKS;
    return {
      levels: qualityOptions(hls.levels, hls.levels[hls.currentLevel]),
      manualLevel: hls.manualLevel,
      playingLevel: hls.currentLevel,
      subtitles: hls.subtitleTracks.map(trackOption),
      subtitle: hls.subtitleTrack,
      audio: hls.audioTracks.map(trackOption),
      audioTrack: hls.audioTrack,
    };
  }

  /** -1 = Auto. `currentLevel` switches at once (flushing the buffer), as a viewer expects from a menu. */
  setLevel(index: number): void {
    const hls = this.hls;
    if (!hls) return;
    const level = hls.levels[index];
    this.prefs.height = level ? shortSide(level) : -1;
    hls.currentLevel = level ? index : -1;
    this.cb.onTracks(this.tracks());
  }

  setSubtitle(index: number): void {
    const hls = this.hls;
    if (!hls) return;
    this.prefs.subtitleLang = hls.subtitleTracks[index]?.lang ?? null;
    this.selectSubtitle(hls, index);
    this.cb.onTracks(this.tracks());
  }

  setAudio(index: number): void {
    const hls = this.hls;
    if (!hls) return;
    this.prefs.audioLang = hls.audioTracks[index]?.lang ?? null;
    hls.audioTrack = index;
    this.cb.onTracks(this.tracks());
  }

  stop(): void {
    this.hls?.stopLoad();
  }

  /** The level on screen (`currentLevel`) with its declared BANDWIDTH, and hls.js's estimate. */
  stats(): PlaybackStats {
    const hls = this.hls;
    const level = hls?.levels[hls.currentLevel];
    const estimate = hls?.bandwidthEstimate ?? Number.NaN;
    return {
      rendition: level ? { bitrateKbps: level.bitrate / 1000, shortSide: shortSide(level) } : null,
      bandwidthKbps: Number.isFinite(estimate) ? estimate / 1000 : null,
    };
  }

  destroy(): void {
    this.hls?.destroy();
    this.hls = null;
  }
}
