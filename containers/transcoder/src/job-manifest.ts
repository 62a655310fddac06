import type { JobManifest, RenditionFacts } from '@reel/contracts';
import type { Manifest, Rendition } from './manifest.ts';

/** Subtitle renditions carry no measured bitrate: use the WebVTT file's mean rate (at least 1 bit/s). */
function subtitleBandwidth(r: Rendition, m: Manifest): number {
  const file = m.files.find((f) => f.key === `subs/${r.language}.vtt`);
  return Math.max(1, Math.ceil(((file?.bytes ?? 0) * 8) / Math.max(m.durationS, 1)));
}

function toFacts(r: Rendition, m: Manifest): RenditionFacts {
  const subtitles = r.type === 'subtitles';
  const facts: RenditionFacts = {
    // rungIds name codec and short side (`h264-720`); subtitles are named by language (`subs-en`).
    rungId: subtitles ? `subs-${(r.language ?? r.id).toLowerCase()}` : r.id,
    kind: r.type,
    codecs: r.codecs,
    bandwidth: subtitles ? subtitleBandwidth(r, m) : Math.max(1, r.bandwidth ?? 1),
  };
  if (r.width !== undefined) facts.width = r.width;
  if (r.height !== undefined) facts.height = r.height;
  if (r.frameRate !== undefined) facts.frameRate = r.frameRate;
  if (r.averageBandwidth !== undefined) facts.averageBandwidth = Math.max(1, r.averageBandwidth);
  if (r.language !== undefined) facts.language = r.language;
  return facts;
}

/** The transcoder's manifest.json in the shape `complete` takes (docs/JOBS.md). */
export function toJobManifest(m: Manifest): JobManifest {
  return {
    files: m.files.map(({ key, bytes, sha256 }) => ({ key, bytes, sha256 })),
    renditions: m.renditions.map((r) => toFacts(r, m)),
    durationS: m.durationS,
  };
}
