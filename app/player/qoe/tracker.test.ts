import type { Beacon } from '@reel/metrics';
import { describe, expect, it } from 'vitest';
import { type MediaFacts, QoeTracker } from './tracker.ts';

/** A tracker on a hand-driven clock and player. */
function harness(opts: { continued?: boolean } = {}) {
  let t = 0;
  const media: MediaFacts = {
    playheadS: 0,
    bufferedAheadS: 0,
    paused: true,
    droppedFrames: 0,
    rendition: null,
    bandwidthKbps: null,
  };
  const sent: { beacon: Beacon; urgent: boolean }[] = [];
  const tracker = new QoeTracker({
    videoId: 'v1',
    sessionId: 's1',
    now: () => t,
    facts: () => ({ ...media }),
    emit: (beacon, urgent) => sent.push({ beacon, urgent }),
    ...opts,
  });
  const h = {
    tracker,
    media,
    sent,
    events: () => sent.map((s) => s.beacon.event),
    last: () => sent.at(-1)?.beacon,
    /** Moves the clock; while playing, the playhead moves with it. */
    at(ms: number, playing = false) {
      if (playing) media.playheadS += (ms - t) / 1000;
      t = ms;
      return h;
    },
    /** Play intent at `at`, `playing` at `playingAt`, first timeupdate 200 ms later. */
    start(at: number, playingAt: number) {
      h.at(at);
      media.paused = false;
      tracker.playIntent();
      h.at(playingAt);
      tracker.playing();
      h.at(playingAt + 200, true);
      tracker.progress();
      return h;
    },
  };
  return h;
}

describe('video startup time', () => {
  it('runs from play intent to the first frame, and the first frame goes out at once', () => {
    const h = harness().start(1000, 1800);
    expect(h.events()).toEqual(['viewstart', 'playing']);
    expect(h.sent[1]).toMatchObject({ urgent: true, beacon: { measures: { startupMs: 800, watchMs: 200 } } });
  });

  it('is not over at `playing` until the playhead moves', () => {
    const h = harness();
    h.media.paused = false;
    h.tracker.playIntent();
    h.at(500);
    h.tracker.playing();
    h.at(700);
    h.tracker.progress(); // still at 0: no frame yet
    expect(h.events()).toEqual(['viewstart']);
    // hls.js stalls once more before frames flow: the later `playing` is the first frame.
    h.at(1500);
    h.tracker.playing();
    h.at(1600, true);
    h.tracker.progress();
    expect(h.last()?.measures.startupMs).toBe(1500);
  });

  it('ignores the seek to the resume position and counts from the last intent after a pause', () => {
    const h = harness();
    h.media.paused = false;
    h.tracker.playIntent();
    h.at(300);
    h.media.paused = true;
    h.tracker.pause();
    h.at(5000);
    h.media.paused = false;
    h.tracker.playIntent();
    h.tracker.seeking();
    h.media.playheadS = 120;
    h.tracker.seeked();
    h.at(5600);
    h.tracker.playing();
    h.at(5800, true);
    h.tracker.progress();
    expect(h.last()).toMatchObject({ event: 'playing', measures: { startupMs: 600, rebufferCount: 0 } });
  });

  it('leaves startup out of a view that continues a re-granted playback', () => {
    const h = harness({ continued: true }).start(0, 400);
    expect(h.last()?.event).toBe('playing');
    expect(h.last()?.measures.startupMs).toBeUndefined();
  });
});

