import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { signServiceRequest } from '@reel/signing';
import { beforeEach, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../src/domain/housekeeping.ts';
import { ORIGIN } from './helpers.ts';
import { db, problemCode, processingVideo, retireOtherJobs, signed } from './job-kit.ts';

const PATH = '/api/internal/jobs/lease';

async function send(headers: Record<string, string>, body?: string) {
  return exports.default.fetch(new Request(ORIGIN + PATH, { method: 'POST', headers, body: body ?? null }));
}

beforeEach(retireOtherJobs);

describe('service signature on /api/internal/jobs', () => {
  it('accepts a signed request and refuses an unsigned one (401 signature_missing)', async () => {
    expect((await signed('POST', PATH)).status).toBe(204);
    const res = await send({});
    expect(res.status).toBe(401);
    expect(await problemCode(res)).toBe('signature_missing');
  });

  it('refuses a wrong key (signature_invalid) and leases nothing', async () => {
    await processingVideo();
    const res = await signed('POST', PATH, { key: 'another-key-0123456789abcdefghijklmnopqrstuvwxyz' });
    expect(res.status).toBe(401);
    expect(await problemCode(res)).toBe('signature_invalid');
    expect((await signed('POST', PATH)).status).toBe(200);
  });

  it('refuses a signature for another path', async () => {
    const headers = await signServiceRequest({
      key: env.SERVICE_SIGNING_KEY,
      method: 'POST',
      path: '/api/internal/jobs/other',
    });
    expect(await problemCode(await send(headers))).toBe('signature_invalid');
  });

  it('refuses a timestamp more than 300 s off (signature_expired)', async () => {
    const old = await signed('POST', PATH, { now: Date.now() - 301_000 });
    expect(old.status).toBe(401);
    expect(await problemCode(old)).toBe('signature_expired');
    expect(await problemCode(await signed('POST', PATH, { now: Date.now() + 301_000 }))).toBe(
      'signature_expired',
    );
    expect((await signed('POST', PATH, { now: Date.now() - 250_000 })).status).toBe(204);
  });

  it('refuses a replayed request (nonce_replayed)', async () => {
    const headers = await signServiceRequest({ key: env.SERVICE_SIGNING_KEY, method: 'POST', path: PATH });
    expect((await send(headers)).status).toBe(204);
    const replay = await send(headers);
    expect(replay.status).toBe(401);
    expect(await problemCode(replay)).toBe('nonce_replayed');
  });

  it('refuses a tampered body (body_hash_mismatch) before touching the job', async () => {
    const { jobId } = await processingVideo();
    const leased = (await (await signed('POST', PATH)).json()) as { job: { leaseToken: number } };
    const path = `/api/internal/jobs/${jobId}/heartbeat`;
    const body = JSON.stringify({ leaseToken: leased.job.leaseToken, progress: 10 });
    const headers = await signServiceRequest({ key: env.SERVICE_SIGNING_KEY, method: 'POST', path, body });
    const tampered = body.replace('10', '99');
    const res = await exports.default.fetch(
      new Request(ORIGIN + path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: tampered,
      }),
    );
    expect(res.status).toBe(401);
    expect(await problemCode(res)).toBe('body_hash_mismatch');
    const job = await env.DB.prepare('SELECT progress FROM jobs WHERE id = ?')
      .bind(jobId)
      .first<{ progress: number }>();
    expect(job?.progress).toBe(0);
  });

  it('a session cookie or bearer token is no substitute for the signature', async () => {
    const { owner } = await processingVideo();
    const res = await send({ authorization: `Bearer ${owner.token}` });
    expect(res.status).toBe(401);
    expect(await problemCode(res)).toBe('signature_missing');
  });

  it('the cron forgets nonces once their timestamp can no longer pass', async () => {
    await signed('POST', PATH);
    const count = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM service_nonces').first<{ n: number }>())?.n ?? 0;
    expect(await count()).toBeGreaterThan(0);
    await runHousekeeping(db(), env.MEDIA, Date.now() + 301_000);
    expect(await count()).toBe(0);
  });
});
