import { useEffect, useState } from 'preact/hooks';
import { useVideo } from '../../hooks/useVideo.ts';
import type { PageProps } from '../../lib/router.tsx';
import { parseTimeParam } from '../../player/format.ts';
import { Player } from '../../player/Player.tsx';
import type { PlayerError } from '../../player/types.ts';
import { parentOrigin, readEmbedPolicy } from './bridge.ts';
import { EmbedBridge } from './embed-bridge.ts';
import './embed.css';

/** The postMessage bridge for the life of the `<video>` element. */
function useEmbedBridge(video: HTMLVideoElement | null, videoId: string) {
  const [bridge, setBridge] = useState<EmbedBridge | null>(null);
  useEffect(() => {
    if (!video) return;
    const b = new EmbedBridge(window, video, videoId, readEmbedPolicy(document), parentOrigin(window));
    const detach = b.attach();
    setBridge(b);
    return () => {
      detach();
      setBridge(null);
    };
  }, [video, videoId]);
  return bridge;
}

/**
 * `/embed/{id}`: the player alone, filling the iframe, for partner pages. It plays what a signed-out viewer
 * may play (third-party iframes get no session cookie under SameSite=Lax), keeps no history, and talks to
 * the parent page through the postMessage API of docs/EMBED.md. `?autoplay=1`, `?muted=1` and `?t=` work
 * as on other players.
 */
export default function Embed({ params, query }: PageProps) {
  const id = params.id ?? '';
  const video = useVideo(id);
  const [videoEl, setVideoEl] = useState<HTMLVideoElement | null>(null);
  const bridge = useEmbedBridge(videoEl, id);
  const onError = (error: PlayerError | null) => {
    if (error) bridge?.error(error);
  };
  return (
    <div class="embed">
      <Player
        key={id}
        videoId={id}
        video={video}
        embedded
        autoplay={query.get('autoplay') === '1'}
        muted={query.get('muted') === '1'}
        startAt={parseTimeParam(query.get('t'))}
        resume={false}
        onVideoElement={setVideoEl}
        onError={onError}
      />
    </div>
  );
}
