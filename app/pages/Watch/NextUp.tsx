import type { VideoPage, VideoSummary, VideoView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import type { NextEpisode } from '../../player/types.ts';

/** Other titles to watch: the same first genre when there is one, else the newest, never this title. */
function useMoreLikeThis(video: VideoView | null): VideoSummary[] {
  const [items, setItems] = useState<VideoSummary[]>([]);
  const genre = video?.genres[0]?.id;
  useEffect(() => {
    if (!video) return;
    let live = true;
    const q = new URLSearchParams({ limit: '7', sort: 'popular' });
    if (genre) q.set('genre', genre);
    api<VideoPage>('GET', `/api/videos?${q}`)
      .then((page) => live && setItems(page.items.filter((v) => v.id !== video.id).slice(0, 6)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [video?.id, genre]);
  return items;
}

function Poster({ url }: { url: string | null }) {
  return url ? <img class="watch-thumb" src={url} alt="" loading="lazy" /> : <div class="watch-thumb" />;
}

/** "Next up": the next episode of a series first, then more titles like this one. */
export function NextUp({ video, next }: { video: VideoView | null; next: NextEpisode | null }) {
  const more = useMoreLikeThis(video);
  if (!next && more.length === 0) return null;
  return (
    <aside class="watch-next" aria-labelledby="watch-next-heading">
      <h2 id="watch-next-heading">Next up</h2>
      <ul>
        {next && (
          <li>
            <Link class="watch-card" href={`/watch/${encodeURIComponent(next.videoId)}`}>
              <Poster url={next.posterUrl} />
              <span>
                <small>Next episode · {next.label}</small>
                <strong>{next.title}</strong>
              </span>
            </Link>
          </li>
        )}
        {more.map((v) => (
          <li key={v.id}>
            <Link class="watch-card" href={`/watch/${encodeURIComponent(v.id)}`}>
              <Poster url={v.posterUrl} />
              <span>
                <strong>{v.title}</strong>
                {v.releaseYear && <small>{v.releaseYear}</small>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