describe('rebuffering', () => {
  it('counts a stall while playing, with its duration, until the playhead moves again', () => {
    const h = harness().start(0, 500);
    h.at(4700, true);
    h.tracker.waiting();
    h.at(6200);
    h.tracker.progress(); // playhead still stuck
    h.tracker.playing();
    h.at(6400, true);
    h.tracker.progress();
    expect(h.events()).toEqual(['viewstart', 'playing', 'rebufferstart', 'rebufferend']);
    expect(h.last()?.measures).toMatchObject({ rebufferCount: 1, rebufferMs: 1700, watchMs: 4200 });
  });

  it('does not count a `waiting` with data buffered ahead (a decoder reconfiguring at a switch)', () => {
    const h = harness().start(0, 500);
    h.at(3000, true);
    h.media.bufferedAheadS = 20;
    h.tracker.waiting();
    h.at(3020);
    h.tracker.progress();
    h.at(3500, true);
    h.tracker.heartbeat();
    expect(h.events()).toEqual(['viewstart', 'playing', 'heartbeat']);
    expect(h.last()?.measures).toMatchObject({ rebufferCount: 0, rebufferMs: 0 });
  });

  it('does not count the wait for a seek’s data, before or after `seeked`', () => {
    const h = harness().start(0, 500);
    h.at(2000, true);
    h.tracker.seeking();
    h.tracker.waiting();
    h.media.playheadS = 30;
    h.at(3000);
    h.tracker.seeked();
    h.tracker.waiting(); // the target's data has not arrived yet
    h.at(3500);
    h.tracker.progress();
    h.at(3700, true);
    h.tracker.progress();
    h.at(4700, true);
    h.tracker.end();
    expect(h.events()).toEqual(['viewstart', 'playing', 'seeking', 'seeked', 'viewend']);
    expect(h.last()?.measures).toMatchObject({ rebufferCount: 0, rebufferMs: 0, watchMs: 2500 });
  });

  it('counts a stall once the seek has played on', () => {
    const h = harness().start(0, 500);
    h.tracker.seeking();
    h.media.playheadS = 30;
    h.tracker.seeked();
    h.at(1500, true);
    h.tracker.progress();
    h.at(2500, true);
    h.tracker.waiting();
    expect(h.last()).toMatchObject({ event: 'rebufferstart', measures: { rebufferCount: 1 } });
  });

  it('counts a stall right after resuming from a pause, and stops counting at a pause', () => {
    const h = harness().start(0, 500);
    h.at(1700, true);
    h.media.paused = true;
    h.tracker.pause();
    h.at(9000);
    h.media.paused = false;
    h.tracker.playIntent();
    h.tracker.waiting();
    h.at(9400);
    h.media.paused = true;
    h.tracker.pause();
    h.at(20_000);
    h.tracker.end();
    expect(h.last()?.measures).toMatchObject({ rebufferCount: 1, rebufferMs: 400, watchMs: 1200 });
  });
});

describe('bitrate and switches', () => {
  it('weights the average by watch time and counts switches after the first rendition', () => {
    const h = harness();
    h.media.rendition = { bitrateKbps: 1000, shortSide: 360 };
    h.tracker.renditionChanged();
    h.start(0, 0);
    h.at(4000, true);
    h.media.rendition = { bitrateKbps: 3000, shortSide: 720 };
    h.tracker.renditionChanged();
    h.tracker.renditionChanged(); // the same rendition again: no switch
    expect(h.last()).toMatchObject({
      event: 'renditionchange',
      measures: { bitrateKbps: 3000, shortSide: 720, switchCount: 1, avgBitrateKbps: 1000 },
    });
    h.at(6000, true);
    h.tracker.heartbeat();
    expect(h.last()?.measures).toMatchObject({ switchCount: 1, avgBitrateKbps: 1667, watchMs: 6000 });
  });

  it('reports dropped frames since the view started and the bandwidth estimate', () => {
    const h = harness();
    h.media.droppedFrames = 40;
    h.media.bandwidthKbps = 5321.4;
    h.start(0, 100);
    h.media.droppedFrames = 52;
    h.tracker.heartbeat();
    expect(h.last()?.measures).toMatchObject({ droppedFrames: 12, bandwidthKbps: 5321 });
  });
});

describe('the view', () => {
  it('is no view without a play intent', () => {
    const h = harness();
    h.tracker.renditionChanged();
    h.tracker.end();
    expect(h.sent).toEqual([]);
    expect(h.tracker.finished).toBe(true);
  });

  it('is an exit before video start when it ends before the first frame', () => {
    const h = harness();
    h.media.paused = false;
    h.tracker.playIntent();
    h.at(2500);
    h.tracker.end();
    expect(h.events()).toEqual(['viewstart', 'viewend']);
    expect(h.last()?.measures.startupMs).toBeUndefined();
    expect(h.sent.at(-1)?.urgent).toBe(true);
  });

  it('is a video start failure when an error comes before the first frame', () => {
    const h = harness();
    h.media.paused = false;
    h.tracker.playIntent();
    h.tracker.error('media_error');
    h.tracker.playing();
    h.tracker.end();
    expect(h.events()).toEqual(['viewstart', 'error', 'viewend']);
    expect(h.sent[1]).toMatchObject({ urgent: true, beacon: { errorCode: 'media_error' } });
  });

  it('sends heartbeats only while watching, and nothing after the view ended', () => {
    const h = harness().start(0, 100);
    h.tracker.heartbeat();
    h.media.paused = true;
    h.tracker.pause();
    h.tracker.heartbeat();
    h.tracker.end();
    h.tracker.heartbeat();
    h.tracker.end();
    expect(h.events()).toEqual(['viewstart', 'playing', 'heartbeat', 'pause', 'viewend']);
  });

  it('ends playing at `ended` and starts again on a replay', () => {
    const h = harness().start(0, 0);
    h.at(3000, true);
    h.tracker.ended();
    h.at(8000);
    h.tracker.playIntent();
    h.at(9000, true);
    h.tracker.end();
    expect(h.events()).toEqual(['viewstart', 'playing', 'ended', 'playing', 'viewend']);
    expect(h.last()?.measures.watchMs).toBe(4000);
  });
});
