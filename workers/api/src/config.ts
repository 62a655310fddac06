import { type KeyRing, parseKeyRing } from '@reel/signing';
import { z } from 'zod';

const Config = z
  .object({
    APP_ORIGIN: z.url(),
    MEDIA_BASE_URL: z.url(),
    ENVIRONMENT: z.enum(['development', 'test', 'production']),
    AUTH_PEPPER: z.string().min(32, 'AUTH_PEPPER must be at least 32 characters (npm start generates one)'),
    // HMAC key for signed upload URLs (domain/upload-signing.ts).
    UPLOAD_SIGNING_KEY: z
      .string()
      .min(32, 'UPLOAD_SIGNING_KEY must be at least 32 characters (npm start generates one)'),
    // HMAC key shared with the transcoders: internal API signatures and source URLs (docs/JOBS.md).
    SERVICE_SIGNING_KEY: z
      .string()
      .min(32, 'SERVICE_SIGNING_KEY must be at least 32 characters (npm start generates one)'),
    // Playback token keys `kid=secret,…` and the kid that signs (packages/signing keyring; docs/PLAYBACK.md).
    PLAYBACK_SIGNING_KEYS: z
      .string()
      .min(35, 'PLAYBACK_SIGNING_KEYS must hold `kid=secret` (npm start generates one)'),
    PLAYBACK_SIGNING_KID: z.string().min(1),
    // Master secret that wraps the content keys of protected titles (D1 media_keys).
    MEDIA_KEY_SECRET: z
      .string()
      .min(32, 'MEDIA_KEY_SECRET must be at least 32 characters (npm start generates one)'),
    // Job lease length and the base of the retry backoff (base · 2^(attempt-1)), in seconds.
    JOB_VISIBILITY_S: z.coerce.number().positive().default(120),
    JOB_BACKOFF_S: z.coerce.number().nonnegative().default(30),
    // Production mail (domain/mail.ts HttpMailer); development and test write to the outbox_emails table.
    MAIL_API_URL: z.url().optional(),
    MAIL_API_KEY: z.string().min(1).optional(),
    MAIL_FROM: z.string().min(3).optional(),
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || (c.MAIL_API_URL && c.MAIL_API_KEY && c.MAIL_FROM), {
    message: 'production needs MAIL_API_URL, MAIL_API_KEY and MAIL_FROM (wrangler secret put)',
  });
export type Config = z.infer<typeof Config>;

const rings = new WeakMap<Config, KeyRing>();

/** The playback key ring, parsed once per config (a malformed ring fails the first request loudly). */
export function playbackKeyRing(config: Config): KeyRing {
  let ring = rings.get(config);
  if (!ring) {
    ring = parseKeyRing(config.PLAYBACK_SIGNING_KEYS, config.PLAYBACK_SIGNING_KID);
    rings.set(config, ring);
  }
  return ring;
}

const cache = new WeakMap<object, Config>();

/** Parses the env once per isolate; a misconfigured deployment fails loudly on its first request. */
export function readConfig(env: Env): Config {
  let config = cache.get(env);
  if (!config) {
    config = Config.parse(env);
    cache.set(env, config);
  }
  return config;
}
