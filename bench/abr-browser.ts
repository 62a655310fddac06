/**
 * Reel's decision time inside Chromium (Debian's, through playwright-core): the states Reel saw in the
 * simulated sessions are replayed into `decideReel` bundled for the page by esbuild. Chromium coarsens
 * `performance.now()` outside cross-origin-isolated pages, so each state is decided REPS times in a row
 * and the per-decision time is the batch over REPS.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import {
  type AbrAlgorithm,
  type AbrState,
  createReel,
  type Download,
  simulateSession,
  type Video,
} from '../packages/abr/src/index.ts';
import type { TraceSet } from './abr-load.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPS = 20;

type Recorded = Omit<AbrState, 'video'>;

/** Reel's states over every session of the sets (the video left out: it is the same for all). */
function recordStates(sets: TraceSet[], video: Video): Recorded[] {
  const states: Recorded[] = [];
  const reel = createReel();
  const recorder: AbrAlgorithm = {
    name: reel.name,
    decide: (state) => {
      const history: Download[] = state.history.map(({ rung, bytes, durationS }) => ({
        rung,
        bytes,
        durationS,
      }));
      const { video: _video, ...rest } = state;
      states.push({ ...rest, history });
      return reel.decide(state);
    },
  };
  for (const set of sets) for (const trace of set.traces) simulateSession(recorder, trace, video);
  return states;
}

async function bundle(): Promise<string> {
  const root = path.resolve(import.meta.dirname, '..');
  const result = await build({
    stdin: {
      contents:
        "import { decideReel } from './packages/abr/src/algorithms/reel.ts'; globalThis.reelDecide = decideReel;",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Per-decision microseconds for each recorded state, measured in the page. */
function timeInPage(input: { states: Recorded[]; video: Video; reps: number }): number[] {
  const decide = (globalThis as unknown as { reelDecide: (s: AbrState) => number }).reelDecide;
  const states = input.states.map((s) => ({ ...s, video: input.video }));
  for (const s of states.slice(0, 200)) decide(s); // warm-up
  return states.map((s) => {
    const start = performance.now();
    for (let i = 0; i < input.reps; i++) decide(s);
    return ((performance.now() - start) * 1000) / input.reps;
  });
}

/** Reel's per-decision times in Chromium, or null (with the reason on stderr) when it is not installed. */
export async function browserDecisionTimes(
  sets: TraceSet[],
  video: Video,
): Promise<{ samplesUs: number[]; version: string } | null> {
  if (!existsSync(CHROMIUM)) {
    console.error(`bench:abr: no Chromium at ${CHROMIUM} (CHROMIUM_PATH): browser timing skipped`);
    return null;
  }
  const states = recordStates(sets, video);
  const script = await bundle();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>abr</title>');
    await page.addScriptTag({ content: script });
    const samplesUs = await page.evaluate(timeInPage, { states, video, reps: REPS });
    return { samplesUs, version: browser.version() };
  } finally {
    await browser.close();
  }
}
