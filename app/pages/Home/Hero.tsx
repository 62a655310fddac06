import type { VideoSummary, VideoView } from '@reel/contracts';
import { Icon } from '../../components/Icon.tsx';
import { Poster } from '../../components/Poster.tsx';
import { get } from '../../lib/api.ts';
import { ageDescription, ageLabel, formatDuration } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';

/**
 * The featured title at the top of home: the most watched title this week, with its description (read
 * from the title itself) and the two things people do next, play it or read more.
 */
export function Hero({ video }: { video: VideoSummary }) {
  const full = useResource(() => get<{ video: VideoView }>(`/api/videos/${video.id}`), video.id);
  const facts = [video.releaseYear ? String(video.releaseYear) : '', formatDuration(video.durationS)].filter(
    Boolean,
  );
  return (
    <section class="hero" aria-labelledby="hero-title">
      <Poster video={video} eager class="hero-art" />
      <div class="hero-shade" />
      <div class="hero-body">
        <p class="eyebrow">Trending this week</p>
        <h2 id="hero-title" class="hero-title">
          {video.title}
        </h2>
        <p class="hero-facts">
          {facts.map((f) => (
            <span key={f}>{f}</span>
          ))}
          <span class="age-badge" title={ageDescription(video.ageRating)}>
            {ageLabel(video.ageRating)}
          </span>
          {full.data?.video.genres.slice(0, 3).map((g) => (
            <span key={g.id}>{g.name}</span>
          ))}
        </p>
        <p class="hero-description">{full.data?.video.description ?? '\u00a0'}</p>
        <div class="actions">
          <a class="button primary large" href={`/watch/${video.id}`}>
            <Icon name="play" /> Play<span class="visually-hidden"> {video.title}</span>
          </a>
          <a class="button secondary large" href={`/title/${video.id}`}>
            <Icon name="info" /> More info<span class="visually-hidden"> about {video.title}</span>
          </a>
        </div>
      </div>
    </section>
  );
}

/** The hero's footprint while the catalog loads, so the rows below do not jump. */
export function HeroSkeleton() {
  return <section class="hero skeleton" aria-hidden="true" />;
}
