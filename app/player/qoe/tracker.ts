/**
 * One view's QoE with Mux Data's definitions (docs/QOE.md "Player"), as a pure state machine: media events
 * in, beacons out, time from an injected clock. `session.ts` feeds it from the <video> element and hls.js.
 *
 * - video startup time: play intent → first frame (a `playing` event, then the playhead advancing);
 * - rebuffering: a stall for data (`waiting` with under 0.5 s buffered ahead) while playing; a stall
 *   during a seek, until the seek's data arrives (the playhead moves again), is not one, nor is a `waiting`
 *   with data buffered ahead (a decoder reconfiguring at a rendition switch on a busy CPU);
 * - watch time: playing, not stalled, seeking or paused; average bitrate weighted by it;
 * - switches: rendition changes after the first rendition; dropped frames since the view started;
 * - a start failure is an `error` before the first frame, an exit before start a `viewend` before it.
 */
import type { Beacon, BeaconEventType, BeaconMeasures } from '@reel/metrics';

/** The rendition on screen. */
export type Rendition = { bitrateKbps: number; shortSide: number };

/** What the tracker reads from the player when something happens. */
export interface MediaFacts {
  playheadS: number;
  /** Seconds buffered contiguously ahead of the playhead. */
  bufferedAheadS: number;
  paused: boolean;
  /** `getVideoPlaybackQuality().droppedVideoFrames` (a per-element counter). */
  droppedFrames: number;
  rendition: Rendition | null;
  bandwidthKbps: number | null;
}

export interface TrackerOptions {
  videoId: string;
  /** The playback grant's session id: the beacons' credential and the view's key. */
  sessionId: string;
  now: () => number;
  facts: () => MediaFacts;
  /** `urgent` beacons should leave at once (first frame, error, end); others may wait for a batch. */
  emit: (beacon: Beacon, urgent: boolean) => void;
  /**
   * A view that continues another session's playback (a re-grant after the token expired): its first
   * frame is a start but not a startup-time sample.
   */
  continued?: boolean;
}

type Phase =
  | 'idle'
  | 'starting'
  | 'playing'
  | 'paused'
  | 'seeking'
  | 'rebuffering'
  | 'ended'
  | 'failed'
  | 'done';

/** A `waiting` with at least this much buffered ahead is not a stall for data. */
export const STALL_BUFFER_S = 0.5;
const MAX_MS = 7 * 24 * 3600 * 1000;
const MAX_COUNT = 1_000_000;
const int = (n: number, max: number) => Math.min(Math.max(Math.round(n), 0), max);

export class QoeTracker {
  private phase: Phase = 'idle';
  private viewStartAt = -1;
  private intentAt = -1;
  private playingAt = -1;
  /** Playhead when `playing` fired (startup) or a stall/seek began: movement past it ends the wait. */
  private mark = 0;
  private startupMs: number | null = null;
  private started = false;
  /** Seek-or-stall waits whose end is the playhead moving again. */
  private seekPaused = false;
  private lastAt = 0;
  private watchMs = 0;
  private rebufferMs = 0;
  private rebufferCount = 0;
  private bitrateMs = 0;
  private bitrateKbpsMs = 0;
  private switches = 0;
  private rendition: Rendition | null = null;
  private droppedBase = 0;

  constructor(private readonly o: TrackerOptions) {}

  /** The running totals as the next beacon would carry them. */
  measures(): BeaconMeasures {
    this.account();
    const f = this.o.facts();
    const m: BeaconMeasures = {
      viewMs: int(this.o.now() - this.viewStartAt, MAX_MS),
      playheadMs: int(f.playheadS * 1000, MAX_MS),
      watchMs: int(this.watchMs, MAX_MS),
      rebufferMs: int(this.rebufferMs, MAX_MS),
      rebufferCount: int(this.rebufferCount, MAX_COUNT),
      switchCount: int(this.switches, MAX_COUNT),
      droppedFrames: int(f.droppedFrames - this.droppedBase, MAX_COUNT),
    };
    if (this.startupMs !== null) m.startupMs = int(this.startupMs, MAX_MS);
    if (this.rendition) {
      m.bitrateKbps = int(this.rendition.bitrateKbps, 1_000_000);
      m.shortSide = int(this.rendition.shortSide, 8640);
    }
    if (f.bandwidthKbps !== null) m.bandwidthKbps = int(f.bandwidthKbps, 1_000_000);
    if (this.bitrateMs > 0) m.avgBitrateKbps = int(this.bitrateKbpsMs / this.bitrateMs, 1_000_000);
    return m;
  }

  /** `play`: the viewer (or autoplay) asked to play. The first intent starts the view. */
  playIntent(): void {
    if (this.over()) return;
    if (this.viewStartAt < 0) {
      this.viewStartAt = this.lastAt = this.o.now();
      this.droppedBase = this.o.facts().droppedFrames;
      this.send('viewstart');
    }
    if (!this.started && (this.phase === 'idle' || this.phase === 'paused')) {
      this.move('starting');
      this.intentAt = this.o.now();
      this.playingAt = -1;
    } else if (this.started && (this.phase === 'paused' || this.phase === 'ended')) {
      // A resume: from here a stall for data is rebuffering.
      this.move('playing');
      this.send('playing');
    } else if (this.phase === 'seeking') {
      this.seekPaused = false;
    }
  }

