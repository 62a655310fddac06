import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { createAccount } from '../src/domain/accounts.ts';
import { createSession } from '../src/domain/sessions.ts';
import { createDb } from '../src/db.ts';
import type { User } from '../src/types.ts';

export const ORIGIN = 'http://localhost:8787';

export type CallOptions = {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  cf?: { country?: string };
};

/** Calls the API worker inside workerd (the real worker, D1 and R2) as a client would. */
export async function call(method: string, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  const init: RequestInit = { method, headers };
  if (opts.body !== undefined)
    init.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const request = new Request(`${ORIGIN}${path}`, init);
  return exports.default.fetch(opts.cf ? new Request(request, { cf: opts.cf }) : request);
}

/** Calls and parses JSON, failing loudly with the body when the status is not the expected one. */
export async function callJson<T>(
  method: string,
  path: string,
  status: number,
  opts: CallOptions = {},
): Promise<T> {
  const res = await call(method, path, opts);
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

let counter = 0;
export const uniqueEmail = (tag = 'user') =>
  `${tag}-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/**
 * A user with a session, created through the same domain code as sign-up (fast: no HTTP round trip).
 * Returns the bearer token, the user and their first profile's id.
 */
export async function makeUser(role: User['role'] = 'viewer', email = uniqueEmail(role)) {
  const db = createDb(env.DB);
  const now = Date.now();
  const { user, profile } = await createAccount(
    db,
    { email, password: 'correct horse battery', displayName: 'Test', role },
    now,
  );
  const { token, session } = await createSession(db, env.AUTH_PEPPER, {
    userId: user.id,
    deviceLabel: 'vitest',
    now,
  });
  return {
    token,
    user,
    profileId: profile.id,
    sessionId: session.id,
    email,
    password: 'correct horse battery',
  };
}

/** An RFC 9457 problem body as the API sends it. */
export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: { path: string; message: string }[];
};

/** The parsed problem body, failing with the response text when the status is not `status`. */
export async function problemOf(res: Response, status: number): Promise<ProblemBody> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as ProblemBody;
}

/** Rows of one raw D1 query, to check what D1 holds independently of the API. */
export async function rows<T>(query: string, ...params: unknown[]): Promise<T[]> {
  const result = await env.DB.prepare(query)
    .bind(...params)
    .all<T>();
  return result.results;
}
