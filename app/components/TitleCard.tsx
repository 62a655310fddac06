import type { AgeRating } from '@reel/contracts';
import { ageDescription, ageLabel, formatDuration } from '../lib/format.ts';
import { Poster, type PosterSource } from './Poster.tsx';

export type CardVideo = PosterSource & {
  durationS: number | null;
  ageRating: AgeRating;
  releaseYear?: number | null;
};

/** Seconds left as a caption: "12 min left". */
const leftLabel = (video: CardVideo, positionS: number) => {
  if (!video.durationS) return '';
  const left = formatDuration(Math.max(video.durationS - positionS, 1));
  return left ? `${left} left` : '';
};

/**
 * A title in a row or grid: artwork, name and facts, linking to its title page. With `positionS` it is a
 * continue-watching card: a progress bar and the time left.
 */
export function TitleCard({ video, positionS }: { video: CardVideo; positionS?: number }) {
  const fraction =
    positionS !== undefined && video.durationS ? Math.min(positionS / video.durationS, 1) : null;
  const facts = [video.releaseYear ? String(video.releaseYear) : '', formatDuration(video.durationS)].filter(
    Boolean,
  );
  return (
    <a class="title-card" href={`/title/${video.id}`} data-testid="title-card">
      <div class="card-art">
        <Poster video={video} />
        {fraction !== null && (
          <span class="card-progress" aria-hidden="true">
            <span style={{ width: `${Math.max(fraction * 100, 2)}%` }} />
          </span>
        )}
      </div>
      <span class="card-title">{video.title}</span>
      <span class="card-meta">
        {positionS !== undefined ? (
          <span>{leftLabel(video, positionS)}</span>
        ) : (
          facts.map((f) => <span key={f}>{f}</span>)
        )}
        <span class="age-badge" title={ageDescription(video.ageRating)}>
          {ageLabel(video.ageRating)}
        </span>
      </span>
    </a>
  );
}

/** A placeholder card while a row or grid loads (same footprint, so nothing jumps when titles arrive). */
export function CardSkeleton() {
  return (
    <div class="title-card skeleton" aria-hidden="true">
      <div class="card-art" />
      <span class="card-title">&nbsp;</span>
      <span class="card-meta">&nbsp;</span>
    </div>
  );
}
