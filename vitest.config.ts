import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { buildSync } from 'esbuild';
import { defineConfig } from 'vitest/config';
import { demoSeedSql } from './schema/seed/sql.ts';

const migrations = await readD1Migrations(path.join(import.meta.dirname, 'schema/migrations'));

/** Playback secrets shared by the API and media worker projects (packages/signing key ring format). */
const PLAYBACK_SECRETS = {
  PLAYBACK_SIGNING_KEYS:
    'k1=test-playback-key-1-0123456789abcdefghijklmnopqrstuvwxyz,k2=test-playback-key-2-0123456789abcdefghijklmnop',
  MEDIA_KEY_SECRET: 'test-media-key-secret-0123456789abcdefghijklmnopqrstuvwxyz',
};

/**
 * The real media worker, bundled for the API project: the API forwards /v/* to it through MEDIA_WORKER, and
 * both share one D1 database and one R2 bucket (same ids), as in `wrangler dev`.
 */
const MEDIA_BUNDLE = path.join(import.meta.dirname, 'node_modules/.cache/reel-test/manifest.js');
buildSync({
  entryPoints: ['workers/manifest/src/index.ts'],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['cloudflare:*'],
  outfile: MEDIA_BUNDLE,
  logLevel: 'warning',
});
const mediaWorker = {
  name: 'reel-manifest',
  modules: true,
  scriptPath: MEDIA_BUNDLE,
  compatibilityDate: '2026-08-01',
  bindings: { ENVIRONMENT: 'test', ...PLAYBACK_SECRETS },
  d1Databases: { DB: '00000000-0000-4000-8000-000000000000' },
  r2Buckets: { MEDIA: 'reel-media' },
};

/**
 * Four projects: `workers` (the API) and `media` (the media worker) run inside workerd with real D1/R2/DO
 * bindings from their wrangler.toml; `node` runs packages/ and the transcoder; `e2e` drives Debian's Chromium
 * against `wrangler dev`.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                // The demo seed, used to populate a database before each migration is applied.
                TEST_SEED_SQL: demoSeedSql(
                  { admin: 'pw-admin-123', creator: 'pw-creator-123', viewer: 'pw-viewer-123' },
                  1_700_000_000_000,
                ),
                AUTH_PEPPER: 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz',
                UPLOAD_SIGNING_KEY: 'test-upload-key-0123456789abcdefghijklmnopqrstuvwxyz',
                SERVICE_SIGNING_KEY: 'test-service-key-0123456789abcdefghijklmnopqrstuvwxyz',
                ...PLAYBACK_SECRETS,
                // Short leases in tests; tests that need an expired lease move lease_expires_at instead.
                JOB_BACKOFF_S: '1',
                ENVIRONMENT: 'test',
              },
              // A second, empty database on which the migration test replays history.
              d1Databases: ['MIGRATION_DB'],
              workers: [mediaWorker],
            },
          }),
        ],
        test: {
          name: 'workers',
          include: [
            'workers/api/**/*.test.ts',
            'workers/live-relay/**/*.test.ts',
            'packages/**/*.workers.test.ts',
          ],
          setupFiles: ['./workers/api/test/setup.ts'],
          fsModuleCache: false,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './workers/manifest/wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: migrations, ...PLAYBACK_SECRETS, ENVIRONMENT: 'test' },
            },
          }),
        ],
        test: {
          name: 'media',
          include: ['workers/manifest/**/*.test.ts'],
          setupFiles: ['./workers/manifest/test/setup.ts'],
          fsModuleCache: false,
        },
      },
      {
        test: {
          name: 'node',
          include: [
            'packages/**/*.test.ts',
            'containers/**/*.test.ts',
            'schema/**/*.test.ts',
            'scripts/**/*.test.ts',
            'app/**/*.test.ts',
          ],
          exclude: ['packages/**/*.workers.test.ts', '**/node_modules/**'],
          environment: 'node',
          // Fixture clips and their ladders are built once per run (cached by source + FFmpeg version).
          globalSetup: ['./containers/transcoder/test/global-setup.ts'],
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
