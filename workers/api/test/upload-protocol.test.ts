import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { reserveBytes } from '../src/domain/quotas.ts';
import { signUploadToken } from '../src/domain/upload-signing.ts';
import { createDb } from '../src/db.ts';
import { createVideo } from './catalog-fixtures.ts';
import { call, makeUser } from './helpers.ts';
import { MiB, makeBytes, newTarget } from './upload-kit.ts';

const TUS = { 'tus-resumable': '1.0.0' };
const OCTETS = { ...TUS, 'content-type': 'application/offset+octet-stream' };

const tusFetch = (url: string, method: string, headers: Record<string, string>, body?: Uint8Array) =>
  exports.default.fetch(new Request(url, { method, headers, body: body ?? null }));

async function problemCode(res: Response): Promise<string> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return ((await res.json()) as { code: string }).code;
}

/** A created tus upload of `length` bytes with `sent` bytes already PATCHed. */
async function startedUpload(length: number, sent: number) {
  const owner = await makeUser('creator');
  const video = await createVideo(owner.token);
  const target = await newTarget(owner.token, video.id);
  const url = target.tusEndpoint;
  const created = await tusFetch(url, 'POST', { ...TUS, 'upload-length': String(length) });
  expect(created.status).toBe(201);
  expect(created.headers.get('location')).toBe(url);
  const file = makeBytes(length, 3);
  if (sent > 0) {
    const patched = await tusFetch(url, 'PATCH', { ...OCTETS, 'upload-offset': '0' }, file.subarray(0, sent));
    expect(patched.status).toBe(204);
    expect(patched.headers.get('upload-offset')).toBe(String(sent));
  }
  return { owner, video, target, url, file };
}

const offsetOf = async (url: string) => (await tusFetch(url, 'HEAD', TUS)).headers.get('upload-offset');
const tmpKeys = async (videoId: string) =>
  (await env.MEDIA.list({ prefix: `videos/${videoId}/tmp/` })).objects.map((o) => o.key);

describe('tus 1.0 protocol rules', () => {
  it('answers OPTIONS with version, extensions and max size', async () => {
    const { url } = await startedUpload(10, 0);
    const res = await tusFetch(url, 'OPTIONS', {});
    expect(res.status).toBe(204);
    expect(res.headers.get('tus-version')).toBe('1.0.0');
    expect(res.headers.get('tus-extension')).toBe('creation,creation-with-upload,termination,expiration');
    expect(Number(res.headers.get('tus-max-size'))).toBeGreaterThan(0);
  });

  it('refuses a PATCH at the wrong offset with 409 and changes nothing', async () => {
    const { url, file, video } = await startedUpload(20 * MiB, 3 * MiB);
    const tailBefore = await tmpKeys(video.id);
    expect(tailBefore).toHaveLength(1);
    const wrong = await tusFetch(url, 'PATCH', { ...OCTETS, 'upload-offset': '0' }, file.subarray(0, MiB));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe(String(3 * MiB));
    expect(await problemCode(wrong)).toBe('upload_offset_mismatch');
    expect(await offsetOf(url)).toBe(String(3 * MiB));
    expect(await tmpKeys(video.id)).toEqual(tailBefore);
  });

  it('refuses a PATCH over chunkSize (413), a wrong Content-Type (415) and a deferred length', async () => {
    const { url, target, owner, video } = await startedUpload(40 * MiB, 0);
    const big = new Uint8Array(target.chunkSize + 1);
    const tooBig = await tusFetch(url, 'PATCH', { ...OCTETS, 'upload-offset': '0' }, big);
    expect(tooBig.status).toBe(413);
    expect(await problemCode(tooBig)).toBe('chunk_too_large');
    const plain = { ...TUS, 'content-type': 'application/octet-stream', 'upload-offset': '0' };
    const wrongType = await tusFetch(url, 'PATCH', plain, new Uint8Array(10));
    expect(wrongType.status).toBe(415);
    expect(await offsetOf(url)).toBe('0');
    const fresh = await newTarget(owner.token, video.id);
    const deferred = await tusFetch(fresh.tusEndpoint, 'POST', { ...TUS, 'upload-defer-length': '1' });
    expect(deferred.status).toBe(412);
    expect(await problemCode(deferred)).toBe('upload_defer_length_unsupported');
    const huge = { ...TUS, 'upload-length': String(fresh.maxBytes + 1) };
    const tooLarge = await tusFetch(fresh.tusEndpoint, 'POST', huge);
    expect(tooLarge.status).toBe(413);
    expect(await problemCode(tooLarge)).toBe('upload_too_large');
    const noVersion = await tusFetch(url, 'HEAD', {});
    expect(noVersion.status).toBe(412);
    expect(noVersion.headers.get('tus-version')).toBe('1.0.0');
  });

  it('terminates: DELETE aborts the multipart upload and deletes the tail; later requests 404', async () => {
    const { url, video, target } = await startedUpload(20 * MiB, 9 * MiB);
    expect(await tmpKeys(video.id)).toHaveLength(1);
    expect((await tusFetch(url, 'DELETE', TUS)).status).toBe(204);
    expect(await tmpKeys(video.id)).toEqual([]);
    const head = await tusFetch(url, 'HEAD', TUS);
    expect(head.status).toBe(404);
    await expectMultipartGone(`videos/${video.id}/source/${target.uploadId}`);
  });

  it('aborts an expired upload from its alarm (multipart and tail gone; HEAD 410)', async () => {
    const { url, video, target } = await startedUpload(20 * MiB, 9 * MiB);
    const stub = env.UPLOAD_SESSION.getByName(target.uploadId);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await tmpKeys(video.id)).toEqual([]);
    expect((await tusFetch(url, 'HEAD', TUS)).status).toBe(410);
    await expectMultipartGone(`videos/${video.id}/source/${target.uploadId}`);
  });
});

