import { describe, expect, it } from 'vitest';
import { Link, parseTrace } from './trace.ts';

describe('parseTrace', () => {
  it('reads whitespace- or tab-separated seconds and Mbit/s', () => {
    expect(parseTrace('t', '0.0\t1.5\n1.01 2\n\n2.0  0\n')).toEqual({
      name: 't',
      timesS: [0, 1.01, 2],
      mbps: [1.5, 2, 0],
    });
  });

  it('names the line it cannot read', () => {
    expect(() => parseTrace('t', '0 1\n1 x\n')).toThrow(/t: line 2/);
    expect(() => parseTrace('t', '0 1\n1 -2\n')).toThrow(/line 2/);
  });

  it('rejects traces the replay rules cannot loop', () => {
    expect(() => parseTrace('t', '1 1\n2 1\n')).toThrow(/first timestamp must be 0/);
    expect(() => parseTrace('t', '0 1\n2 1\n2 1\n')).toThrow(/timestamps must increase/);
    // sample 0's throughput is never used, so a link that is zero from sample 1 on never delivers
    expect(() => parseTrace('t', '0 5\n1 0\n2 0\n')).toThrow(/never carries data/);
  });
});

describe('Link', () => {
  // 1 Mbit/s over [0,4), 3 Mbit/s over [4,6): 118,750 and 356,250 payload bytes/s.
  const trace = { name: 't', timesS: [0, 4, 6], mbps: [0, 1, 3] };

  it('moves the trace clock by what a sleep lets pass, looping like a transfer', () => {
    const link = new Link(trace, 0.95);
    link.sleep(3);
    // from t = 3: 1 s at 118,750 B/s, then 356,250 B/s → 118,750 + 356,250 = 475,000 B in 2 s
    expect(link.transfer(475_000)).toBeCloseTo(2, 12);
    expect(link.clockS).toBeCloseTo(5, 12);
    link.sleep(2.5); // 1 s to the end of the trace, wrap to 0, 1.5 s more
    expect(link.clockS).toBeCloseTo(1.5, 12);
  });

  it('transfers nothing in no time', () => {
    expect(new Link(trace, 0.95).transfer(0)).toBe(0);
  });
});
