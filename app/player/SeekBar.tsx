import { useRef, useState } from 'preact/hooks';
import { clamp, formatTime, spokenTime } from './format.ts';
import { thumbnailAt } from './thumbnails.ts';
import type { Chapter, ThumbnailCue } from './types.ts';

type Props = {
  currentTime: number;
  duration: number;
  bufferedEnd: number;
  chapters: Chapter[];
  thumbnails: ThumbnailCue[];
  onSeek: (timeS: number) => void;
};

const pct = (t: number, duration: number) => `${duration > 0 ? clamp(t / duration, 0, 1) * 100 : 0}%`;

/** The chapter a time falls in (chapters are sorted by start). */
export function chapterAt(chapters: Chapter[], t: number): Chapter | null {
  return chapters.findLast((c) => c.startS <= t) ?? null;
}

/** Keys of the ARIA slider pattern (WAI-ARIA APG "Slider"): arrows ±5 s, Page ±10 %, Home/End. */
function keyTarget(key: string, t: number, duration: number): number | null {
  const step: Record<string, number> = {
    ArrowLeft: -5,
    ArrowDown: -5,
    ArrowRight: 5,
    ArrowUp: 5,
    PageDown: -duration / 10,
    PageUp: duration / 10,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return duration;
  const delta = step[key];
  return delta === undefined ? null : clamp(t + delta, 0, duration);
}

/**
 * The seek bar: played and buffered ranges, chapter gaps, and on hover (or while dragging) a preview with
 * the sprite tile, the chapter title and the time. Dragging shows where it will land and seeks on release,
 * so MSE is not asked to seek on every pointer move.
 */
export function SeekBar({ currentTime, duration, bufferedEnd, chapters, thumbnails, onSeek }: Props) {
  const bar = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ t: number; x: number; width: number } | null>(null);
  const [scrub, setScrub] = useState<number | null>(null);

  const measure = (clientX: number) => {
    const rect = bar.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return null;
    const x = clamp(clientX - rect.left, 0, rect.width);
    return { t: (x / rect.width) * duration, x, width: rect.width };
  };
  const onPointerDown = (e: PointerEvent) => {
    const m = measure(e.clientX);
    if (!m || duration <= 0) return;
    bar.current?.setPointerCapture(e.pointerId);
    setScrub(m.t);
  };
  const onPointerMove = (e: PointerEvent) => {
    const m = measure(e.clientX);
    setHover(m);
    if (m && scrub !== null) setScrub(m.t);
  };
  const onPointerUp = (e: PointerEvent) => {
    const m = measure(e.clientX);
    if (scrub !== null && m) onSeek(m.t);
    setScrub(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const target = keyTarget(e.key, currentTime, duration);
    if (target === null || duration <= 0) return;
    e.preventDefault();
    e.stopPropagation();
    onSeek(target);
  };

  const shown = scrub ?? currentTime;
  return (
    <div
      ref={bar}
      class="rp-seek"
      role="slider"
      tabIndex={0}
      aria-label="Seek"
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(shown)}
      aria-valuetext={`${spokenTime(shown)} of ${spokenTime(duration)}`}
      data-scrubbing={scrub !== null}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setScrub(null)}
      onPointerLeave={() => setHover(null)}
      onKeyDown={onKeyDown}
    >
      <div class="rp-seek-track">
        <div class="rp-seek-buffered" style={{ width: pct(bufferedEnd, duration) }} />
        {hover && <div class="rp-seek-hover" style={{ width: pct(hover.t, duration) }} />}
        <div class="rp-seek-played" style={{ width: pct(shown, duration) }} />
        {chapters
          .filter((c) => c.startS > 0 && c.startS < duration)
          .map((c) => (
            <span key={c.startS} class="rp-seek-chapter" style={{ left: pct(c.startS, duration) }} />
          ))}
      </div>
      <div class="rp-seek-knob" style={{ left: pct(shown, duration) }} />
      {hover && duration > 0 && (
        <Preview at={scrub ?? hover.t} x={hover.x} width={hover.width} {...{ chapters, thumbnails }} />
      )}
    </div>
  );
}

type PreviewProps = { at: number; x: number; width: number; chapters: Chapter[]; thumbnails: ThumbnailCue[] };

/** The hover card: kept inside the bar's width so it never spills off the player's edge. */
function Preview({ at, x, width, chapters, thumbnails }: PreviewProps) {
  const tile = thumbnailAt(thumbnails, at);
  const chapter = chapterAt(chapters, at);
  const half = (tile?.w ?? 80) / 2;
  const left = clamp(x, half, Math.max(half, width - half));
  return (
    <div class="rp-preview" style={{ left: `${left}px` }} aria-hidden="true">
      {tile && (
        <div
          class="rp-preview-thumb"
          style={{
            width: `${tile.w}px`,
            height: `${tile.h}px`,
            backgroundImage: `url(${JSON.stringify(tile.url)})`,
            backgroundPosition: `-${tile.x}px -${tile.y}px`,
          }}
        />
      )}
      {chapter && <div class="rp-preview-chapter">{chapter.title}</div>}
      <div class="rp-preview-time">{formatTime(at)}</div>
    </div>
  );
}
