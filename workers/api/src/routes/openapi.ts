import { z } from '@hono/zod-openapi';
import { Id, Problem } from '@reel/contracts';

/** OpenAPI building blocks shared by every route module (the same zod schemas validate and document). */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Required, so a missing or non-JSON body is refused instead of being read as `{}`. */
export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Path parameters `{ [name]: Id }`, documented as such. */
export const idParams = <N extends string>(name: N) =>
  z.object({ [name]: Id.openapi({ param: { name, in: 'path' } }) } as Record<N, typeof Id>);

export const IdParams = idParams('id');

export const NO_CONTENT = { description: 'Done; no body' };

export const ERRORS = {
  400: problem('`validation_failed` naming each field, or `malformed_json`'),
  401: problem('`unauthenticated`: sign in first'),
  403: problem('`forbidden`: it belongs to someone else'),
  404: problem('`not_found` (also for titles the caller may not see)'),
  409: problem('conflict; see `code`'),
  429: problem('`rate_limited` or `quota_exceeded`'),
} as const;

/** The documented problem responses for these statuses, e.g. `...errorResponses(400, 401, 404)`. */
export const errorResponses = <S extends keyof typeof ERRORS>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, ERRORS[s]])) as Pick<typeof ERRORS, S>;
