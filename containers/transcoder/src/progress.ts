/**
 * A job's progress as the creator sees it: one 0–99 figure across every stage, not only FFmpeg's encode,
 * so the studio's bar moves from the moment a transcoder takes the job (downloading a large source and
 * uploading the ladder take real time too). 100 is never reported here: only the API's publish says a
 * title is done.
 */
export type Stage = 'download' | 'encode' | 'upload';

/** [start, end] of each stage on the 0–99 scale; the encode dominates on real titles. */
const SPANS: Record<Stage, readonly [number, number]> = {
  download: [1, 5],
  encode: [5, 90],
  upload: [90, 99],
};

/** `fraction` of `stage` done (clamped to 0–1) → whole percent of the job. */
export function jobProgress(stage: Stage, fraction: number): number {
  const [start, end] = SPANS[stage];
  const done = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return Math.round(start + (end - start) * done);
}
