import { describe, expect, it } from 'vitest';
import { ladderState } from '../test-kit.ts';
import { bolaParameters, createBola } from './bola.ts';

describe('BOLA-BASIC with dash.js parameters', () => {
  it('derives V and γp so rung 0 wins at the 10 s minimum and the top at the 22 s target', () => {
    const p = bolaParameters([300, 750, 1200, 1850, 2850, 4300]);
    // υ_max = 1 + ln(4300/300) = 3.6626; γp = 2.6626 / (22/10 − 1) = 2.2188; V = 10 / γp = 4.5069
    expect(p.bufferTargetS).toBe(22);
    expect(p.utilities[0]).toBe(1);
    expect(p.gp).toBeCloseTo(2.218823189, 8);
    expect(p.v).toBeCloseTo(4.506893586, 8);
  });

  it('maximises (V(υ_m + γp) − Q) / S_m: thresholds at 11.75, 15.11, 17.15, 19.10 and 21.01 s', () => {
    // rung m beats m+1 while Q < V(S_{m+1}(υ_m + γp) − S_m(υ_{m+1} + γp)) / (S_{m+1} − S_m)
    const bola = createBola();
    const at = (bufferS: number) => bola.decide(ladderState({ bufferS }));
    const buffers = [5, 11.7, 11.8, 15.1, 15.2, 17.1, 17.2, 19.1, 19.2, 21, 21.1, 40];
    expect(buffers.map(at)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});
