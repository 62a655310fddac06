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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * An RFC 9457 problem+json response, as every Reel worker answers errors.
 * @example problemJson({ status: 404, code: 'not_found', detail: 'No such route', instance: requestId })
 */
export function problemJson(
  p: { status: number; code: string; detail: string; instance: string; extra?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Response {
  const body = {
    type: problemType(p.code),
    title: TITLES[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    code: p.code,
    instance: p.instance,
    ...p.extra,
  };
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}
