import { useEffect, useRef } from 'preact/hooks';
import type { CaptionStyle } from './preferences.ts';

const isText = (t: TextTrack) => t.kind === 'subtitles' || t.kind === 'captions';

/**
 * Draws the active subtitle cues ourselves, so viewers can size them and pick a background. hls.js keeps
 * the chosen track `hidden` (it still loads cues and fires `cuechange`, HTML §4.8.11.11), and each cue's
 * markup comes from `VTTCue.getCueAsHTML()`: the WebVTT cue text DOM construction rules (WebVTT §6.5),
 * which only ever build i, b, u, ruby, span and text nodes, never anything executable.
 */
export function Captions({
  video,
  style,
  raised,
}: {
  video: HTMLVideoElement | null;
  style: CaptionStyle;
  raised: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!video) return;
    let track: TextTrack | null = null;
    const render = () => {
      const lines = Array.from(track?.activeCues ?? []).map((cue) => {
        const line = document.createElement('span');
        line.className = 'rp-cue';
        if (cue instanceof VTTCue) line.append(cue.getCueAsHTML());
        return line;
      });
      box.current?.replaceChildren(...lines);
    };
    const pick = () => {
      const next = Array.from(video.textTracks).find((t) => isText(t) && t.mode !== 'disabled') ?? null;
      if (next === track) return;
      track?.removeEventListener('cuechange', render);
      track = next;
      track?.addEventListener('cuechange', render);
      render();
    };
    const list = video.textTracks;
    for (const e of ['change', 'addtrack', 'removetrack']) list.addEventListener(e, pick);
    pick();
    return () => {
      for (const e of ['change', 'addtrack', 'removetrack']) list.removeEventListener(e, pick);
      track?.removeEventListener('cuechange', render);
    };
  }, [video]);
  return (
    <div
      ref={box}
      class="rp-captions"
      data-background={style.background}
      data-raised={raised}
      style={{ '--rp-caption-scale': String(style.size) }}
    />
  );
}
