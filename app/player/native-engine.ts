import type { Engine, EngineCallbacks, TrackPrefs } from './engine.ts';
import { NO_TRACKS, type TrackOption } from './types.ts';

const isText = (t: TextTrack) => t.kind === 'subtitles' || t.kind === 'captions';

/**
 * Native HLS (Safari on devices without MSE): the browser picks rungs itself, so the quality menu has only
 * Auto; subtitles are the element's own text tracks, kept `hidden` so our renderer draws them.
 */
export class NativeEngine implements Engine {
  private readonly onError = () =>
    this.cb.onRefused(this.video.currentSrc, {
      kind: 'media',
      detail: 'The browser could not play this stream',
    });
  private readonly onTracksChanged = () => this.emit();

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly cb: EngineCallbacks,
    private readonly prefs: TrackPrefs,
  ) {
    // The element hides HTTP statuses: every failure is checked like a 403 (is the token still good?).
    video.addEventListener('error', this.onError);
    video.textTracks.addEventListener('addtrack', this.onTracksChanged);
  }

  load(url: string, startAt: number): void {
    this.video.src = url;
    if (startAt > 0) {
      const seek = () => {
        this.video.currentTime = startAt;
      };
      this.video.addEventListener('loadedmetadata', seek, { once: true });
    }
  }

  private textTracks(): TextTrack[] {
    return Array.from(this.video.textTracks).filter(isText);
  }

  private emit(): void {
    const tracks = this.textTracks();
    const wanted = tracks.findIndex((t) => t.language === this.prefs.subtitleLang);
    if (wanted >= 0 && tracks[wanted]?.mode === 'disabled') this.setSubtitle(wanted);
    const subtitles: TrackOption[] = tracks.map((t, index) => ({
      index,
      label: t.label || t.language || `Track ${index + 1}`,
      lang: t.language,
    }));
    const subtitle = tracks.findIndex((t) => t.mode !== 'disabled');
    this.cb.onTracks({ ...NO_TRACKS, subtitles, subtitle });
  }

  setLevel(): void {
    // Native HLS exposes no rung selection.
  }

  setSubtitle(index: number): void {
    const tracks = this.textTracks();
    this.prefs.subtitleLang = tracks[index]?.language ?? null;
    tracks.forEach((t, i) => {
      t.mode = i === index ? 'hidden' : 'disabled';
    });
    this.emit();
  }

  setAudio(): void {
    // One audio rendition per title today; Safari switches native audio groups itself.
  }

  stop(): void {
    this.video.removeAttribute('src');
    this.video.load();
  }

  destroy(): void {
    this.video.removeEventListener('error', this.onError);
    this.video.textTracks.removeEventListener('addtrack', this.onTracksChanged);
    this.stop();
  }
}
