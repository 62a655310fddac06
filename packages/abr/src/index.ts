export * from './qoe.ts';
export * from './simulate.ts';
export * from './throughput.ts';
export * from './trace.ts';
export type * from './types.ts';
export * from './video.ts';
