import type { DeviceClass, PlaybackInput, VideoCodec } from '@reel/contracts';

/**
 * Client hints for `POST /api/videos/{id}/playback` (docs/PLAYBACK.md "Policy"): they can only lower what
 * the server grants, so they describe the device honestly and nothing more.
 */

/** One representative CMAF codec string per family (RFC 6381 `codecs`), probed through MSE. */
const PROBES: [VideoCodec, string][] = [
  ['hevc', 'video/mp4; codecs="hvc1.1.6.L93.B0"'],
  ['vp9', 'video/mp4; codecs="vp09.00.10.08"'],
  ['av1', 'video/mp4; codecs="av01.0.05M.08"'],
];

type MseLike = { isTypeSupported(type: string): boolean };

/** MediaSource, or Safari's ManagedMediaSource on iOS 17.1+ (which hls.js also uses). */
function mediaSource(): MseLike | null {
  const w = globalThis as { MediaSource?: MseLike; ManagedMediaSource?: MseLike };
  return w.MediaSource ?? w.ManagedMediaSource ?? null;
}

/** H.264 always (every rung has it); the other families only where MSE says it decodes them. */
export function supportedCodecs(): VideoCodec[] {
  const mse = mediaSource();
  if (!mse) return ['h264'];
  return ['h264', ...PROBES.filter(([, type]) => mse.isTypeSupported(type)).map(([codec]) => codec)];
}

/** Phones and small tablets get the phone start rung (480): a coarse pointer on a small screen. */
function guessDeviceClass(): DeviceClass {
  const small = Math.min(screen.width, screen.height) < 600;
  return small && matchMedia('(pointer: coarse)').matches ? 'mobile' : 'desktop';
}

/** The Network Information API is not in every browser (nor in TypeScript's DOM types). */
const saveData = () =>
  (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;

export function playbackHints(embedded: boolean): PlaybackInput {
  return {
    deviceClass: embedded ? 'embed' : guessDeviceClass(),
    codecs: supportedCodecs(),
    dataSaver: saveData(),
  };
}
