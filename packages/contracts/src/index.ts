export * from './common.ts';
export * from './problem.ts';
export * from './accounts.ts';
export * from './catalog.ts';
export * from './auth.ts';
