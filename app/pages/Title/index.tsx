import type { VideoView } from '@reel/contracts';
import { useEffect } from 'preact/hooks';
import { Poster } from '../../components/Poster.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { ApiProblem, get } from '../../lib/api.ts';
import { ageDescription, ageLabel, formatDuration, languageName } from '../../lib/format.ts';
import type { PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/useResource.ts';
import { TitleActions } from './TitleActions.tsx';
import { AboutTitle, CastAndCrew, MoreLikeThis } from './TitleDetails.tsx';
import { useTitleState } from './useTitleState.ts';
import './title.css';

function EpisodeLine({ episode }: { episode: NonNullable<VideoView['episode']> }) {
  return (
    <p class="eyebrow">
      <a href={`/series/${episode.seriesId}`} data-testid="series-link">
        {episode.seriesTitle}
      </a>
      <span>
        {' '}
        · Season {episode.seasonNumber}, episode {episode.episodeNumber}
      </span>
    </p>
  );
}

function Facts({ video }: { video: VideoView }) {
  const facts = [
    video.releaseYear ? String(video.releaseYear) : '',
    formatDuration(video.durationS),
    languageName(video.language),
  ].filter(Boolean);
  return (
    <p class="title-facts">
      {facts.map((f) => (
        <span key={f}>{f}</span>
      ))}
      <span class="age-badge" title={ageDescription(video.ageRating)}>
        {ageLabel(video.ageRating)}
      </span>
    </p>
  );
}

function TitleView({ video }: { video: VideoView }) {
  const { me } = useSession();
  const controls = useTitleState(video.id, me?.profile?.id ?? null);
  return (
    <article class="title-page">
      <div class="title-hero">
        <Poster video={video} eager class="title-backdrop" />
        <div class="hero-shade" />
        <div class="title-info">
          {video.episode && <EpisodeLine episode={video.episode} />}
          <h1>{video.title}</h1>
          <Facts video={video} />
          <TitleActions video={video} controls={controls} signedIn={Boolean(me?.profile)} />
          {video.description && <p class="title-description">{video.description}</p>}
          {video.genres.length > 0 && (
            <ul class="chips" aria-label="Genres">
              {video.genres.map((g) => (
                <li key={g.id}>
                  <a href={`/browse?genre=${g.id}`}>{g.name}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div class="title-panels">
        <CastAndCrew video={video} />
        <AboutTitle video={video} />
      </div>
      <MoreLikeThis video={video} />
    </article>
  );
}

/** `/title/:id`: one title, what is known about it and what the profile can do with it. */
export default function Title({ params }: PageProps) {
  const id = params.id ?? '';
  const video = useResource(() => get<{ video: VideoView }>(`/api/videos/${id}`), id);
  const title = video.data?.video.title;
  useEffect(() => {
    if (title) document.title = `${title} · Reel`;
  }, [title]);
  if (video.loading) return <Loading label="Loading title…" />;
  if (video.error instanceof ApiProblem && (video.error.status === 404 || video.error.status === 400)) {
    return (
      <EmptyState title="This title isn’t available">
        <p>It may have been removed, made private, or be outside this profile’s age limit.</p>
        <p>
          <a class="button" href="/browse">
            Browse titles
          </a>
        </p>
      </EmptyState>
    );
  }
  if (!video.data)
    return <ErrorState error={video.error} title="Couldn’t load this title" onRetry={video.reload} />;
  return <TitleView video={video.data.video} />;
}
