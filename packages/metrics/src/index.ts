import { type AnalyticsEngineLike, analyticsEngineSink } from './analytics-engine.ts';
import { type D1Like, d1Sink } from './d1.ts';
import type { MetricsSink } from './events.ts';

export {
  ABSENT,
  type AnalyticsEngineLike,
  type AnalyticsEnginePoint,
  analyticsEngineSink,
  clipUtf8,
  toDataPoint,
} from './analytics-engine.ts';
export { type D1Like, d1Sink } from './d1.ts';
export * from './events.ts';

/** The bindings `sinkFor` chooses between (structurally a media or API worker's env). */
export interface MetricsEnv {
  ENVIRONMENT: string;
  DB: D1Like;
  METRICS: AnalyticsEngineLike;
}

/**
 * The one `MetricsSink` of a deployment (DESIGN.md "QoE"): Analytics Engine in production, the
 * `metrics_events` table everywhere else (development, test), where it can be read back.
 * @example ctx.waitUntil(sinkFor(env).record(event));
 */
export function sinkFor(env: MetricsEnv, now: () => number = Date.now): MetricsSink {
  return env.ENVIRONMENT === 'production' ? analyticsEngineSink(env.METRICS) : d1Sink(env.DB, now);
}
