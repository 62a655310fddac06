/**
 * Reel's ABR behind hls.js (docs/ABR.md "In the player"). The class EXTENDS hls.js's own AbrController, so
 * its bandwidth estimator (`hls.bandwidthEstimate`), its start-level choice, its fragment-abandonment rule
 * and the levels that hls.js forces after errors all stay as they are. Only the choice of the next auto
 * level changes: once a main fragment has loaded, `nextAutoLevel` is `decideReel` on an AbrState built from
 * hls.js's facts (`state.ts`).
 */
import { decideReel, REEL_DEFAULTS } from '@reel/abr';
import type Hls from 'hls.js';
import type {
  AbrController,
  Events,
  FragLoadedData,
  FragLoadEmergencyAbortedData,
  Level,
  LevelDetails,
  ManifestLoadingData,
} from 'hls.js';
import {
  abrStateOf,
  type FragmentLoad,
  type LevelFacts,
  levelOfRung,
  nextFragmentIndex,
  type PlayerFacts,
} from './state.ts';

type HlsClass = typeof Hls;

/** Downloads kept: Reel's window (5) plus the window its error memory looks back over (5), with room. */
const HISTORY = 16;
const LOOKAHEAD = REEL_DEFAULTS.horizon;
/** hls.js `PlaylistLevelType.MAIN` (a const enum, so not importable as a value here). */
const MAIN: string = 'main';

function levelFacts(level: Level, penaltyExpireMs: number, now: number): LevelFacts {
  const failed = level.loadError > 0 || level.fragmentError > 0;
  const expired =
    penaltyExpireMs > 0 && level.loadErrorTime !== 0 && now - level.loadErrorTime > penaltyExpireMs;
  return { bitrateBps: level.averageBitrate, codecSet: level.codecSet, penalized: failed && !expired };
}

/**
 * hls.js's default AbrController with Reel choosing the next auto level. Built from the loaded hls.js
 * class, since hls.js itself is loaded lazily.
 * @example new Hls({ abrController: reelAbrController(Hls) })
 */
export function reelAbrController(HlsCtor: HlsClass): typeof AbrController {
  const Base = HlsCtor.DefaultConfig.abrController;
  const E = HlsCtor.Events;

  return class ReelAbrController extends Base {
    private loads: FragmentLoad[] = [];
    /** Downloads recorded so far (the memo's key: `loads` stops growing at HISTORY). */
    private recorded = 0;
    /** The last level Reel chose: hls.js's stream controller writes it back through the setter. */
    private reelLevel = -1;
    private memo = { key: '', level: -1 };

    constructor(hls: Hls) {
      super(hls);
      hls.on(E.FRAG_LOAD_EMERGENCY_ABORTED, this.onEmergencyAbort, this);
    }

    protected override unregisterListeners(): void {
      super.unregisterListeners();
      this.hls?.off(E.FRAG_LOAD_EMERGENCY_ABORTED, this.onEmergencyAbort, this);
    }

    protected override onManifestLoading(event: Events.MANIFEST_LOADING, data: ManifestLoadingData): void {
      super.onManifestLoading(event, data);
      this.loads = [];
      this.reelLevel = -1;
      this.memo = { key: '', level: -1 };
    }

    protected override onFragLoaded(event: Events.FRAG_LOADED, data: FragLoadedData): void {
      super.onFragLoaded(event, data);
      const { frag, part } = data;
      const stats = part ? part.stats : frag.stats;
      if (frag.type !== MAIN || frag.sn === 'initSegment' || stats.aborted || stats.loaded <= 0) return;
      this.record({
        level: frag.level,
        bytes: stats.loaded,
        durationS: (stats.loading.end - stats.loading.start) / 1000,
      });
    }

    /**
     * hls.js gave up on a fragment that was arriving too slowly. Aborted fragments never reach FRAG_LOADED,
     * so without this sample Reel would keep predicting from the faster past and pick the same rung again.
     */
    private onEmergencyAbort(_event: Events.FRAG_LOAD_EMERGENCY_ABORTED, data: FragLoadEmergencyAbortedData) {
      const { stats, frag } = data;
      if (frag.type !== MAIN || stats.loaded <= 0) return;
      this.record({
        level: frag.level,
        bytes: stats.loaded,
        durationS: (performance.now() - stats.loading.start) / 1000,
      });
    }

    private record(load: FragmentLoad): void {
      this.recorded += 1;
      this.loads.push(load);
      if (this.loads.length > HISTORY) this.loads.shift();
    }

    /** hls.js's choice while it forces a level (abandonment, errors) or before the first download. */
    override get nextAutoLevel(): number {
      if (this.forcedAutoLevel !== -1) return super.nextAutoLevel;
      const level = this.decide();
      if (level < 0) return super.nextAutoLevel;
      this.reelLevel = level;
      return level;
    }

    /**
     * The stream controller writes back every level it reads (`hls.nextLoadLevel = level`); only other
     * values are levels that hls.js forces, which its base class then holds until a fragment of that level
     * has loaded.
     */
    override set nextAutoLevel(level: number) {
      if (level === this.reelLevel && this.forcedAutoLevel === -1) return;
      super.nextAutoLevel = level;
    }

    /** Reel's level for the next fragment, or -1 to leave the choice to hls.js. */
    private decide(): number {
      const read = this.facts();
      if (!read) return -1;
      if (read.key === this.memo.key) return this.memo.level;
      const built = abrStateOf(read.facts, LOOKAHEAD);
      const level = built ? levelOfRung(built.ladder, decideReel(built.state)) : -1;
      this.memo = { key: read.key, level };
      return level;
    }

    /** What hls.js knows now, and a key that changes whenever a decision could. */
    private facts(): { facts: PlayerFacts; key: string } | null {
      const hls = this.hls;
      const last = this.loads.at(-1);
      if (!hls || !last) return null;
      const details: LevelDetails | null = hls.levels[last.level]?.details ?? hls.latestLevelDetails;
      if (!details) return null;
      const media = hls.media;
      const rate = media?.playbackRate ? Math.abs(media.playbackRate) : 1;
      const buffer = hls.mainForwardBufferInfo;
      const next = nextFragmentIndex(details.fragments, buffer ? buffer.end : (media?.currentTime ?? 0));
      if (next < 0) return null;
      const bufferS = (buffer?.len ?? 0) / rate;
      const { minAutoLevel, maxAutoLevel, levels, config } = hls;
      const key = [this.recorded, next, Math.round(bufferS * 4), minAutoLevel, maxAutoLevel, levels.length];
      const now = performance.now();
      const facts: PlayerFacts = {
        levels: levels.map((l) => levelFacts(l, config.errorPenaltyExpireMs, now)),
        minAutoLevel,
        maxAutoLevel,
        lastLevel: last.level,
        bufferS,
        maxBufferS: config.maxBufferLength,
        upcomingS: details.fragments.slice(next, next + LOOKAHEAD).map((f) => f.duration),
        remaining: details.live ? Number.POSITIVE_INFINITY : details.fragments.length - next,
        targetDurationS: details.targetduration,
        history: this.loads,
      };
      return { facts, key: `${key.join(':')}:${last.level}` };
    }
  };
}
