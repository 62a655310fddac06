/**
 * The app's API client: same-origin JSON with the session cookie; failures arrive as `ApiProblem` carrying
 * the RFC 9457 `code` the pages switch on (never a parsed-as-success error body).
 */

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly body: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

async function problemOf(res: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy error page): keep the status.
  }
  const code = typeof body.code === 'string' ? body.code : `http_${res.status}`;
  const detail = typeof body.detail === 'string' ? body.detail : res.statusText;
  return new ApiProblem(res.status, code, detail, body);
}

/** Calls the API; resolves with the JSON body (or undefined for 204), rejects with ApiProblem. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
  } catch {
    throw new ApiProblem(0, 'offline', 'You appear to be offline', {});
  }
  if (!res.ok) throw await problemOf(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);

/** A query string from optional values (`undefined`, `null` and `''` are left out), with its `?`. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Messages by field from a 400 `validation_failed` (problem+json `errors: [{path, message}]`), keyed by the
 * field's top-level name (`email`, `password`), so a form can show each next to its control.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!(err instanceof ApiProblem) || !Array.isArray(err.body.errors)) return fields;
  for (const item of err.body.errors) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    fields[path.split('.')[0] ?? path] ??= message;
  }
  return fields;
}

/** Words a person understands for a failed request; `fallback` when the API gave nothing better. */
export function problemMessage(err: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (!(err instanceof ApiProblem)) return fallback;
  if (err.code === 'offline') return 'You appear to be offline. Check your connection and try again.';
  if (err.code === 'rate_limited') return 'Too many attempts. Wait a moment and try again.';
  if (err.status >= 500) return 'Reel is having trouble right now. Please try again in a moment.';
  return err.detail || fallback;
}
