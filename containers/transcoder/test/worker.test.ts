import { createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CompleteInput, LeaseResponse } from '@reel/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiClient } from '../src/api-client.ts';
import type { AttemptFile } from '../src/storage.ts';
import { runOnce } from '../src/worker.ts';
import { clipPath } from './fixtures.ts';

const cache = inject('transcoderCache');
const server = createServer((_req, res) => res.end(readFileSync(clipPath(cache, 'fps1'))));
let sourceUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sourceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/source`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function lease(protection: LeaseResponse['protection']): LeaseResponse {
  const job = {
    ...{ id: 'job0000000000001', videoId: 'vid0000000000001', kind: 'transcode', leaseToken: 1 },
    ...{ attempt: 1, maxAttempts: 3, attemptId: 'job0000000000001-1', payload: {} },
    leaseExpiresAt: new Date(Date.now() + 60_000).toISOString(),
  };
  return { job, sourceUrl, subtitles: [], protection };
}

/** One job through the real loop body with an in-memory API and storage; returns what left the worker. */
async function runJob(protection: LeaseResponse['protection']) {
  const uploaded = new Map<string, Uint8Array>();
  const completed: CompleteInput[] = [];
  const logs: string[] = [];
  const api: ApiClient = {
    lease: async () => lease(protection),
    heartbeat: async () => {},
    fail: async (_id, input) => void logs.push(`fail ${input.code}: ${input.message}`),
    complete: async (_id, input) => void completed.push(input),
    putObject: async () => {},
  };
  const storage = { put: async (_t: unknown, f: AttemptFile) => void uploaded.set(f.key, f.bytes) };
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'reel-worker-'));
  const outcome = await runOnce({
    api,
    storage,
    workDir,
    h264: 'libx264',
    heartbeatMs: 60_000,
    log: (l) => logs.push(l),
  });
  return { outcome, uploaded, completed, logs, leftover: readdirSync(workDir) };
}

const decrypt = (bytes: Uint8Array, key: Uint8Array, sequence: number) => {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(sequence, 12);
  const d = createDecipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([d.update(bytes), d.final()]);
};
const boxType = (b: Uint8Array) => Buffer.from(b.subarray(4, 8)).toString('latin1');

describe('the job loop with lease.protection', () => {
  it('uploads SD-encrypted segments under the keyed playlist, never a key, and says so only as AES-128', async () => {
    const sd = randomBytes(16);
    const hd = randomBytes(16);
    const keys = { sd: sd.toString('base64url'), hd: hd.toString('base64url') };
    const run = await runJob(keys);
    expect(run.outcome, run.logs.join('\n')).toBe('published');
    expect(run.completed[0]?.manifest.files.map((f) => f.key).sort()).toEqual(
      [...run.uploaded.keys()].sort(),
    );
    const playlist = new TextDecoder().decode(run.uploaded.get('h264-180/index.m3u8'));
    expect(playlist).toContain('#EXT-X-MAP:URI="init.mp4"\n#EXT-X-KEY:METHOD=AES-128,URI="../keys/sd.key"\n');
    const segment = run.uploaded.get('h264-180/seg_0.m4s') ?? new Uint8Array();
    expect(boxType(segment)).not.toBe('styp');
    expect(boxType(decrypt(segment, sd, 0))).toBe('styp');
    expect(boxType(run.uploaded.get('h264-180/init.mp4') ?? new Uint8Array())).toBe('ftyp');
    for (const [key, bytes] of run.uploaded) {
      expect(Buffer.from(bytes).indexOf(sd), key).toBe(-1);
      expect(Buffer.from(bytes).indexOf(hd), key).toBe(-1);
    }
    const logged = run.logs.join('\n');
    expect(logged).toContain('AES-128');
    expect(logged).not.toContain(keys.sd);
    expect(run.leftover).toEqual([]);
  });

  it('leaves a clear title clear', async () => {
    const run = await runJob(null);
    expect(run.outcome, run.logs.join('\n')).toBe('published');
    expect(boxType(run.uploaded.get('h264-180/seg_0.m4s') ?? new Uint8Array())).toBe('styp');
    expect(new TextDecoder().decode(run.uploaded.get('h264-180/index.m3u8'))).not.toContain('EXT-X-KEY');
  });
});
