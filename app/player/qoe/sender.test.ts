import type { Beacon } from '@reel/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BeaconQueue, MAX_BATCH } from './sender.ts';

const beacon = (event: Beacon['event']): Beacon => ({ videoId: 'v', sessionId: 's', event, measures: {} });

describe('BeaconQueue', () => {
  let bodies: string[];
  let queue: BeaconQueue;
  const events = () =>
    bodies.map((b) => (JSON.parse(b) as { beacons: Beacon[] }).beacons.map((x) => x.event));

  beforeEach(() => {
    vi.useFakeTimers();
    bodies = [];
    queue = new BeaconQueue((body) => bodies.push(body), 5000);
  });
  afterEach(() => vi.useRealTimers());

  it('batches ordinary beacons for up to the delay, and sends an urgent one with them at once', () => {
    queue.add(beacon('viewstart'), false);
    queue.add(beacon('renditionchange'), false);
    vi.advanceTimersByTime(4999);
    expect(bodies).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events()).toEqual([['viewstart', 'renditionchange']]);
    queue.add(beacon('heartbeat'), false);
    queue.add(beacon('viewend'), true);
    expect(events()).toEqual([
      ['viewstart', 'renditionchange'],
      ['heartbeat', 'viewend'],
    ]);
    vi.advanceTimersByTime(10_000);
    expect(bodies).toHaveLength(2);
  });

  it('never puts more in one request than the API takes', () => {
    for (let i = 0; i < MAX_BATCH + 3; i++) queue.add(beacon('heartbeat'), false);
    queue.flush();
    expect(events().map((b) => b.length)).toEqual([MAX_BATCH, 3]);
  });
});
