/**
 * The creator studio's home (`/studio`): every video of the creator's channel with its status, live
 * processing progress and failure reasons, and "New video" (`/studio?new`).
 */
import { Link, navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { NewVideo } from './NewVideo.tsx';
import { SignInFirst } from './SignInFirst.tsx';
import { useStudioVideos } from './useStudioVideos.ts';
import { VideoTable } from './VideoTable.tsx';
import './studio.css';
import './studio-editors.css';

function ChannelPicker({ studio }: { studio: ReturnType<typeof useStudioVideos> }) {
  const { channels, channelId, setChannelId } = studio;
  if (!channels || channels.length < 2) return null;
  return (
    <label class="channel-picker">
      Channel{' '}
      <select value={channelId ?? ''} onChange={(e) => setChannelId(e.currentTarget.value)}>
        {channels.map((c) => (
          <option value={c.id}>{c.name}</option>
        ))}
      </select>
    </label>
  );
}

function VideoList({ studio }: { studio: ReturnType<typeof useStudioVideos> }) {
  const { videos, nextCursor, error } = studio;
  if (error) {
    return (
      <p class="field-error" role="alert">
        {error}
      </p>
    );
  }
  if (videos === null) return <p class="loading">Loading your videos…</p>;
  if (videos.length === 0) {
    return (
      <div class="empty-state">
        <p>No videos yet. Create one, upload a file, and Reel prepares it for every screen.</p>
      </div>
    );
  }
  return (
    <>
      <VideoTable videos={videos} />
      {nextCursor && (
        <button type="button" onClick={studio.loadMore}>
          Show more
        </button>
      )}
    </>
  );
}

function StudioHome({ creating }: { creating: boolean }) {
  const studio = useStudioVideos();
  const channel = studio.channels?.find((c) => c.id === studio.channelId);
  return (
    <section class="studio" aria-labelledby="studio-heading">
      <header class="studio-head">
        <div>
          <h1 id="studio-heading">Studio</h1>
          {channel && <p class="hint">Channel: {channel.name}</p>}
        </div>
        <ChannelPicker studio={studio} />
        <Link href="/studio/qoe" class="button">
          Playback quality
        </Link>
        {!creating && (
          <button type="button" class="primary" onClick={() => navigate('/studio?new')}>
            New video
          </button>
        )}
      </header>
      {creating && <NewVideo onCancel={() => navigate('/studio')} />}
      <VideoList studio={studio} />
    </section>
  );
}

export default function Studio({ query }: PageProps) {
  const { me } = useSession();
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <SignInFirst />;
  return <StudioHome creating={query.has('new')} />;
}
