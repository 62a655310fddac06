import { z } from 'zod';

const Config = z.object({
  APP_ORIGIN: z.url(),
  MEDIA_BASE_URL: z.url(),
  ENVIRONMENT: z.enum(['development', 'test', 'production']),
  AUTH_PEPPER: z.string().min(32, 'AUTH_PEPPER must be at least 32 characters (npm start generates one)'),
});
export type Config = z.infer<typeof Config>;

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
