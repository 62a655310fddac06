import type { PlaybackGrant, PlaybackInput } from '@reel/contracts';
import { ApiProblem } from '../lib/api.ts';
import { createEngine, type Engine, type EngineCallbacks, type TrackPrefs } from './engine.ts';
import { refusalCodeOf } from './media-problem.ts';
import { takeEarlyGrant } from './early-start.ts';
import { endStream, playerErrorOf, releaseStream, requestGrant } from './playback-api.ts';
import { NO_STATS, QoeSession } from './qoe/session.ts';
import { type LostReason, StreamSession } from './stream-session.ts';
import { rememberTabSession, tabSessions } from './tab-sessions.ts';
import { type EngineTracks, NO_TRACKS, type PlayerError } from './types.ts';

export type ControllerState = {
  phase: 'starting' | 'ready' | 'error';
  error: PlayerError | null;
  grant: PlaybackGrant | null;
  tracks: EngineTracks;
};

export type ControllerOptions = {
  videoId: string;
  hints: PlaybackInput;
  prefs: TrackPrefs;
};

/** Neither MSE nor native HLS: this browser cannot play adaptive streams. */
class UnsupportedError extends Error {}

/** User Timing marks (performance.getEntriesByName): the time-to-first-frame breakdown in tests and bench. */
export const MARKS = { grant: 'reel:grant', play: 'reel:play', firstFrame: 'reel:first-frame' } as const;

/**
 * One title's playback: the grant (entitlement and stream slot), the engine (hls.js) and the stream lease,
 * and what happens when any of them fails. A token that expires is replaced at the current position; a
 * stream ended elsewhere stops with an explanation (DESIGN.md "Playback and enforcement").
 */
