import { createRoute } from '@hono/zod-openapi';
import { UploadTarget } from '@reel/contracts';
import type { Context } from 'hono';
import {
  checkOffsetContentType,
  checkTusResumable,
  parseContentLength,
  parseUploadLength,
  parseUploadMetadata,
  parseUploadOffset,
  TUS_EXTENSIONS,
  TUS_VERSION,
  tusError,
  uploadExpires,
} from '../domain/tus.ts';
import { UPLOAD_LIMITS } from '../domain/upload-plan.ts';
import type { UploadProgress } from '../domain/upload-session.ts';
import { signUploadToken, type UploadClaims, verifyUploadToken } from '../domain/upload-signing.ts';
import { videoForWrite } from '../domain/videos.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { requireAuth } from '../middleware/session.ts';
import type { UploadReply } from '../objects/upload-session.ts';
import { router } from '../router.ts';
import type { AppEnv } from '../types.ts';
import { IdParams, json, errorResponses } from './openapi.ts';

type C = Context<AppEnv>;

/** The signed path token, or 403 `upload_signature_invalid` / `upload_expired`. */
async function claimsOf(c: C): Promise<UploadClaims> {
  const check = await verifyUploadToken(
    c.var.config.UPLOAD_SIGNING_KEY,
    c.req.param('token') ?? '',
    c.var.now,
  );
  if (check.ok) return check.claims;
  const detail = check.reason === 'upload_expired' ? 'This upload URL expired' : 'Bad upload signature';
  throw tusError(403, check.reason, detail);
}

const session = (c: C, claims: UploadClaims) => c.env.UPLOAD_SESSION.getByName(claims.uploadId);

function unwrap<T>(reply: UploadReply<T>): T {
  if (reply.ok) return reply.value;
  const { status, code, detail, extra, headers } = reply.problem;
  throw new ApiError(status, code, detail, extra, headers);
}

/** tus 1.0 headers describing an upload's progress (§"HEAD", §"Expiration"). */
function tusResponse(status: 200 | 201 | 204, p: UploadProgress, more: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    'tus-resumable': TUS_VERSION,
    'upload-offset': String(p.offset),
    'upload-length': String(p.length),
    'cache-control': 'no-store',
    ...more,
  };
  if (!p.complete) headers['upload-expires'] = uploadExpires(p.expiresAt);
  return new Response(null, { status, headers });
}

const body = (c: C): ReadableStream<Uint8Array> => c.req.raw.body ?? new ReadableStream();

/** tus 1.0 §"Creation" (and §"Creation With Upload" when the POST carries bytes). */
async function createTus(c: C) {
  const claims = await claimsOf(c);
  checkTusResumable(c.req.raw.headers);
  const length = parseUploadLength(c.req.raw.headers);
  if (length > UPLOAD_LIMITS.maxBytes) {
    throw tusError(413, 'upload_too_large', `Uploads are limited to ${UPLOAD_LIMITS.maxBytes} bytes`);
  }
  parseUploadMetadata(c.req.header('upload-metadata') ?? null);
  const stub = session(c, claims);
  let progress = unwrap(await stub.create(claims, length));
  const withData = c.req.header('content-type') !== undefined && c.req.header('content-length') !== '0';
  if (withData) {
    checkOffsetContentType(c.req.raw.headers);
    const contentLength = parseContentLength(c.req.raw.headers, UPLOAD_LIMITS.chunkSize);
    if (progress.offset === 0 && contentLength > 0) {
      progress = unwrap(await stub.patch({ offset: 0, contentLength, body: body(c) }));
    }
  }
  return tusResponse(201, progress, { location: c.req.url });
}

/** tus 1.0 §"PATCH". */
async function patchTus(c: C) {
  const claims = await claimsOf(c);
  const headers = c.req.raw.headers;
  checkTusResumable(headers);
  checkOffsetContentType(headers);
  const offset = parseUploadOffset(headers);
  const contentLength = parseContentLength(headers, UPLOAD_LIMITS.chunkSize);
  const progress = unwrap(await session(c, claims).patch({ offset, contentLength, body: body(c) }));
  return tusResponse(204, progress);
}

/** The single PUT: Content-Length required, up to `putMaxBytes`, streamed to R2. */
async function putSource(c: C) {
  const claims = await claimsOf(c);
  const contentLength = parseContentLength(c.req.raw.headers, UPLOAD_LIMITS.putMaxBytes, 'upload_too_large');
  if (contentLength < 1) throw new ApiError(400, 'upload_empty', 'Send at least one byte');
  const progress = unwrap(await session(c, claims).put(claims, { contentLength, body: body(c) }));
  return c.json({ uploadId: claims.uploadId, bytes: progress.length }, 201);
}

const TUS_PATH = '/uploads/tus/:token';

/**
 * Uploads (mounted at /api): the signed target for a video, the tus 1.0 endpoint and the single PUT.
 * The tus and PUT URLs authenticate by their signed token, not by a session.
 */
export const uploadsRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/videos/{id}/uploads',
      tags: ['uploads'],
      summary: 'A signed upload target for a video’s source (owner or admin; valid 24 h)',
      request: { params: IdParams },
      responses: {
        201: json(UploadTarget, 'Where to send the file: tus or a single PUT'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const { video } = await videoForWrite(c.var.db, auth, c.req.valid('param').id);
      if (video.deletedAt !== null) throw notFound('Video');
      const expiresAt = c.var.now + UPLOAD_LIMITS.ttlMs;
      const claims = { uploadId: newId(), videoId: video.id, userId: auth.user.id, expiresAt };
      const token = await signUploadToken(c.var.config.UPLOAD_SIGNING_KEY, claims);
      const origin = new URL(c.req.url).origin;
      const { chunkSize, maxBytes, putMaxBytes } = UPLOAD_LIMITS;
      const target = {
        uploadId: claims.uploadId,
        tusEndpoint: `${origin}/api/uploads/tus/${token}`,
        putUrl: `${origin}/api/uploads/put/${token}`,
        ...{ chunkSize, maxBytes, putMaxBytes },
        expiresAt: new Date(expiresAt).toISOString(),
      };
      return c.json(target, 201);
    },
  )
  // tus 1.0 §"OPTIONS": what this server supports; no version check, no signature needed.
  .options(
    TUS_PATH,
    () =>
      new Response(null, {
        status: 204,
        headers: {
          'tus-resumable': TUS_VERSION,
          'tus-version': TUS_VERSION,
          'tus-extension': TUS_EXTENSIONS,
          'tus-max-size': String(UPLOAD_LIMITS.maxBytes),
        },
      }),
  )
  .post(TUS_PATH, createTus)
  // tus 1.0 §"HEAD". Hono answers HEAD from the GET handler (dropping the body).
  .get(TUS_PATH, async (c) => {
    const claims = await claimsOf(c);
    checkTusResumable(c.req.raw.headers);
    return tusResponse(200, unwrap(await session(c, claims).head()));
  })
  .patch(TUS_PATH, patchTus)
  // tus 1.0 §"Termination".
  .delete(TUS_PATH, async (c) => {
    const claims = await claimsOf(c);
    checkTusResumable(c.req.raw.headers);
    unwrap(await session(c, claims).terminate());
    return new Response(null, { status: 204, headers: { 'tus-resumable': TUS_VERSION } });
  })
  .put('/uploads/put/:token', putSource);
