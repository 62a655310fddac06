import type { SeriesView, VideoView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { NextEpisode } from '../player/types.ts';

/** The episode after `videoId` in season order, then episode order; only ready titles qualify. */
export function nextEpisodeIn(series: SeriesView, videoId: string): NextEpisode | null {
  const seasons = [...series.seasons].sort((a, b) => a.number - b.number);
  const episodes = seasons.flatMap((s) =>
    [...s.episodes].sort((a, b) => a.number - b.number).map((e) => ({ season: s.number, e })),
  );
  const at = episodes.findIndex(({ e }) => e.video.id === videoId);
  if (at < 0) return null;
  const next = episodes.slice(at + 1).find(({ e }) => e.video.status === 'ready');
  if (!next) return null;
  return {
    videoId: next.e.video.id,
    title: next.e.video.title,
    label: `S${next.season}:E${next.e.number}`,
    posterUrl: next.e.video.posterUrl ?? null,
  };
}

/**
 * For a series episode (`video.episode`), the next one from `GET /api/series/{id}`; null for titles that
 * are not episodes, the last episode, or when the series cannot be read.
 */
export function useNextEpisode(video: VideoView | null): NextEpisode | null {
  const [next, setNext] = useState<NextEpisode | null>(null);
  const seriesId = video?.episode?.seriesId ?? null;
  useEffect(() => {
    setNext(null);
    if (!video || !seriesId) return;
    let live = true;
    api<{ series: SeriesView }>('GET', `/api/series/${encodeURIComponent(seriesId)}`)
      .then(({ series }) => live && setNext(nextEpisodeIn(series, video.id)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [video?.id, seriesId]);
  return next;
}
