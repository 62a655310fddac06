import { handleMedia } from './router.ts';

/**
 * The media worker (DESIGN.md "Playback and enforcement"): `/v/{token}/…` only. Wiring; the request flow is in
 * router.ts, delivery from R2 through the Cache API in delivery/.
 */
export default {
  fetch: handleMedia,
} satisfies ExportedHandler<MediaEnv>;
