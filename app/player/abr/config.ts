/**
 * The hls.js settings that belong to ABR and QoE: which ABR controller runs (Reel's unless asked
 * otherwise), the 60 s buffer the simulator assumes, and CMCD on every media request.
 */
import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';
import { reelAbrController } from './controller.ts';

/** `reel`: our algorithm (the default); `hlsjs`: hls.js's own AbrController. */
export type AbrChoice = 'reel' | 'hlsjs';

/** Where a viewer (or a test) asks for hls.js's ABR: `?abr=hlsjs`, or this localStorage key. */
export const ABR_PARAM = 'abr';
export const ABR_STORAGE_KEY = 'reel.abr';

/** The simulator's buffer cap (docs/ABR.md): hls.js stops fetching 60 s ahead of the playhead. */
export const MAX_BUFFER_S = 60;

/**
 * The URL's `abr` parameter wins over the stored choice; anything but `hlsjs` means Reel.
 * @example abrChoiceOf('?abr=hlsjs', null) // 'hlsjs'
 */
export function abrChoiceOf(search: string, stored: string | null): AbrChoice {
  const asked = new URLSearchParams(search).get(ABR_PARAM) ?? stored;
  return asked === 'hlsjs' ? 'hlsjs' : 'reel';
}

/** This page's choice (storage may be blocked in a third-party iframe: then only the URL counts). */
export function readAbrChoice(): AbrChoice {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(ABR_STORAGE_KEY);
  } catch {
    // Storage blocked: the default applies.
  }
  return abrChoiceOf(location.search, stored);
}

/**
 * Config for `new Hls(...)`. `maxMaxBufferLength` caps the buffer too: hls.js otherwise buffers up to
 * `maxBufferSize` (60 MB) worth of a low rung, minutes of it. CMCD goes in the query (`CMCD=`), not in
 * headers, so cross-origin media requests need no preflight; the media worker records it.
 */
export function abrConfig(HlsCtor: typeof Hls, choice: AbrChoice = readAbrChoice()): Partial<HlsConfig> {
  return {
    ...(choice === 'reel' ? { abrController: reelAbrController(HlsCtor) } : {}),
    maxBufferLength: MAX_BUFFER_S,
    maxMaxBufferLength: MAX_BUFFER_S,
    cmcd: { useHeaders: false },
  };
}
