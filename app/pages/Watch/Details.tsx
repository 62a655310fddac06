import type { VideoView } from '@reel/contracts';
import { useState } from 'preact/hooks';
import { Link } from '../../lib/router.tsx';

const rating = (age: number) => (age === 0 ? 'All ages' : `${age}+`);

function duration(seconds: number | null): string | null {
  if (!seconds) return null;
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return `${Math.round(seconds)} s`;
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Long descriptions fold to a few lines, like every video site, with a button to read on. */
const FOLD_AT = 280;

/** Title, facts (year, rating, length, genres), the series it belongs to, and the description. */
export function Details({ video }: { video: VideoView }) {
  const [open, setOpen] = useState(false);
  const facts = [
    video.releaseYear,
    duration(video.durationS),
    video.director && `Directed by ${video.director}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const long = video.description.length > FOLD_AT;
  return (
    <section class="watch-info" aria-labelledby="watch-title">
      {video.episode && (
        <p class="watch-episode">
          <Link href={`/series/${video.episode.seriesId}`}>{video.episode.seriesTitle}</Link> · Season{' '}
          {video.episode.seasonNumber}, episode {video.episode.episodeNumber}
        </p>
      )}
      <h1 id="watch-title">{video.title}</h1>
      <p class="watch-facts">
        <span class="watch-rating">
          <span class="visually-hidden">Age rating: </span>
          {rating(video.ageRating)}
        </span>
        {facts && <span>{facts}</span>}
      </p>
      {video.genres.length > 0 && (
        <ul class="watch-genres" aria-label="Genres">
          {video.genres.map((g) => (
            <li key={g.id}>
              <Link href={`/browse?genre=${encodeURIComponent(g.id)}`}>{g.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {video.description && (
        <div class="watch-description" data-open={open || !long}>
          <p>{video.description}</p>
          {long && (
            <button type="button" class="watch-more" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Show less' : 'Show more'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
