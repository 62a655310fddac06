/**
 * Batches QoE beacons to `POST /api/qoe/beacons` (docs/QOE.md). Bodies are `{beacons: [...]}` sent with
 * `navigator.sendBeacon` as a string, so text/plain: no preflight, and the request survives the page going
 * away. When the browser's beacon queue is full, a keepalive fetch carries the same body.
 */
import type { Beacon } from '@reel/metrics';

export const BEACON_URL = '/api/qoe/beacons';
/** The API takes at most 50 beacons per request (`MAX_BEACONS`). */
export const MAX_BATCH = 50;
/** Ordinary events wait this long for company; heartbeats come every 10 s, so most requests carry several. */
export const BATCH_DELAY_MS = 5000;

/** Sends one request body. */
export type Transport = (body: string) => void;

export function sendBody(body: string): void {
  if (navigator.sendBeacon?.(BEACON_URL, body)) return;
  fetch(BEACON_URL, {
    method: 'POST',
    body,
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
  }).catch(() => undefined);
}

/**
 * Holds beacons until one is urgent, the batch is full or `delayMs` has passed since the first waiting one.
 * @example
 * const queue = new BeaconQueue();
 * queue.add(beacon, false); // leaves within 5 s, or with the next urgent one
 */
export class BeaconQueue {
  private waiting: Beacon[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly transport: Transport = sendBody,
    private readonly delayMs = BATCH_DELAY_MS,
  ) {}

  add(beacon: Beacon, urgent: boolean): void {
    this.waiting.push(beacon);
    if (urgent || this.waiting.length >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends everything waiting now (also on exit). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.waiting.length > 0) {
      this.transport(JSON.stringify({ beacons: this.waiting.splice(0, MAX_BATCH) }));
    }
  }
}
