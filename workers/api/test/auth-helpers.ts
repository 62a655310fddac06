import { exports } from 'cloudflare:workers';
import type { RateRule } from '../src/domain/rate-limit.ts';
import { call, callJson, rows, uniqueEmail } from './helpers.ts';

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
export type { ProblemBody } from './helpers.ts';

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

export { problemOf, rows } from './helpers.ts';

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
