import { z } from '@hono/zod-openapi';

/** The QoE dashboard's data (docs/QOE.md): from daily rollups only, Mux Data definitions. */

export const QoeQuery = z.object({
  videoId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16}$/)
    .optional()
    .openapi({ description: 'one title; omitted = every title the caller may see' }),
  days: z.coerce.number().int().min(1).max(90).default(30),
});

export const QoeFigures = z.object({
  views: z.number().int(),
  starts: z.number().int(),
  startFailures: z.number().int(),
  exitsBeforeStart: z.number().int(),
  /** Start failures ÷ views (fraction). */
  startFailureRate: z.number().nullable(),
  /** Median video startup time, from the histogram (upper bound of the median's bucket), ms. */
  startupP50Ms: z.number().nullable(),
  startupAvgMs: z.number().nullable(),
  /** Rebuffer time ÷ (watch time + rebuffer time), as a fraction. */
  rebufferRatio: z.number().nullable(),
  rebufferCount: z.number().int(),
  watchMs: z.number().int(),
  avgBitrateKbps: z.number().nullable(),
  switchesPerView: z.number().nullable(),
  droppedFrames: z.number().int(),
});
export type QoeFigures = z.infer<typeof QoeFigures>;

export const QoeFlag = z.object({
  code: z.enum(['rebuffering_high', 'startup_slow', 'start_failures_high']),
  value: z.number(),
  threshold: z.number(),
  message: z.string(),
});
export type QoeFlag = z.infer<typeof QoeFlag>;

const Histogram = z.object({
  /** Upper bounds of every bucket but the last (which is open). */
  bounds: z.array(z.number()),
  values: z.array(z.number()),
});

export const QoeReport = z
  .object({
    from: z.string(),
    to: z.string(),
    videoId: z.string().nullable(),
    totals: QoeFigures,
    days: z.array(QoeFigures.extend({ day: z.string() })),
    /** Views per startup-time bucket (ms). */
    startupHistogram: Histogram,
    /** Watch ms per bitrate bucket (kbps). */
    bitrateHistogram: Histogram,
    byDevice: z.array(QoeFigures.extend({ deviceClass: z.string() })),
    byCountry: z.array(QoeFigures.extend({ country: z.string() })),
    flags: z.array(QoeFlag),
  })
  .openapi('QoeReport');
export type QoeReport = z.infer<typeof QoeReport>;
