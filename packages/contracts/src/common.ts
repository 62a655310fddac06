import { z } from '@hono/zod-openapi';

/** Opaque resource id: 16 url-safe characters (see `newId` in the API). */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'must be a 16-character id');
export type Id = z.infer<typeof Id>;

/** Ordered age-rating scale (DESIGN.md "Public contract"). */
export const AGE_RATINGS = [0, 7, 12, 16, 18] as const;
export const AgeRating = z.union(AGE_RATINGS.map((r) => z.literal(r))).openapi({ example: 12 });
export type AgeRating = z.infer<typeof AgeRating>;

/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');

export const Timestamp = z.iso.datetime().openapi({ example: '2026-11-24T10:00:00.000Z' });

/** `?limit=` 1–100 (default 24) and an opaque cursor (DESIGN.md "Pagination"). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: z.string().max(512).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
