import { env } from 'cloudflare:test';

/** Renditions as the publish step records them: the poster is scaled to the largest video one. */
export async function addRenditions(assetId: string) {
  const row = (rungId: string, kind: string, w: number | null, h: number | null) =>
    env.DB.prepare(
      'INSERT INTO renditions (id, asset_id, rung_id, kind, codecs, width, height, bandwidth) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1000000)',
    ).bind(crypto.randomUUID(), assetId, rungId, kind, kind === 'audio' ? 'mp4a.40.2' : 'avc1.64001f', w, h);
  await env.DB.batch([
    row('h264-360', 'video', 640, 360),
    row('h264-720', 'video', 1280, 720),
    row('aac-128', 'audio', null, null),
  ]);
}
