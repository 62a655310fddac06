import type { z } from '@hono/zod-openapi';
import { Problem } from '@reel/contracts';

/** A required JSON request body: required, so a missing or non-JSON body is refused rather than read as `{}`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** An OpenAPI response entry for a problem+json answer (every Reel error, DESIGN.md "Public contract"). */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
