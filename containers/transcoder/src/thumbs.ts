import type { SpriteConfig } from './ffmpeg-args.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** WebVTT timestamp `hh:mm:ss.ttt` (WebVTT §4.5, the form HLS players parse). */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Tile size for a sprite: the configured width, height from the display aspect, both even. */
export function spriteConfig(width: number, height: number, intervalS = 10): SpriteConfig {
  const tileWidth = 160;
  const tileHeight = Math.max(2, Math.round((tileWidth * height) / width / 2) * 2);
  return { intervalS, tileWidth, tileHeight, columns: 10, rows: 10 };
}

/** How many sheets the sprite branch writes: one tile per interval, starting at 0 s. */
export function spriteSheetCount(durationS: number, sprites: SpriteConfig): number {
  const tiles = Math.max(1, Math.ceil(durationS / sprites.intervalS));
  return Math.ceil(tiles / (sprites.columns * sprites.rows));
}

/**
 * A thumbnail track: one cue per interval, covering [0, duration] without gaps, each pointing at a tile
 * with a media fragment `#xywh=x,y,w,h` in `sprite_{sheet}.jpg` (the form hls.js/video.js players read).
 */
export function spriteVtt(durationS: number, sprites: SpriteConfig): string {
  const perSheet = sprites.columns * sprites.rows;
  const count = Math.max(1, Math.ceil(durationS / sprites.intervalS));
  const cues = Array.from({ length: count }, (_, i) => {
    const start = i * sprites.intervalS;
    const end = Math.min(durationS, start + sprites.intervalS);
    const slot = i % perSheet;
    const x = (slot % sprites.columns) * sprites.tileWidth;
    const y = Math.floor(slot / sprites.columns) * sprites.tileHeight;
    const sheet = Math.floor(i / perSheet) + 1;
    const xywh = `${x},${y},${sprites.tileWidth},${sprites.tileHeight}`;
    return `${vttTime(start)} --> ${vttTime(end)}\nsprite_${sheet}.jpg#xywh=${xywh}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
