import { problemJson } from '@reel/contracts';

/**
 * The media worker. Playback (token verification, policy, rewrite, delivery) arrives with the edge-playback
 * work; until then it answers a health route so deployments and local wiring can be checked.
 */
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/health' || url.pathname === '/v/health') {
      return Response.json({ ok: true, service: 'reel-manifest' });
    }
    return problemJson({
      status: 404,
      code: 'not_found',
      detail: 'No such media route',
      instance: crypto.randomUUID(),
    });
  },
} satisfies ExportedHandler<MediaEnv>;
