import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ManifestFile {
  /** Path relative to the attempt folder, `/`-separated. */
  key: string;
  bytes: number;
  sha256: string;
}

export interface Rendition {
  id: string;
  type: 'video' | 'audio' | 'subtitles';
  codecs: string;
  uri: string;
  width?: number;
  height?: number;
  frameRate?: number;
  bandwidth?: number;
  averageBandwidth?: number;
  language?: string;
}

/** What `complete` sends to the API: every file with size and sha256, the renditions, the duration. */
export interface Manifest {
  durationS: number;
  renditions: Rendition[];
  files: ManifestFile[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    ),
  );
  return nested.flat().sort();
}

/** Hashes every file under the attempt folder except `manifest.json` itself. */
export async function collectFiles(dir: string): Promise<ManifestFile[]> {
  const keys = (await listFiles(dir)).filter((k) => k !== 'manifest.json');
  return Promise.all(
    keys.map(async (key) => {
      const bytes = await readFile(path.join(dir, key));
      return { key, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}
