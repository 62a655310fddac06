export * from './common.ts';
export * from './problem.ts';
export * from './accounts.ts';
export * from './catalog.ts';
export * from './auth.ts';
export * from './profiles.ts';
export * from './engagement.ts';
export * from './uploads.ts';
