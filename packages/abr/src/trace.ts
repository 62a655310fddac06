/**
 * Network traces and their replay, following the Pensieve simulator (Mao et al., SIGCOMM 2017,
 * `sim/fixed_env.py`): sample i's throughput holds over [t_{i-1}, t_i); replay starts at sample 1 with
 * the clock at t_0; past the last sample it loops to sample 1 and time 0.
 */

/** A throughput trace: `timesS[i]` and the throughput `mbps[i]` in force until `timesS[i]`. */
export interface Trace {
  name: string;
  timesS: readonly number[];
  mbps: readonly number[];
}

/** Parse the Mahimahi-style text format: one `<seconds> <Mbit/s>` pair per line. */
export function parseTrace(name: string, text: string): Trace {
  const timesS: number[] = [];
  const mbps: number[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const [t, v] = line.trim().split(/\s+/).map(Number);
    if (t === undefined || v === undefined || !Number.isFinite(t) || !Number.isFinite(v) || v < 0) {
      throw new Error(`${name}: line ${i + 1} is not "<seconds> <Mbit/s>": ${JSON.stringify(line)}`);
    }
    timesS.push(t);
    mbps.push(v);
  }
  checkTrace({ name, timesS, mbps });
  return { name, timesS, mbps };
}

function checkTrace(trace: Trace): void {
  const { timesS, mbps } = trace;
  if (timesS.length < 2) throw new Error(`${trace.name}: a trace needs at least two samples`);
  if (timesS[0] !== 0) throw new Error(`${trace.name}: the first timestamp must be 0`);
  for (let i = 1; i < timesS.length; i++) {
    if ((timesS[i] ?? 0) <= (timesS[i - 1] ?? 0)) throw new Error(`${trace.name}: timestamps must increase`);
  }
  if (!mbps.slice(1).some((v) => v > 0)) throw new Error(`${trace.name}: the link never carries data`);
}

/** Replays a trace: a cursor (sample index, clock) that downloads advance and sleeps move forward. */
export class Link {
  readonly #times: readonly number[];
  readonly #bytesPerS: readonly number[];
  #ptr = 1;
  #clockS: number;

  /** `payloadFactor` is the share of the throughput that carries payload (Pensieve: 0.95). */
  constructor(trace: Trace, payloadFactor: number) {
    checkTrace(trace);
    this.#times = trace.timesS;
    this.#bytesPerS = trace.mbps.map((v) => (v * 1e6 * payloadFactor) / 8);
    this.#clockS = trace.timesS[0] ?? 0;
  }

  /** The trace clock (seconds since the start of the current loop). */
  get clockS(): number {
    return this.#clockS;
  }

  #time(i: number): number {
    return this.#times[i] ?? 0;
  }

  #advance(): void {
    this.#clockS = this.#time(this.#ptr);
    this.#ptr += 1;
    if (this.#ptr >= this.#times.length) {
      this.#ptr = 1;
      this.#clockS = 0;
    }
  }

  /**
   * Seconds to transfer `bytes` from the current position (no round trip); moves the cursor. A transfer
   * that completes exactly at a sample boundary ends there (Pensieve compares with `>` and would carry on
   * into the next sample; with measured traces the two never differ).
   */
  transfer(bytes: number): number {
    if (!(bytes > 0)) return 0;
    let sent = 0;
    let elapsedS = 0;
    for (;;) {
      const rate = this.#bytesPerS[this.#ptr] ?? 0;
      const spanS = this.#time(this.#ptr) - this.#clockS;
      if (rate > 0 && sent + rate * spanS >= bytes) {
        const partS = (bytes - sent) / rate;
        this.#clockS += partS;
        return elapsedS + partS;
      }
      sent += rate * spanS;
      elapsedS += spanS;
      this.#advance();
    }
  }

  /** Let `seconds` of the trace pass without transferring. */
  sleep(seconds: number): void {
    let left = seconds;
    for (;;) {
      const spanS = this.#time(this.#ptr) - this.#clockS;
      if (spanS > left) {
        this.#clockS += left;
        return;
      }
      left -= spanS;
      this.#advance();
    }
  }
}
