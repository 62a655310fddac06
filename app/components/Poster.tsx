import { useState } from 'preact/hooks';
import '../styles/catalog.css';

export type PosterSource = { id: string; title: string; posterUrl: string | null };

/** FNV-1a over the id: a stable number per title, so its placeholder looks the same everywhere. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Two related hues and an angle from the id: a gradient that tells titles apart. */
export function placeholderStyle(id: string): Record<string, string> {
  const h = hashOf(id);
  const hue = h % 360;
  const hue2 = (hue + 30 + ((h >>> 9) % 60)) % 360;
  const angle = 110 + ((h >>> 17) % 70);
  return {
    background: `radial-gradient(120% 90% at 85% 10%, hsl(${hue2} 70% 45% / 0.55), transparent 60%), linear-gradient(${angle}deg, hsl(${hue} 55% 16%), hsl(${hue2} 60% 30%))`,
  };
}

/**
 * A title's artwork: the transcoder's poster when the title has one, otherwise (titles without media, or
 * an image that fails to load) a generated gradient carrying the title, never a broken image. The art is
 * decorative; the card or heading around it names the title.
 */
export function Poster({
  video,
  eager = false,
  class: extra = '',
}: {
  video: PosterSource;
  eager?: boolean;
  class?: string;
}) {
  const [failed, setFailed] = useState(false);
  const showImage = video.posterUrl !== null && !failed;
  return (
    <div class={`poster ${extra}`} style={placeholderStyle(video.id)} aria-hidden="true">
      {!showImage && <span class="poster-title">{video.title}</span>}
      {showImage && video.posterUrl && (
        <img
          src={video.posterUrl}
          alt=""
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          onError={() => setFailed(true)}
        />
      )}
    </div>
  );
}
