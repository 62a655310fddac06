import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { ApiError, type FieldError } from './errors.ts';
import type { AppEnv } from './types.ts';

const TARGET_PREFIX: Record<string, string> = {
  json: '',
  query: 'query.',
  param: 'path.',
  header: 'header.',
  cookie: 'cookie.',
  form: '',
};

/** zod issues → `[{ path, message }]`, the path prefixed by where the value came from. */
export function fieldErrors(error: z.ZodError, target: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: (TARGET_PREFIX[target] ?? '') + (issue.path.length ? issue.path.join('.') : '(body)'),
    message: issue.message,
  }));
}

/** Every validation failure is a 400 `validation_failed` naming each field (problem+json `errors`). */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const errors = fieldErrors(result.error, result.target);
  const named = errors.map((e) => e.path).join(', ');
  throw new ApiError(400, 'validation_failed', `Invalid ${named}`, { errors });
};
