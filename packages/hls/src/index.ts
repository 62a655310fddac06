export * from './codecs.ts';
export * from './master.ts';
export { parsePlaylist } from './parse.ts';
export { serializeMaster, serializeMedia, serializePlaylist } from './serialize.ts';
export type * from './types.ts';
