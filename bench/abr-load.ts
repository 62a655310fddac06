/** Reading the trace folder for `bench/abr.ts`: every subfolder but `video/` is a trace set. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseChunkSizes, parseTrace, type Trace, type Video } from '../packages/abr/src/index.ts';

export interface TraceSet {
  name: string;
  traces: Trace[];
}

/** The chunk-size table and trace sets under `folder`; throws with a message naming what is missing. */
export function loadTraceFolder(folder: string): { video: Video; sets: TraceSet[] } {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`trace folder not found: ${folder} (pass --traces <folder>)`);
  }
  const sizes = path.join(folder, 'video', 'envivio3_chunk_sizes.tsv');
  if (!existsSync(sizes)) throw new Error(`chunk sizes not found: ${sizes}`);
  const video = parseChunkSizes(readFileSync(sizes, 'utf8'));
  const sets = readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'video' && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, traces: loadSet(path.join(folder, name), name) }))
    .filter((set) => set.traces.length > 0);
  if (sets.length === 0) throw new Error(`no trace sets (subfolders with trace files) in ${folder}`);
  return { video, sets };
}

function loadSet(dir: string, set: string): Trace[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.startsWith('.'))
    .map((f) => f.name)
    .sort()
    .map((name) => parseTrace(`${set}/${name}`, readFileSync(path.join(dir, name), 'utf8')));
}