export class PlaybackController {
  state: ControllerState = { phase: 'starting', error: null, grant: null, tracks: NO_TRACKS };
  private engine: Engine | null = null;
  private engineReady: Promise<Engine | null> | null = null;
  private firstFrame = false;
  private session: StreamSession | null = null;
  /** Bumped by every start and by destroy: an answer for an older start is thrown away. */
  private generation = 0;
  private checkingRefusal = false;
  private readonly listeners = new Set<() => void>();
  /** QoE beacons of each grant's view (docs/QOE.md "Player"). */
  private readonly qoe: QoeSession;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly opts: ControllerOptions,
  ) {
    video.addEventListener('timeupdate', this.onTimeUpdate);
    this.qoe = new QoeSession(video, opts.videoId, () => this.engine?.stats?.() ?? NO_STATS);
  }

  /** Time to first frame ends at the first `timeupdate` past 0 (issue 5's definition). */
  private readonly onTimeUpdate = () => {
    if (this.firstFrame || this.video.currentTime <= 0 || this.video.paused) return;
    this.firstFrame = true;
    performance.mark(MARKS.firstFrame);
  };

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<ControllerState>): void {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l();
  }

  private readonly callbacks: EngineCallbacks = {
    onTracks: (tracks) => {
      this.qoe.renditionChanged();
      this.set({ tracks });
    },
    onRefused: (url, otherwise) => void this.checkRefusal(url, otherwise),
    onFatal: (error) => this.fail(error),
  };

  /** Grants, loads and (when `play`) plays from `startAt`, which may still be loading (resume position). */
  async start(startAt: number | Promise<number>, play: boolean): Promise<void> {
    const gen = ++this.generation;
    this.session?.release();
    this.session = null;
    this.set({ phase: 'starting', error: null });
    try {
      const [engine, grant, at] = await Promise.all([this.ensureEngine(), this.grant(), startAt]);
      if (gen !== this.generation) {
        releaseStream(grant.sessionId);
        return;
      }
      performance.mark(MARKS.grant);
      rememberTabSession(grant.sessionId);
      this.session = new StreamSession(grant, (reason) => this.lost(reason));
      this.qoe.begin(grant.sessionId);
      engine.load(grant.manifestUrl, at);
      this.set({ phase: 'ready', grant });
      if (play) this.play();
    } catch (err) {
      if (gen !== this.generation) return;
      this.fail(err instanceof UnsupportedError ? { kind: 'unsupported' } : playerErrorOf(err));
    }
  }

  /** A grant; a slot held by this tab's own previous stream (a reload racing its release) is ended first. */
  private async grant(): Promise<PlaybackGrant> {
    try {
      // The watch page's grant may already be on its way (early-start.ts); the embed asks with its own hints.
      const early = this.opts.hints.deviceClass === 'embed' ? null : takeEarlyGrant(this.opts.videoId);
      return await (early ?? requestGrant(this.opts.videoId, this.opts.hints));
    } catch (err) {
      const refusal = playerErrorOf(err);
      const mine = tabSessions();
      const stale =
        refusal.kind === 'too_many_streams' && refusal.devices.find((d) => mine.includes(d.sessionId));
      if (!stale) throw err;
      await endStream(stale.sessionId).catch(() => undefined);
      return requestGrant(this.opts.videoId, this.opts.hints);
    }
  }

  private async ensureEngine(): Promise<Engine> {
    this.engineReady ??= createEngine(this.video, this.callbacks, this.opts.prefs).then((e) => {
      this.engine = e;
      return e;
    });
    const engine = await this.engineReady;
    if (!engine) throw new UnsupportedError();
    return engine;
  }

  /** Plays; a refusal by the autoplay policy just leaves the big play button showing. */
  play(): void {
    performance.mark(MARKS.play);
    this.video.play().catch(() => undefined);
  }

  /** Tries again from where the viewer was (the retry button, "play here" after an eviction). */
  retry(): Promise<void> {
    return this.start(this.video.currentTime, true);
  }

  /** Ends another device's stream from the "too many streams" list, then starts this one. */
  async endOtherStream(sessionId: string): Promise<void> {
    try {
      await endStream(sessionId);
    } catch (err) {
      // 404: that stream has ended meanwhile, which is all the viewer asked for.
      if (!(err instanceof ApiProblem && err.status === 404)) throw err;
    }
    await this.retry();
  }

  private lost(reason: LostReason): void {
    if (reason === 'expired') void this.start(this.video.currentTime, !this.video.paused);
    else this.stopWith({ kind: 'stream_evicted' });
  }

  /**
   * A media request was refused: a new token for `token_expired`, an explanation for anything else.
   * When the URL answers fine now, `otherwise` is the error to show (null: let hls.js retry).
   */
  private async checkRefusal(url: string, otherwise: PlayerError | null): Promise<void> {
    if (this.checkingRefusal || this.state.phase !== 'ready') return;
    this.checkingRefusal = true;
    const gen = this.generation;
    try {
      const code = await refusalCodeOf(url);
      if (gen !== this.generation) return;
      if (code === 'token_expired') await this.start(this.video.currentTime, !this.video.paused);
      else if (code === 'token_revoked') this.stopWith({ kind: 'stream_evicted' });
      else if (code === 'offline') this.fail({ kind: 'offline' });
      else if (code !== null)
        this.fail({ kind: 'media', detail: `The media server refused a request (${code})` });
      else if (otherwise) this.fail(otherwise);
    } finally {
      this.checkingRefusal = false;
    }
  }

  /** Stops fetching and shows why; the stream is over either way, so its slot goes back. */
  private stopWith(error: PlayerError): void {
    this.session?.release();
    this.session = null;
    this.engine?.stop();
    this.video.pause();
    this.fail(error);
  }

  private fail(error: PlayerError): void {
    this.qoe.error(error);
    this.set({ phase: 'error', error });
  }

  setLevel(index: number): void {
    this.engine?.setLevel(index);
  }

  setSubtitle(index: number): void {
    this.engine?.setSubtitle(index);
  }

  setAudio(index: number): void {
    this.engine?.setAudio(index);
  }

  /** Gives the stream slot back (pagehide, leaving the page); a later `retry` takes a new one. */
  release(): void {
    this.session?.release();
    this.session = null;
    this.qoe.end();
  }

  destroy(): void {
    this.generation++;
    this.video.removeEventListener('timeupdate', this.onTimeUpdate);
    this.release();
    this.qoe.detach();
    this.engine?.destroy();
    this.engine = null;
    this.listeners.clear();
  }
}
