export * from './common.ts';
export * from './problem.ts';
export * from './accounts.ts';
