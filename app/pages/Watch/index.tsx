import { useEffect } from 'preact/hooks';
import { useNextEpisode } from '../../hooks/useNextEpisode.ts';
import { useVideo } from '../../hooks/useVideo.ts';
import { parseTimeParam } from '../../player/format.ts';
import { Player } from '../../player/Player.tsx';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { Details } from './Details.tsx';
import { NextUp } from './NextUp.tsx';
import './watch.css';

/**
 * `/watch/{id}`: the player across the page, then the title, its description and what to watch next.
 * Shareable (`?t=90` starts there); signed-out visitors of a public title can watch (the API decides).
 */
export default function Watch({ params, query }: PageProps) {
  const id = params.id ?? '';
  const { me } = useSession();
  const video = useVideo(id);
  const next = useNextEpisode(video);
  useEffect(() => {
    if (video) document.title = `${video.title} · Reel`;
  }, [video?.title]);
  return (
    <div class="watch">
      <div class="watch-stage">
        <Player
          key={id}
          videoId={id}
          video={video}
          autoplay
          startAt={parseTimeParam(query.get('t'))}
          saveHistory={Boolean(me?.profile)}
          next={next}
          onNext={(nextId) => navigate(`/watch/${encodeURIComponent(nextId)}`)}
        />
      </div>
      <div class="watch-below">
        {video && <Details video={video} />}
        <NextUp video={video} next={next} />
      </div>
    </div>
  );
}
