import { describe, expect, it } from 'vitest';
import { ladderState } from '../test-kit.ts';
import { createBba } from './bba.ts';

// Pensieve ladder 300…4300 kbps, reservoir 5 s, cushion 10 s: f(B) = 300 + 400 × (B − 5) kbps.
const bba = createBba();
const decide = (bufferS: number, lastRung: number) => bba.decide(ladderState({ bufferS, lastRung }));

describe('BBA-0', () => {
  it('plays the lowest rung up to the reservoir and the highest from reservoir + cushion', () => {
    expect([decide(0, 5), decide(4.9, 3), decide(5, 5)]).toEqual([0, 0, 0]);
    expect([decide(15, 0), decide(30, 2)]).toEqual([5, 5]);
  });

  it('moves up only when f(B) reaches the next rung, to the highest rung below f(B)', () => {
    // B = 8: f = 1500 ≥ R+ = 1200 (from 750) → max{R < 1500} = 1200
    expect(decide(8, 1)).toBe(2);
    // B = 10: f = 2300 ≥ 750 (from 300) → 1850, several rungs at once
    expect(decide(10, 0)).toBe(3);
  });

  it('stays between R− and R+, and moves down to the lowest rung above f(B)', () => {
    // B = 8, at 1850: R− = 1200 < f = 1500 < R+ = 2850 → stay
    expect(decide(8, 3)).toBe(3);
    // B = 8, at 4300: f = 1500 ≤ R− = 2850 → min{R > 1500} = 1850
    expect(decide(8, 5)).toBe(3);
  });

  it('rises with the buffer across the cushion (the linear rate map)', () => {
    let rung = 0;
    const path: number[] = [];
    for (let b = 5; b <= 15; b += 0.5) {
      rung = decide(b, rung);
      path.push(rung);
    }
    expect(path).toEqual([...path].sort((x, y) => x - y));
    expect(path[0]).toBe(0);
    expect(path.at(-1)).toBe(5);
  });
});
