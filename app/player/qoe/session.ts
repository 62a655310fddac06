/**
 * The player's QoE: one `QoeTracker` per playback grant, fed by the <video> element's events and the
 * engine's rendition, its beacons batched to the API (docs/QOE.md "Player"). The playback controller only
 * says when a grant starts (`begin`), when the rendition may have changed, when playback failed and when
 * the viewer left (`end`).
 */
import type { Beacon } from '@reel/metrics';
import type { PlayerError } from '../types.ts';
import { BeaconQueue } from './sender.ts';
import { type MediaFacts, QoeTracker, type Rendition } from './tracker.ts';

/** What the engine knows that the <video> element does not. */
export type PlaybackStats = { rendition: Rendition | null; bandwidthKbps: number | null };
export const NO_STATS: PlaybackStats = { rendition: null, bandwidthKbps: null };

/** Heartbeats while watching (Mux sends one every 10 s). */
export const HEARTBEAT_MS = 10_000;

const MEDIA_EVENTS = {
  play: (t: QoeTracker) => t.playIntent(),
  playing: (t: QoeTracker) => t.playing(),
  timeupdate: (t: QoeTracker) => t.progress(),
  waiting: (t: QoeTracker) => t.waiting(),
  seeking: (t: QoeTracker) => t.seeking(),
  seeked: (t: QoeTracker) => t.seeked(),
  pause: (t: QoeTracker) => t.pause(),
  ended: (t: QoeTracker) => t.ended(),
} satisfies Record<string, (t: QoeTracker) => void>;
type MediaEvent = keyof typeof MEDIA_EVENTS;
const isMediaEvent = (type: string): type is MediaEvent => Object.hasOwn(MEDIA_EVENTS, type);

/** A stable snake_case code for a beacon (`media` alone would say little next to the others). */
export const errorCodeOf = (error: PlayerError): string =>
  error.kind === 'media' ? 'media_error' : error.kind;

/** Seconds buffered in the range that holds the playhead. */
function bufferedAhead(v: HTMLVideoElement): number {
  const { buffered, currentTime } = v;
  for (let i = 0; i < buffered.length; i++) {
    if (buffered.start(i) <= currentTime && currentTime < buffered.end(i))
      return buffered.end(i) - currentTime;
  }
  return 0;
}

export class QoeSession {
  private tracker: QoeTracker | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly videoId: string,
    private readonly stats: () => PlaybackStats,
    private readonly queue = new BeaconQueue(),
  ) {
    for (const type of Object.keys(MEDIA_EVENTS)) video.addEventListener(type, this.onMedia);
  }

  private readonly onMedia = (e: Event) => {
    if (this.tracker && isMediaEvent(e.type)) MEDIA_EVENTS[e.type](this.tracker);
  };

  private facts(): MediaFacts {
    const v = this.video;
    const s = this.stats();
    return {
      playheadS: v.currentTime,
      bufferedAheadS: bufferedAhead(v),
      paused: v.paused,
      droppedFrames: v.getVideoPlaybackQuality?.().droppedVideoFrames ?? 0,
      rendition: s.rendition,
      bandwidthKbps: s.bandwidthKbps,
    };
  }

  /**
   * A grant arrived: a new view under its session id. A re-grant in the middle of playback (expired token)
   * ends the previous session's view and continues in the new one without a second startup time.
   */
  begin(sessionId: string): void {
    const previous = this.tracker;
    const continued = previous?.continuable === true && !this.video.paused;
    previous?.end();
    this.tracker = new QoeTracker({
      videoId: this.videoId,
      sessionId,
      now: () => performance.now(),
      facts: () => this.facts(),
      emit: (beacon: Beacon, urgent: boolean) => this.queue.add(beacon, urgent),
      continued,
    });
    this.tracker.renditionChanged();
    if (continued) this.tracker.playIntent();
    if (this.heartbeat === null) this.heartbeat = setInterval(() => this.tracker?.heartbeat(), HEARTBEAT_MS);
  }

  /** The engine's tracks changed (hls.js LEVEL_SWITCHED among them). */
  renditionChanged(): void {
    this.tracker?.renditionChanged();
  }

  error(error: PlayerError): void {
    this.tracker?.error(errorCodeOf(error));
  }

  /** The viewer left, or the stream slot was given back: the view's last beacon goes out now. */
  end(): void {
    this.tracker?.end();
    this.tracker = null;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.queue.flush();
  }

  detach(): void {
    this.end();
    for (const type of Object.keys(MEDIA_EVENTS)) this.video.removeEventListener(type, this.onMedia);
  }
}
