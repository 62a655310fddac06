import type Hls from 'hls.js';

let hlsModule: Promise<typeof Hls> | null = null;

/**
 * hls.js is the largest module by far (about 180 KB gzipped): its own chunk, fetched and evaluated once.
 * The watch page starts it while the app boots (early-start.ts), other pages on first play.
 */
export function loadHls(): Promise<typeof Hls> {
  hlsModule ??= import('hls.js').then((m) => m.default);
  return hlsModule;
}

/** Media Source Extensions (or Safari's managed variant), which hls.js needs. */
export const hasMse = (): boolean => 'MediaSource' in globalThis || 'ManagedMediaSource' in globalThis;
