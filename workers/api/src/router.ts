import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './types.ts';
import { validationHook } from './validation.ts';

/** A sub-app with Reel's validation hook: every route module starts from this. */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
