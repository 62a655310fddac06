/**
 * The transcoder's side of the internal jobs API (docs/JOBS.md): every call signed with the service
 * key, every answer validated with the same zod schemas the API uses.
 */
import { type CompleteInput, type FailInput, LeaseResponse } from '@reel/contracts';
import { signServiceRequest } from '@reel/signing';

export type ApiClientOptions = { apiBase: string; serviceKey: string };

/** A non-2xx answer: `status` and the problem `code` decide what the loop does next. */
export class ApiCallError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, detail: string) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiCallError';
    this.status = status;
    this.code = code;
  }

  /** The job was re-leased, finished or expired: stop working on it (DESIGN.md fencing tokens). */
  get leaseLost(): boolean {
    return this.status === 409 && this.code === 'lease_lost';
  }
}

async function errorOf(res: Response): Promise<ApiCallError> {
  const text = await res.text();
  let code = 'http_error';
  let detail = text.slice(0, 300);
  try {
    const problem: unknown = JSON.parse(text);
    if (problem && typeof problem === 'object' && 'code' in problem && typeof problem.code === 'string') {
      code = problem.code;
      detail = 'detail' in problem && typeof problem.detail === 'string' ? problem.detail : detail;
    }
  } catch {
    // Not problem+json: keep the raw text.
  }
  return new ApiCallError(res.status, code, detail);
}

export function createApiClient({ apiBase, serviceKey }: ApiClientOptions) {
  async function signedJson(method: string, path: string, payload?: unknown): Promise<Response> {
    const body = payload === undefined ? null : JSON.stringify(payload);
    const headers = await signServiceRequest({ key: serviceKey, method, path, body });
    if (body !== null) headers['content-type'] = 'application/json';
    const res = await fetch(`${apiBase}${path}`, { method, headers, body });
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  return {
    /** The next job, or null when the queue is empty (204). */
    async lease(): Promise<LeaseResponse | null> {
      const res = await signedJson('POST', '/api/internal/jobs/lease');
      if (res.status === 204) return null;
      return LeaseResponse.parse(await res.json());
    },
    async heartbeat(jobId: string, leaseToken: number, progress: number): Promise<void> {
      await signedJson('POST', `/api/internal/jobs/${jobId}/heartbeat`, { leaseToken, progress });
    },
    async fail(jobId: string, input: FailInput): Promise<void> {
      await signedJson('POST', `/api/internal/jobs/${jobId}/fail`, input);
    },
    async complete(jobId: string, input: CompleteInput): Promise<void> {
      await signedJson('POST', `/api/internal/jobs/${jobId}/complete`, input);
    },
    /** Streams one attempt file to the API's object ingest, signed with its precomputed sha256. */
    async putObject(
      jobId: string,
      leaseToken: number,
      file: { key: string; sha256: string; bytes: Uint8Array<ArrayBuffer> },
    ) {
      const path = `/api/internal/jobs/${jobId}/objects/${file.key}`;
      const headers = await signServiceRequest({
        key: serviceKey,
        method: 'PUT',
        path,
        contentSha256: file.sha256,
      });
      const res = await fetch(`${apiBase}${path}`, {
        method: 'PUT',
        headers: {
          ...headers,
          'x-reel-lease-token': String(leaseToken),
          'content-length': String(file.bytes.length),
        },
        body: file.bytes,
      });
      if (!res.ok) throw await errorOf(res);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
