/**
 * Content keys of protected titles (DESIGN.md "Protection"): fresh SD and HD keys per transcode attempt, stored
 * wrapped under MEDIA_KEY_SECRET and handed raw to the transcoder in its lease (the signed internal channel).
 */
import { base64url, newContentKey, wrapContentKey } from '@reel/signing';
import { eq } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';

export type LeasedKeys = { sd: string; hd: string };

/** Keys for this attempt when the video is protected, else null. Each lease is a new attempt, so new keys. */
export async function leaseContentKeys(
  db: Db,
  secret: string,
  attempt: { videoId: string; attemptId: string; now: number },
): Promise<LeasedKeys | null> {
  const [video] = await db
    .select({ protected: schema.videos.protected })
    .from(schema.videos)
    .where(eq(schema.videos.id, attempt.videoId))
    .limit(1);
  if (!video?.protected) return null;
  const sd = newContentKey();
  const hd = newContentKey();
  const row = async (tier: 'sd' | 'hd', raw: Uint8Array<ArrayBuffer>) => ({
    attemptId: attempt.attemptId,
    videoId: attempt.videoId,
    tier,
    wrapped: await wrapContentKey(secret, raw),
    createdAt: attempt.now,
  });
  await db.insert(schema.mediaKeys).values([await row('sd', sd), await row('hd', hd)]);
  return { sd: base64url(sd), hd: base64url(hd) };
}
