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
