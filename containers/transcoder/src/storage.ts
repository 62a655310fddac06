/**
 * Where an attempt's files go (DESIGN.md "Transcode": everything under `videos/{id}/a/{attemptId}/`).
 * Default: the API's object ingest (streams into R2, verifies sha256). Production may write straight to
 * R2's S3 API instead; either way the object carries `sha256` metadata, which `complete` checks.
 */
import { AwsClient } from 'aws4fetch';
import type { ApiClient } from './api-client.ts';

export type AttemptFile = { key: string; sha256: string; bytes: Uint8Array<ArrayBuffer> };
export type AttemptTarget = { jobId: string; leaseToken: number; videoId: string; attemptId: string };

export interface AttemptStorage {
  put(target: AttemptTarget, file: AttemptFile): Promise<void>;
}

/** Through `PUT /api/internal/jobs/{id}/objects/{key}` (fenced by the lease token). */
export const apiIngestStorage = (api: ApiClient): AttemptStorage => ({
  put: (t, file) => api.putObject(t.jobId, t.leaseToken, file),
});

export type S3Options = { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };

/**
 * R2's S3-compatible API, signed with SigV4 (aws4fetch). `x-amz-meta-sha256` becomes the object's
 * `customMetadata.sha256`; `x-amz-checksum-sha256` makes R2 itself refuse corrupted bytes.
 */
export function r2S3Storage(opts: S3Options): AttemptStorage {
  const aws = new AwsClient({
    accessKeyId: opts.accessKeyId,
    secretAccessKey: opts.secretAccessKey,
    service: 's3',
    region: 'auto',
  });
  return {
    async put(t, file) {
      const url = `${opts.endpoint}/${opts.bucket}/videos/${t.videoId}/a/${t.attemptId}/${file.key}`;
      const checksum = Buffer.from(file.sha256, 'hex').toString('base64');
      const res = await aws.fetch(url, {
        method: 'PUT',
        body: file.bytes,
        headers: { 'x-amz-meta-sha256': file.sha256, 'x-amz-checksum-sha256': checksum },
      });
      if (!res.ok) throw new Error(`R2 PUT ${file.key}: ${res.status} ${await res.text()}`);
    },
  };
}
