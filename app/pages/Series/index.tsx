import type { EpisodeView, SeriesView } from '@reel/contracts';
import { useEffect, useId, useState } from 'preact/hooks';
import { Icon } from '../../components/Icon.tsx';
import { Poster } from '../../components/Poster.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/States.tsx';
import { ApiProblem, get } from '../../lib/api.ts';
import { ageDescription, ageLabel, formatDuration, languageName } from '../../lib/format.ts';
import type { PageProps } from '../../lib/router.tsx';
import { useResource } from '../../lib/useResource.ts';
import '../Title/title.css';
import './series.css';

/** "Caminandes: Llama Drama" → "Llama Drama" inside the Caminandes page. */
const episodeName = (series: SeriesView, title: string) => {
  const prefix = `${series.title}:`;
  return title.startsWith(prefix) ? title.slice(prefix.length).trim() : title;
};

function EpisodeItem({ series, episode }: { series: SeriesView; episode: EpisodeView }) {
  const name = episodeName(series, episode.video.title);
  return (
    <li class="episode" data-testid="episode">
      <a class="episode-play" href={`/watch/${episode.video.id}`}>
        <span class="episode-art">
          <Poster video={{ ...episode.video, title: name }} />
          <span class="episode-play-icon" aria-hidden="true">
            <Icon name="play" size={28} />
          </span>
        </span>
        <span class="episode-text">
          <span class="episode-name">
            <span class="episode-number">{episode.number}.</span> {name}
          </span>
          <span class="episode-meta">{formatDuration(episode.video.durationS)}</span>
        </span>
      </a>
      <a class="episode-more" href={`/title/${episode.video.id}`}>
        Details
        <span class="visually-hidden">
          {' '}
          of episode {episode.number}, {name}
        </span>
      </a>
    </li>
  );
}

function SeasonPicker({
  series,
  index,
  onPick,
}: {
  series: SeriesView;
  index: number;
  onPick: (i: number) => void;
}) {
  const id = useId();
  if (series.seasons.length < 2)
    return <h2 class="season-heading">{series.seasons[0]?.title || 'Episodes'}</h2>;
  return (
    <div class="season-picker">
      <label for={id} class="visually-hidden">
        Season
      </label>
      <select id={id} value={index} onChange={(e) => onPick(Number(e.currentTarget.value))}>
        {series.seasons.map((s, i) => (
          <option key={s.id} value={i}>
            {s.title || `Season ${s.number}`} ({s.episodes.length} episodes)
          </option>
        ))}
      </select>
    </div>
  );
}

function SeriesPage({ series }: { series: SeriesView }) {
  const [index, setIndex] = useState(0);
  const season = series.seasons[index];
  const first = series.seasons.flatMap((s) => s.episodes)[0];
  const count = series.seasons.reduce((n, s) => n + s.episodes.length, 0);
  const facts = [
    series.releaseYear ? String(series.releaseYear) : '',
    series.seasons.length === 1 ? '1 season' : `${series.seasons.length} seasons`,
    count === 1 ? '1 episode' : `${count} episodes`,
    languageName(series.language),
  ].filter(Boolean);
  return (
    <article class="title-page series-page">
      <div class="title-hero">
        <Poster
          video={first?.video ?? { id: series.id, title: series.title, posterUrl: null }}
          eager
          class="title-backdrop"
        />
        <div class="hero-shade" />
        <div class="title-info">
          <p class="eyebrow">Series</p>
          <h1>{series.title}</h1>
          <p class="title-facts">
            {facts.map((f) => (
              <span key={f}>{f}</span>
            ))}
            <span class="age-badge" title={ageDescription(series.ageRating)}>
              {ageLabel(series.ageRating)}
            </span>
          </p>
          {first && (
            <div class="actions">
              <a class="button primary large" href={`/watch/${first.video.id}`}>
                <Icon name="play" /> Play episode {first.number}
                <span class="visually-hidden"> of {series.title}</span>
              </a>
            </div>
          )}
          {series.description && <p class="title-description">{series.description}</p>}
        </div>
      </div>
      <section class="episodes panel" aria-label="Episodes">
        <SeasonPicker series={series} index={index} onPick={setIndex} />
        {season && season.episodes.length > 0 ? (
          <ol class="episode-list">
            {season.episodes.map((e) => (
              <EpisodeItem key={e.id} series={series} episode={e} />
            ))}
          </ol>
        ) : (
          <p class="quiet">No episodes of this season are available yet.</p>
        )}
      </section>
    </article>
  );
}

/** `/series/:id`: a series, its seasons, and every episode the profile may watch. */
export default function Series({ params }: PageProps) {
  const id = params.id ?? '';
  const series = useResource(() => get<{ series: SeriesView }>(`/api/series/${id}`), id);
  const title = series.data?.series.title;
  useEffect(() => {
    if (title) document.title = `${title} · Reel`;
  }, [title]);
  if (series.loading) return <Loading label="Loading series…" />;
  if (series.error instanceof ApiProblem && (series.error.status === 404 || series.error.status === 400)) {
    return (
      <EmptyState title="This series isn’t available">
        <p>It may have been removed, or be outside this profile’s age limit.</p>
      </EmptyState>
    );
  }
  if (!series.data)
    return <ErrorState error={series.error} title="Couldn’t load this series" onRetry={series.reload} />;
  return <SeriesPage series={series.data.series} />;
}