/** The aborted multipart upload no longer takes parts (read its id from the Durable Object's state). */
async function expectMultipartGone(key: string) {
  const uploadId = key.split('/').at(-1) ?? '';
  const { runInDurableObject } = await import('cloudflare:test');
  const state = await runInDurableObject(env.UPLOAD_SESSION.getByName(uploadId), (_i, s) =>
    s.storage.get<{ multipartId: string }>('upload'),
  );
  expect(state?.multipartId).toBeTruthy();
  const multipart = env.MEDIA.resumeMultipartUpload(key, state?.multipartId ?? '');
  await expect(multipart.uploadPart(1, new Uint8Array(10))).rejects.toThrow();
  expect(await env.MEDIA.head(key)).toBeNull();
}

describe('upload targets and signatures', () => {
  it('gives targets to the owner only; a tampered or expired signature is 403', async () => {
    const { owner, video, url } = await startedUpload(10, 0);
    const stranger = await makeUser('creator');
    const denied = await call('POST', `/api/videos/${video.id}/uploads`, { token: stranger.token });
    expect([403, 404]).toContain(denied.status);
    expect((await call('POST', `/api/videos/${video.id}/uploads`)).status).toBe(401);
    const sig = url.slice(url.lastIndexOf('.') + 1);
    const flipped = `${url.slice(0, url.lastIndexOf('.') + 1)}${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const tampered = await tusFetch(flipped, 'HEAD', TUS);
    expect(tampered.status).toBe(403);
    const other = url.replace(`.${owner.user.id}.`, `.${stranger.user.id}.`);
    expect(await problemCode(await tusFetch(other, 'PATCH', { ...OCTETS, 'upload-offset': '0' }))).toBe(
      'upload_signature_invalid',
    );
    const claims = { uploadId: 'expiredUpload000', videoId: video.id, userId: owner.user.id, expiresAt: 1 };
    const token = await signUploadToken(env.UPLOAD_SIGNING_KEY, claims);
    const expired = await tusFetch(`http://localhost:8787/api/uploads/tus/${token}`, 'DELETE', TUS);
    expect(expired.status).toBe(403);
    expect(await problemCode(expired)).toBe('upload_expired');
  });

  it('refuses an upload over the creator’s daily byte quota (429) before any byte', async () => {
    const owner = await makeUser('creator');
    const video = await createVideo(owner.token);
    const target = await newTarget(owner.token, video.id);
    const limit = 100 * 1024 ** 3;
    await reserveBytes(createDb(env.DB), owner.user.id, limit - 1000, Date.now(), limit);
    const res = await tusFetch(target.tusEndpoint, 'POST', { ...TUS, 'upload-length': '1001' });
    expect(res.status).toBe(429);
    expect(await problemCode(res)).toBe('quota_exceeded');
    const ok = await tusFetch(target.tusEndpoint, 'POST', { ...TUS, 'upload-length': '1000' });
    expect(ok.status).toBe(201);
  });
});
