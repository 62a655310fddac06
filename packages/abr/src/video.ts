/** The test video of the Pensieve setup (EnvivioDash3), read from data the caller supplies. */
import type { Video } from './types.ts';

/** Pensieve's ladder, kbit/s. */
export const PENSIEVE_LADDER_KBPS: readonly number[] = [300, 750, 1200, 1850, 2850, 4300];

/** Pensieve's chunk length, seconds. */
export const PENSIEVE_CHUNK_S = 4;

/**
 * Parse a chunk-size table: a header `chunk_index <rate>kbps_bytes …` then one row per chunk with its
 * size in bytes at each rate. The ladder is taken from the header.
 *
 * @example
 * parseChunkSizes('chunk_index\t300kbps_bytes\t750kbps_bytes\n1\t181801\t450283\n', 4)
 * // { bitratesKbps: [300, 750], chunkBytes: [[181801, 450283]], chunkS: 4 }
 */
export function parseChunkSizes(tsv: string, chunkS: number = PENSIEVE_CHUNK_S): Video {
  const [header, ...rows] = tsv.split('\n').filter((line) => line.trim() !== '');
  const columns = (header ?? '').trim().split(/\t/).slice(1);
  const bitratesKbps = columns.map((c) => Number(/^(\d+(?:\.\d+)?)kbps_bytes$/.exec(c)?.[1] ?? Number.NaN));
  if (bitratesKbps.length === 0 || bitratesKbps.some((b, i) => !(b > (bitratesKbps[i - 1] ?? 0)))) {
    throw new Error(`chunk sizes: the header must list ascending "<n>kbps_bytes" columns: ${header}`);
  }
  const chunkBytes = rows.map((row, i) => {
    const [index, ...sizes] = row.trim().split(/\t/).map(Number);
    if (index !== i + 1 || sizes.length !== bitratesKbps.length || sizes.some((s) => !(s > 0))) {
      throw new Error(`chunk sizes: row ${i + 2} is not chunk ${i + 1} with ${bitratesKbps.length} sizes`);
    }
    return sizes;
  });
  return { bitratesKbps, chunkBytes, chunkS };
}
