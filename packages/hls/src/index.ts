export * from './codecs.ts';
export * from './master.ts';
export { buildMpd, MpdError, type MpdErrorCode, type MpdInput } from './mpd.ts';
export { parsePlaylist } from './parse.ts';
export { type MasterPolicy, type RewriteResult, rewriteMaster } from './rewrite.ts';
export {
  codecFamilyOf,
  rungCodecFamily,
  rungIdOfUri,
  rungShortSide,
  shortSideOf,
  VIDEO_CODEC_FAMILIES,
  type VideoCodecFamily,
  variantCodecFamily,
} from './rung.ts';
export { serializeMaster, serializeMedia, serializePlaylist } from './serialize.ts';
export type * from './types.ts';
