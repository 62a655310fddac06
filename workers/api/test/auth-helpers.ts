import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import type { RateRule } from '../src/domain/rate-limit.ts';
import { call, callJson, uniqueEmail } from './helpers.ts';

export const PASSWORD = 'correct horse battery';

/** A fresh client address per test, so rate-limit windows never leak between tests or files. */
export const newIp = () => {
  const hex = crypto.randomUUID().replaceAll('-', '');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}::${hex.slice(12, 16)}`;
};

export type AuthBody = {
  token: string;
  user: { id: string; email: string; displayName: string; role: string; createdAt: string };
};
export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: { path: string; message: string }[];
};

/** Signs up through the API from a fresh IP; returns the parsed body and the email used. */
export async function signUp(email = uniqueEmail('auth'), password = PASSWORD) {
  const body = await callJson<AuthBody>('POST', '/api/auth/signup', 201, {
    body: { email, password, displayName: 'Ada' },
    headers: { 'cf-connecting-ip': newIp() },
  });
  return { ...body, email, password };
}

export function logIn(email: string, password: string, headers: Record<string, string> = {}) {
  return call('POST', '/api/auth/login', {
    body: { email, password },
    headers: { 'cf-connecting-ip': newIp(), ...headers },
  });
}

/** Fetches an absolute URL (e.g. https://…) through the worker, for cookie behaviour off localhost. */
export function fetchAt(url: string, init: RequestInit = {}) {
  return exports.default.fetch(new Request(url, init));
}

export async function problemOf(res: Response, status: number): Promise<ProblemBody> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as ProblemBody;
}

/** Rows of one D1 query, typed by the caller. */
export async function rows<T>(query: string, ...params: unknown[]): Promise<T[]> {
  const result = await env.DB.prepare(query)
    .bind(...params)
    .all<T>();
  return result.results;
}

/**
 * Mail is sent after the 202 (waitUntil), so the outbox is polled until `count` messages to `to` exist
 * or the deadline passes.
 */
export async function outboxFor(to: string, count = 1, deadlineMs = 5000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const found = await rows<{ subject: string; body: string }>(
      'SELECT subject, body FROM outbox_emails WHERE to_address = ? ORDER BY created_at, id',
      to,
    );
    if (found.length >= count || Date.now() > until) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Windows are fixed (aligned to multiples of the window); a test that straddles a boundary would see its
 * count reset. Start each test at least 10 s before the next boundary.
 */
export async function clearOfWindowEdge(rule: RateRule) {
  const left = rule.windowMs - (Date.now() % rule.windowMs);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
}
