import { problemJson } from '@reel/contracts';

/**
 * The live relay. LiveChannel and WatchParty Durable Objects arrive with the live and watch-party
 * work; until then it answers a health route so deployments and local wiring can be checked.
 */
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/health' || url.pathname === '/live/health') {
      return Response.json({ ok: true, service: 'reel-live-relay' });
    }
    return problemJson({
      status: 404,
      code: 'not_found',
      detail: 'No such live route',
      instance: crypto.randomUUID(),
    });
  },
} satisfies ExportedHandler<RelayEnv>;
