/** `npm run bench`: the catalog benchmark, then the transcode ladder benchmark. Never runs in CI. */
export {};
await import('./run.ts');
await import('./transcode.ts');
await import('./playback.ts');
await import('./ttff.ts');
