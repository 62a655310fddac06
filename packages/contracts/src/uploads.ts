import { z } from '@hono/zod-openapi';
import { Id, Timestamp } from './common.ts';

/** `POST /api/videos/{id}/uploads`: where and how to send a video's source (docs/UPLOADS.md). */
export const UploadTarget = z
  .object({
    uploadId: Id,
    /** tus 1.0 endpoint (creation, creation-with-upload, termination, expiration); signed, in the path. */
    tusEndpoint: z.url(),
    /** Single signed PUT with Content-Length, for files up to `putMaxBytes`. */
    putUrl: z.url(),
    /** Most bytes one PATCH may carry (larger is 413). */
    chunkSize: z.number().int().positive(),
    /** Largest upload (Upload-Length) accepted. */
    maxBytes: z.number().int().positive(),
    putMaxBytes: z.number().int().positive(),
    expiresAt: Timestamp,
  })
  .openapi('UploadTarget');
export type UploadTarget = z.infer<typeof UploadTarget>;
