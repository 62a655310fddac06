import { z } from '@hono/zod-openapi';

/**
 * RFC 9457 problem details, as every Reel error is answered. `code` is a stable snake_case string
 * clients switch on; `instance` is the request id (also logged server-side).
 */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;

/** Problem `type` URI for a code: a URN, so it is a valid URI that never pretends to be a web page. */
export const problemType = (code: string): string => `urn:reel:problem:${code}`;
