import { and, eq, inArray, isNull, notExists } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';

const { videos, jobs } = schema;

/** What the transcode job needs to find the source (the job leasing reads `payload` as it is). */
export type UploadedSource = {
  videoId: string;
  uploadId: string;
  /** `videos/{videoId}/source/{uploadId}` in the MEDIA bucket. */
  sourceKey: string;
  sourceBytes: number;
};

/** R2 key of an upload's source object. */
export const sourceKeyFor = (videoId: string, uploadId: string): string =>
  `videos/${videoId}/source/${uploadId}`;

/** Whether a video exists and is not deleted: an upload may start or finish only then. */
export async function isUploadable(db: Db, videoId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.id, videoId), isNull(videos.deletedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * A draft (or failed) video shows `uploading` while its source arrives. A ready or processing title keeps
 * its status until the new source is complete, so replacing a source does not hide a published title early.
 */
export async function markUploading(db: Db, videoId: string, now: number): Promise<void> {
  await db
    .update(videos)
    .set({ status: 'uploading', updatedAt: now })
    .where(and(eq(videos.id, videoId), inArray(videos.status, ['draft', 'failed'])));
}

/**
 * The source is complete: in ONE batch the video moves to `processing` (progress 0, failure cleared) and a
 * queued `transcode` job is inserted. The job id is the upload id, so a retried completion (the Durable
 * Object crashed after the batch) neither resets the video nor queues a second job. A video deleted
 * meanwhile keeps `deleted` (the job's consumer must skip it; D1 batches cannot make the insert conditional
 * without listing every jobs column).
 */
export async function completeUpload(db: Db, source: UploadedSource, now: number): Promise<void> {
  const { videoId, uploadId, sourceKey, sourceBytes } = source;
  const noJobYet = notExists(db.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, uploadId)));
  await db.batch([
    db
      .update(videos)
      .set({ status: 'processing', progress: 0, failureCode: null, failureMessage: null, updatedAt: now })
      .where(and(eq(videos.id, videoId), isNull(videos.deletedAt), noJobYet)),
    db
      .insert(jobs)
      .values({
        id: uploadId,
        videoId,
        kind: 'transcode',
        state: 'queued',
        availableAt: now,
        payload: { sourceKey, sourceBytes, uploadId },
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
  ]);
}
