/**
 * The transcoder service: `node containers/transcoder/src/main.ts` (also the Docker entrypoint).
 * Configuration comes from the environment, parsed once.
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createApiClient } from './api-client.ts';
import { detectH264Encoder } from './encoder.ts';
import { type AttemptStorage, apiIngestStorage, r2S3Storage } from './storage.ts';
import { runLoop } from './worker.ts';

const Env = z.object({
  REEL_API_URL: z.url(),
  SERVICE_SIGNING_KEY: z.string().min(32),
  TRANSCODER_WORK_DIR: z.string().default(path.join(os.tmpdir(), 'reel-transcoder')),
  TRANSCODER_THREADS: z.coerce.number().int().min(1).default(Math.max(1, os.cpus().length)),
  TRANSCODER_IDLE_MS: z.coerce.number().int().min(50).default(2000),
  TRANSCODER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(20_000),
  // `api` (default) uploads through the API's ingest; `r2` writes to R2's S3 API directly.
  TRANSCODER_STORAGE: z.enum(['api', 'r2']).default('api'),
  R2_ENDPOINT: z.url().optional(),
  R2_BUCKET: z.string().default('reel-media'),
  R2_ACCESS_KEY_ID: z.string().optional(),
  R2_SECRET_ACCESS_KEY: z.string().optional(),
});

function storageFor(env: z.infer<typeof Env>, api: ReturnType<typeof createApiClient>): AttemptStorage {
  if (env.TRANSCODER_STORAGE === 'api') return apiIngestStorage(api);
  const { R2_ENDPOINT: endpoint, R2_ACCESS_KEY_ID: accessKeyId, R2_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!endpoint || !accessKeyId || !secretAccessKey) {
    throw new Error('TRANSCODER_STORAGE=r2 needs R2_ENDPOINT, R2_ACCESS_KEY_ID and R2_SECRET_ACCESS_KEY');
  }
  return r2S3Storage({ endpoint, bucket: env.R2_BUCKET, accessKeyId, secretAccessKey });
}

async function main(): Promise<void> {
  const env = Env.parse(process.env);
  await mkdir(env.TRANSCODER_WORK_DIR, { recursive: true });
  const api = createApiClient({
    apiBase: env.REEL_API_URL.replace(/\/$/, ''),
    serviceKey: env.SERVICE_SIGNING_KEY,
  });
  const h264 = await detectH264Encoder();
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => controller.abort());
  const log = (line: string) => process.stdout.write(`[transcoder] ${line}\n`);
  log(
    `polling ${env.REEL_API_URL} with ${h264}, ${env.TRANSCODER_THREADS} threads, storage ${env.TRANSCODER_STORAGE}`,
  );
  await runLoop({
    api,
    storage: storageFor(env, api),
    workDir: env.TRANSCODER_WORK_DIR,
    h264,
    threads: env.TRANSCODER_THREADS,
    heartbeatMs: env.TRANSCODER_HEARTBEAT_MS,
    idleMs: env.TRANSCODER_IDLE_MS,
    signal: controller.signal,
    log,
  });
}

await main();