  /** `playing`: before the first frame, the candidate first-frame time (frames flow from here). */
  playing(): void {
    if (this.phase !== 'starting') return;
    this.playingAt = this.o.now();
    this.mark = this.o.facts().playheadS;
  }

  /** `timeupdate`: the playhead moving ends startup, a stall or a seek's wait. */
  progress(): void {
    const f = this.o.facts();
    if (f.paused || f.playheadS <= this.mark) return;
    if (this.phase === 'starting' && this.playingAt >= 0) this.firstFrame();
    else if (this.phase === 'rebuffering') this.endRebuffer('playing');
    else if (this.phase === 'seeking') this.move('playing');
  }

  /** `waiting`: out of data. A stall only counts once frames have played, and not inside a seek. */
  waiting(): void {
    if (this.phase !== 'playing' || this.o.facts().bufferedAheadS >= STALL_BUFFER_S) return;
    this.move('rebuffering');
    this.mark = this.o.facts().playheadS;
    this.rebufferCount += 1;
    this.send('rebufferstart');
  }

  seeking(): void {
    if (!this.started || this.over()) return;
    if (this.phase === 'rebuffering') this.endRebuffer('seeking');
    this.seekPaused = this.o.facts().paused;
    this.move('seeking');
    this.mark = this.o.facts().playheadS;
    this.send('seeking');
  }

  seeked(): void {
    if (this.phase !== 'seeking') return;
    // The playhead now sits at the target: only movement past it means the seek's data arrived.
    this.mark = this.o.facts().playheadS;
    this.send('seeked');
    if (this.seekPaused || this.o.facts().paused) this.move('paused');
  }

  pause(): void {
    if (this.over() || this.phase === 'idle') return;
    if (this.phase === 'rebuffering') this.endRebuffer('paused');
    else if (this.phase === 'seeking') this.seekPaused = true;
    else this.move('paused');
    this.send('pause');
  }

  ended(): void {
    if (this.over() || this.phase === 'idle') return;
    if (this.phase === 'rebuffering') this.endRebuffer('ended');
    this.move('ended');
    this.send('ended', true);
  }

  /** The rendition on screen may have changed (hls.js LEVEL_SWITCHED). */
  renditionChanged(): void {
    const next = this.o.facts().rendition;
    const same =
      next?.bitrateKbps === this.rendition?.bitrateKbps && next?.shortSide === this.rendition?.shortSide;
    if (same || next === null || this.over()) return;
    this.account();
    const first = this.rendition === null;
    this.rendition = next;
    if (first) return;
    this.switches += 1;
    if (this.viewStartAt >= 0) this.send('renditionchange');
  }

  /** A playback failure; before the first frame it is a video start failure. */
  error(code: string): void {
    if (this.over() || this.viewStartAt < 0) return;
    if (this.phase === 'rebuffering') this.endRebuffer('failed');
    this.move('failed');
    this.send('error', true, code);
  }

  /** The periodic beacon while the viewer is watching (or stuck waiting). */
  heartbeat(): void {
    if (this.phase === 'playing' || this.phase === 'rebuffering' || this.phase === 'seeking')
      this.send('heartbeat');
  }

  /** The viewer left (or the player went away): the view's last beacon. A view never started sends none. */
  end(): void {
    if (this.phase === 'done') return;
    if (this.phase === 'rebuffering') this.endRebuffer('paused');
    if (this.viewStartAt >= 0) this.send('viewend', true);
    this.move('done');
  }

  /** Whether the view is over (its viewend sent). */
  get finished(): boolean {
    return this.phase === 'done';
  }

  /** Frames have played and the view has neither failed nor ended: a re-grant continues it. */
  get continuable(): boolean {
    return this.started && !this.over();
  }

  private over(): boolean {
    return this.phase === 'done' || this.phase === 'failed';
  }

  private firstFrame(): void {
    this.move('playing');
    // Frames have been on screen since `playing` fired: watching starts there.
    this.lastAt = this.playingAt;
    this.started = true;
    if (!this.o.continued) this.startupMs = this.playingAt - this.intentAt;
    this.send('playing', true);
  }

  private endRebuffer(next: Phase): void {
    this.move(next);
    this.send('rebufferend');
  }

  /** Books the time since the last change to the phase it was spent in, then changes phase. */
  private move(next: Phase): void {
    this.account();
    this.phase = next;
  }

  private account(): void {
    const now = this.o.now();
    const ms = Math.max(0, now - this.lastAt);
    this.lastAt = now;
    if (this.phase === 'playing') {
      this.watchMs += ms;
      if (this.rendition) {
        this.bitrateMs += ms;
        this.bitrateKbpsMs += ms * this.rendition.bitrateKbps;
      }
    } else if (this.phase === 'rebuffering') {
      this.rebufferMs += ms;
    }
  }

  private send(event: BeaconEventType, urgent = false, errorCode?: string): void {
    const beacon: Beacon = {
      videoId: this.o.videoId,
      sessionId: this.o.sessionId,
      event,
      measures: this.measures(),
    };
    if (errorCode !== undefined) beacon.errorCode = errorCode;
    this.o.emit(beacon, urgent);
  }
}
